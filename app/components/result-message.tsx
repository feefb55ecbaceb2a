/** The answer to an action (a status change, a retry …): green when it worked, red when not. */
export function ResultMessage({ result }: { result: { ok: boolean; message: string } | null | undefined }) {
  if (!result) return null;
  return (
    <div className={`alert ${result.ok ? 'alert-ok' : 'alert-error'}`} role="status">
      <p>{result.message}</p>
    </div>
  );
}
