import { isRouteErrorResponse, Link, useRouteError } from '@remix-run/react';

/** What each error status says; also the text of a file download's 503 (app/lib/database-outage.server.ts). */
export const errorMessages: Record<number, { title: string; text: string }> = {
  400: { title: 'Felaktig begäran', text: 'Något i begäran var fel. Försök igen.' },
  403: { title: 'Åtkomst nekad', text: 'Du har inte behörighet till den här sidan.' },
  404: { title: 'Sidan finns inte', text: 'Sidan du letar efter finns inte, eller så har du inte tillgång till den.' },
  405: { title: 'Otillåten metod', text: 'Sidan kan inte användas på det sättet.' },
  503: {
    title: 'Tjänsten är inte tillgänglig just nu',
    text: 'Det är ett tillfälligt avbrott, och det beror inte på något du har gjort. Försök igen om en stund.',
  },
};

/** A 503 answering a submission (see app/lib/database-outage.server.ts): what was sent may not have been saved. */
function wasSubmission(error: unknown) {
  return isRouteErrorResponse(error) && error.status === 503 && (error.data as { submitted?: unknown } | null)?.submitted === true;
}

/** The shared error view used by every route's ErrorBoundary. */
export function ErrorView() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message = errorMessages[status] ?? {
    title: 'Något gick fel',
    text: 'Ett oväntat fel inträffade. Försök igen om en stund. Om felet kvarstår, kontakta supporten.',
  };
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <section className="error-view" aria-labelledby="error-title">
      <h1 id="error-title">{message.title}</h1>
      <p>{message.text}</p>
      {wasSubmission(error) ? <p>Det du skickade in har kanske inte sparats. Kontrollera det när tjänsten fungerar igen, och skicka in det på nytt om det behövs.</p> : null}
      <p className="muted">Felkod {status}</p>
      <p>
        <Link to="/">Till startsidan</Link>
      </p>
    </section>
  );
}
