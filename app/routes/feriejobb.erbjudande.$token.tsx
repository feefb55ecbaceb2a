import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorView } from '../components/error-view';
import { formatSwedishDate, todayInStockholm } from '../dates';
import { answerOffer, offerByToken } from '../feriejobb/allocation.server';
import { answerSchema } from '../feriejobb/application-schema';
import { offerStatusLabels } from '../feriejobb/feriejobb-status';
import { parseSubmission } from '../forms/submission';
import { tokenParamsSchema } from '../forms/validation';

const paramsSchema = tokenParamsSchema;

/** The answer page an offer's link opens. Showing it changes nothing; the youth answers with a button (POST). */
export async function loader({ params }: LoaderFunctionArgs) {
  const parsed = paramsSchema.safeParse(params);
  const offer = parsed.success ? await offerByToken(parsed.data.token, todayInStockholm()) : null;
  if (!offer) throw json({ message: 'Länken är inte giltig. Kontrollera att du har kopierat hela länken.' }, { status: 404 });
  return json(
    {
      firstName: offer.firstName,
      year: offer.year,
      status: offer.status,
      deadline: formatSwedishDate(offer.deadline),
      placeFacts: offer.placeFacts,
      description: offer.description,
      supervisorName: offer.supervisorName,
    },
    { status: offer.status === 'pending' ? 200 : 410, headers: { 'Cache-Control': 'no-store' } },
  );
}

export async function action({ request, params }: ActionFunctionArgs) {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw json({ message: 'Länken är inte giltig.' }, { status: 404 });
  const submission = parseSubmission(await request.formData(), { schema: answerSchema });
  if (submission.status !== 'success') return json({ status: 'bad-input' as const, message: 'Välj om du tackar ja eller nej.' }, { status: 400 });
  const result = await answerOffer(parsed.data.token, submission.value.answer, todayInStockholm());
  if (result.status === 'invalid') throw json({ message: 'Länken är inte giltig.' }, { status: 404 });
  return json(result, { status: result.status === 'accepted' || result.status === 'declined' ? 200 : 410 });
}

export default function OfferAnswer() {
  const offer = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  if (result?.status === 'accepted' || result?.status === 'declined') {
    return (
      <div className="narrow">
        <h1>{result.status === 'accepted' ? 'Välkommen till ditt feriejobb!' : 'Tack för ditt svar'}</h1>
        <div className="alert alert-ok" role="status">
          <p>
            {result.status === 'accepted'
              ? 'Du har tackat ja. Vi har skickat en bekräftelse till din e-post, och din handledare hör av sig före start.'
              : 'Du har tackat nej. Platsen går vidare till någon annan.'}
          </p>
        </div>
        <p className="pre-line">{offer.placeFacts}</p>
      </div>
    );
  }
  const closed =
    result?.status === 'expired' || offer.status === 'expired'
      ? `Svarstiden gick ut ${offer.deadline}. Platsen har gått vidare till någon annan.`
      : result?.status === 'already-answered' || offer.status !== 'pending'
        ? `Du har redan svarat på erbjudandet (${offerStatusLabels[(result?.status === 'already-answered' ? result.answer : offer.status) as keyof typeof offerStatusLabels]?.toLowerCase() ?? 'besvarat'}). Länken kan bara användas en gång.`
        : null;
  return (
    <div className="narrow">
      <h1>Ditt erbjudande om feriejobb {offer.year}</h1>
      <p>Hej {offer.firstName}!</p>
      <p className="pre-line">{offer.placeFacts}</p>
      {offer.description ? <p>{offer.description}</p> : null}
      <p>Handledare: {offer.supervisorName}</p>
      {closed ? (
        <div className="alert alert-error" role="alert">
          <p>{closed}</p>
        </div>
      ) : (
        <>
          <p>
            <strong>Svara senast {offer.deadline}.</strong> Om du inte svarar går platsen vidare till någon annan.
          </p>
          {result?.status === 'bad-input' ? (
            <div className="alert alert-error" role="alert">
              <p>{result.message}</p>
            </div>
          ) : null}
          <Form method="post" className="actions">
            <button type="submit" name="answer" value="accept">
              Tacka ja
            </button>
            <button type="submit" name="answer" value="decline" className="secondary">
              Tacka nej
            </button>
          </Form>
        </>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: 'Erbjudande om feriejobb – Insteg' }, { name: 'robots', content: 'noindex' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
