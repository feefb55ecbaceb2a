/**
 * The answer to an action (a status change, a retry …): green when it worked, red (and announced
 * at once) when not. Nothing when there is no message.
 */
export function ResultMessage({ result }: { result: { ok: boolean; message: string | null } | null | undefined }) {
  if (!result?.message) return null;
  return (
    <div className={`alert ${result.ok ? 'alert-ok' : 'alert-error'}`} role={result.ok ? 'status' : 'alert'}>
      <p>{result.message}</p>
    </div>
  );
}
