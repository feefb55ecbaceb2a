import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { genderLabels } from '../aspirants/aspirant-rules';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { ResultMessage } from '../components/result-message';
import { PairStatusBadge, PairSuggestions } from '../components/mentor-parts';
import { todayInStockholm } from '../dates';
import { z } from '../forms/validation';
import { availabilityLabels, type Availability } from '../mentoring/mentor-rules';
import { getAdept, suggestionsForAdept, suggestPair } from '../mentoring/mentoring.server';
import { mentorProgrammeLabels, swedishLevelLabels, type MentorProgramme, type SwedishLevel } from '../openings/opening-rules';

const paramsSchema = z.object({ id: z.uuid() });
const suggestSchema = z.object({ intent: z.literal('suggest'), mentorId: z.uuid() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'use:mentoring-pages');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const adept = await getAdept(parsed.data.id);
  if (!adept) notFound();
  const open = adept.pairs.some((p) => p.status === 'suggested' || p.status === 'confirmed' || p.status === 'active');
  return json({ adept, suggestions: open ? [] : (await suggestionsForAdept(adept.id, todayInStockholm())) ?? [] });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'use:mentoring-pages');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const formData = await request.formData();
  const input = suggestSchema.safeParse({ intent: formData.get('intent'), mentorId: formData.get('mentorId') });
  if (!input.success) return json({ message: 'Välj en mentor i listan.' }, { status: 400 });
  const result = await suggestPair(user, parsed.data.id, input.data.mentorId, todayInStockholm(), clientIp(context));
  if (!result.ok) return json({ message: result.formError ?? 'Paret kunde inte föreslås.' }, { status: 409 });
  return redirect(`/mentorskap/par/${result.id}`);
}

export default function AdeptPage() {
  const { adept, suggestions } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  return (
    <>
      <p>
        <Link to="/mentorskap/adepter">← Adepter</Link>
      </p>
      <h1>
        {adept.firstName} {adept.lastName}
      </h1>
      <ResultMessage result={data ? { ok: false, message: data.message } : null} />
      <dl className="facts">
        <dt>Program</dt>
        <dd>{mentorProgrammeLabels[adept.programme as MentorProgramme] ?? adept.programme}</dd>
        <dt>Födelseår</dt>
        <dd>{adept.birthYear}</dd>
        <dt>Kön</dt>
        <dd>{genderLabels[adept.gender]}</dd>
        <dt>Yrkesmål (SSYK)</dt>
        <dd>{adept.goalOccupationCode ?? '–'}</dd>
        <dt>Språk</dt>
        <dd>{adept.languages.length ? adept.languages.join(', ') : '–'}</dd>
        <dt>Svenska</dt>
        <dd>{swedishLevelLabels[adept.swedishLevel as SwedishLevel] ?? adept.swedishLevel}</dd>
        <dt>Kan träffas</dt>
        <dd>{adept.availability.map((a) => availabilityLabels[a as Availability] ?? a).join(', ')}</dd>
        <dt>Studerar</dt>
        <dd>{adept.studying ? 'Ja' : 'Nej'}</dd>
        <dt>Önskad mentor</dt>
        <dd>{adept.preferredMentorGender ? genderLabels[adept.preferredMentorGender] : 'Ingen önskan'}</dd>
        <dt>Kontakt</dt>
        <dd>{[adept.email, adept.phone].filter(Boolean).join(', ')}</dd>
        <dt>Anteckningar</dt>
        <dd className="pre-line">{adept.coordinatorNotes ?? '–'}</dd>
      </dl>
      <h2>Par</h2>
      {adept.pairs.length ? (
        <ul>
          {adept.pairs.map((p) => (
            <li key={p.id}>
              <Link to={`/mentorskap/par/${p.id}`}>{p.mentorName}</Link> <PairStatusBadge status={p.status} />
            </li>
          ))}
        </ul>
      ) : (
        <p>Inga par än.</p>
      )}
      {suggestions.length || !adept.pairs.some((p) => ['suggested', 'confirmed', 'active'].includes(p.status)) ? (
        <section>
          <h2>Förslag på mentorer</h2>
          <PairSuggestions
            hiddenName="mentorId"
            emptyText="Ingen godkänd mentor med lediga platser passar just nu."
            rows={suggestions.map((s) => ({ id: s.mentorId, name: s.name, detail: `${s.organizationName}, ${s.free} lediga platser`, score: s.score, parts: s.parts }))}
          />
        </section>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Adept – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
