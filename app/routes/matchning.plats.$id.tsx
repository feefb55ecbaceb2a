import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { searchAspirants } from '../aspirants/aspirant-search.server';
import { parseAspirantSearch } from '../aspirants/aspirant-search';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { can } from '../auth/permissions';
import { ErrorView } from '../components/error-view';
import { MatchFallbackNotice, SuggestionTable } from '../components/match-parts';
import { searchText, z } from '../forms/validation';
import { suggestionsForOpening } from '../matching/matching.server';
import { openingKindLabels } from '../openings/opening-rules';
import { openingAgeWindow } from '../matching/eligibility';

const paramsSchema = z.object({ id: z.uuid() });
const querySchema = z.object({ vem: searchText(100).catch('') });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'match:aspirants');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const ip = clientIp(context);
  const result = await suggestionsForOpening(user, parsed.data.id, ip);
  if (!result) notFound();
  const { vem } = querySchema.parse({ vem: new URL(request.url).searchParams.get('vem') ?? '' });
  // "Why not?": find one of the caller's aspirants by name and open the pair check.
  const lookup = vem ? await searchAspirants(user, parseAspirantSearch(new URLSearchParams({ q: vem })), ip) : null;
  const { opening } = result;
  const window = openingAgeWindow(opening);
  return json({
    opening: {
      id: opening.id,
      title: opening.title,
      kindLabel: openingKindLabels[opening.kind],
      organizationName: opening.organizationName,
      districtName: opening.districtName,
      occupation: `${opening.occupationName} (${opening.occupationCode})`,
      startDate: opening.startDate,
      endDate: opening.endDate,
      ages: window.max >= 67 ? `från ${window.min} år` : `${window.min}–${window.max} år`,
      placesLeft: Math.max(0, opening.places - opening.placesTaken),
      places: opening.places,
      status: opening.status,
    },
    suggestions: result.suggestions.map((s) => ({
      id: s.item.id,
      name: `${s.item.firstName} ${s.item.lastName}`,
      districtName: s.item.districtName,
      score: s.score.score,
      parts: s.score.parts,
    })),
    weightsVersion: result.weightsVersion,
    source: result.source,
    judged: result.judged,
    vem,
    lookup: lookup ? lookup.hits.slice(0, 10).map((h) => ({ id: h.id, name: `${h.firstName} ${h.lastName}`, age: h.age })) : null,
    canPropose: can(user, 'propose:match'),
  });
}

export default function OpeningSuggestions() {
  const { opening, suggestions, weightsVersion, source, judged, vem, lookup, canPropose } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/platser/${opening.id}`}>← {opening.title}</Link>
      </p>
      <h1>Matchning: {opening.title}</h1>
      <p>
        {opening.kindLabel} hos {opening.organizationName}, {opening.districtName}. {opening.occupation}. {opening.startDate} – {opening.endDate}, {opening.ages}.{' '}
        {opening.placesLeft} av {opening.places} platser lediga.
      </p>
      {opening.placesLeft === 0 ? (
        <div className="alert alert-warn" role="status">
          <p>Alla platser är tillsatta. Du kan se förslagen men inte föreslå fler.</p>
        </div>
      ) : null}
      {source === 'database' ? <MatchFallbackNotice /> : null}

      <section aria-labelledby="h-suggestions">
        <h2 id="h-suggestions">De {suggestions.length} aspiranter som passar bäst</h2>
        <p className="muted">
          Bara aspiranter som uppfyller platsens krav (ålder, målgrupp, tillgänglighet, språkkrav, samtycke) visas. {judged} prövades.
          Poängen räknas med vikterna i version {weightsVersion}.
        </p>
        {suggestions.length ? (
          <SuggestionTable
            columns={['Aspirant', 'Bor i']}
            rows={suggestions.map((s) => ({
              key: s.id,
              score: s.score,
              parts: s.parts,
              cells: [
                <>
                  <Link to={`/matchning/${opening.id}/${s.id}`}>{s.name}</Link>
                  {canPropose && opening.placesLeft > 0 ? <div className="muted">Öppna för att föreslå</div> : null}
                </>,
                s.districtName,
              ],
            }))}
          />
        ) : (
          <p>Ingen av dina aspiranter uppfyller platsens krav just nu.</p>
        )}
      </section>

      <section aria-labelledby="h-why-not" style={{ marginTop: '1.5rem' }}>
        <h2 id="h-why-not">Varför inte?</h2>
        <p>Sök en aspirant för att se vilka krav som inte uppfylls för den här platsen.</p>
        <Form method="get" className="actions">
          <label htmlFor="vem">Namn</label>
          <input id="vem" name="vem" type="search" defaultValue={vem} />
          <button type="submit" className="secondary">
            Sök
          </button>
        </Form>
        {lookup ? (
          lookup.length ? (
            <ul>
              {lookup.map((a) => (
                <li key={a.id}>
                  <Link to={`/matchning/${opening.id}/${a.id}`}>
                    {a.name}, {a.age} år
                  </Link>
                </li>
              ))}
            </ul>
          ) : (
            <p>Ingen aspirant med det namnet.</p>
          )
        ) : null}
      </section>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Matchning – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
