import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { MatchFallbackNotice, SuggestionTable } from '../components/match-parts';
import { z } from '../forms/validation';
import { suggestionsForAspirant } from '../matching/matching.server';
import { openingKindLabels } from '../openings/opening-rules';

const paramsSchema = z.object({ id: z.uuid() });

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'match:aspirants');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const result = await suggestionsForAspirant(user, parsed.data.id, clientIp(context));
  if (!result) notFound();
  const { aspirant } = result;
  return json({
    aspirant: { id: aspirant.id, name: `${aspirant.firstName} ${aspirant.lastName}`, consented: aspirant.consented, exited: aspirant.exitedOn !== null },
    suggestions: result.suggestions.map((s) => ({
      id: s.item.id,
      title: s.item.title,
      kindLabel: openingKindLabels[s.item.kind],
      organizationName: s.item.organizationName,
      districtName: s.item.districtName,
      startDate: s.item.startDate,
      deadline: s.item.applicationDeadline,
      placesLeft: s.item.places - s.item.placesTaken,
      score: s.score.score,
      parts: s.score.parts,
    })),
    weightsVersion: result.weightsVersion,
    source: result.source,
  });
}

export default function AspirantSuggestions() {
  const { aspirant, suggestions, weightsVersion, source } = useLoaderData<typeof loader>();
  return (
    <>
      <p>
        <Link to={`/coach/aspiranter/${aspirant.id}`}>← {aspirant.name}</Link>
      </p>
      <h1>Platser som passar {aspirant.name}</h1>
      {aspirant.exited ? (
        <div className="alert alert-warn" role="status">
          <p>Aspiranten är utskriven och matchas inte längre.</p>
        </div>
      ) : !aspirant.consented ? (
        <div className="alert alert-warn" role="status">
          <p>
            Aspiranten har inte samtyckt till att arbetsgivare får se en sammanfattning av profilen. Utan samtycke kan hen inte föreslås.
            Registrera samtycket på <Link to={`/coach/aspiranter/${aspirant.id}`}>profilen</Link>.
          </p>
        </div>
      ) : null}
      {source === 'database' ? <MatchFallbackNotice /> : null}
      <p className="muted">Publicerade platser med öppen ansökan och lediga platser, där aspiranten uppfyller alla krav. Vikter version {weightsVersion}.</p>
      {suggestions.length ? (
        <SuggestionTable
          columns={['Plats', 'Arbetsgivare', 'Start']}
          rows={suggestions.map((s) => ({
            key: s.id,
            score: s.score,
            parts: s.parts,
            cells: [
              <>
                <Link to={`/matchning/${s.id}/${aspirant.id}`}>{s.title}</Link>
                <div className="muted">
                  {s.kindLabel}, {s.districtName}, {s.placesLeft} lediga, sista dag {s.deadline}
                </div>
              </>,
              s.organizationName,
              s.startDate,
            ],
          }))}
        />
      ) : (
        <p>Inga publicerade platser passar just nu.</p>
      )}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Matchande platser – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
