import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react';
import { ageBandLabels, availabilityBandLabels, enrolmentBandLabels, type AgeBand, type AvailabilityBand, type EnrolmentBand } from '../aspirants/aspirant-bands';
import { swedishLevelLabels, targetGroupLabels, type TargetGroup } from '../aspirants/aspirant-rules';
import { aspirantFacetKeys, aspirantSearchQuery, parseAspirantSearch, type AspirantFacetKey, type AspirantSearch } from '../aspirants/aspirant-search';
import { ASPIRANTS_PAGE_SIZE, searchAspirants } from '../aspirants/aspirant-search.server';
import { clientIp, requirePermission } from '../auth/auth.server';
import { can } from '../auth/permissions';
import { ErrorView } from '../components/error-view';
import { FacetList } from '../components/facet-list';
import { ActiveFilters, Pagination, SearchFallbackNotice, useSubmitOnFilterChange } from '../components/search-parts';
import { occupationNames } from '../occupations/occupation-names.server';

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:aspirant:own-jobbtorg');
  const state = parseAspirantSearch(new URL(request.url).searchParams);
  const result = await searchAspirants(user, state, clientIp(context));
  const codes = new Set<string>();
  for (const key of ['ssyk1', 'ssyk2', 'ssyk3', 'ssyk4'] as const) {
    for (const code of Object.keys(result.facets[key] ?? {})) codes.add(code);
    for (const code of state[key]) codes.add(code);
  }
  return json({
    state,
    result,
    occupationNames: await occupationNames(codes),
    pageSize: ASPIRANTS_PAGE_SIZE,
    canEnrol: can(user, 'enrol:aspirant'),
    showJobbtorg: user.role === 'admin',
  });
}

const facetTitles: Record<AspirantFacetKey, string> = {
  targetGroup: 'Målgrupp',
  swedish: 'Svenska',
  language: 'Andra språk',
  district: 'Bor i stadsdelsområde',
  ssyk1: 'Yrkesområde (SSYK 1)',
  ssyk2: 'Yrkesområde (SSYK 2)',
  ssyk3: 'Yrkesgrupp (SSYK 3)',
  ssyk4: 'Yrke (SSYK 4)',
  availability: 'Tillgänglighet',
  age: 'Ålder',
  plan: 'Handlingsplan',
  months: 'Tid som inskriven',
};

export default function AspirantSearchPage() {
  const { state, result, occupationNames, pageSize, canEnrol, showJobbtorg } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const submitOnChange = useSubmitOnFilterChange();
  const navigation = useNavigation();
  const label = (key: AspirantFacetKey, value: string): string => {
    if (key === 'targetGroup') return targetGroupLabels[value as TargetGroup] ?? value;
    if (key === 'swedish') return swedishLevelLabels[value as keyof typeof swedishLevelLabels] ?? value;
    if (key === 'availability') return availabilityBandLabels[value as AvailabilityBand] ?? value;
    if (key === 'age') return ageBandLabels[value as AgeBand] ?? value;
    if (key === 'months') return enrolmentBandLabels[value as EnrolmentBand] ?? value;
    if (key === 'plan') return value === 'true' ? 'Har handlingsplan' : 'Saknar handlingsplan';
    if (key.startsWith('ssyk')) return `${value} ${occupationNames[value] ?? ''}`.trim();
    return value;
  };
  const pages = Math.max(1, Math.ceil(Math.min(result.total, 10_000) / pageSize));
  const pageLink = (page: number) => `?${aspirantSearchQuery({ ...state, page } as AspirantSearch)}`;
  const activeFilters = aspirantFacetKeys.flatMap((key) => state[key].map((value) => ({ key, value })));

  return (
    <>
      <div className="actions" style={{ justifyContent: 'space-between' }}>
        <h1>Aspiranter</h1>
        {canEnrol ? (
          <Link className="button" to="/coach/aspiranter/ny">
            Skriv in aspirant
          </Link>
        ) : null}
      </div>
      {params.get('raderad') ? (
        <div className="alert alert-ok" role="status">
          <p>Aspirantens personuppgifter är anonymiserade.</p>
        </div>
      ) : null}
      {result.source === 'database' ? (
        <SearchFallbackNotice>
          {result.ignoredFilters?.length
            ? `Filtren ${result.ignoredFilters.map((k) => facetTitles[k].toLowerCase()).join(', ')} används inte förrän sökfunktionen svarar igen.`
            : undefined}
        </SearchFallbackNotice>
      ) : null}
      <Form
        method="get"
        id="aspirant-search"
        role="search"
        aria-label="Sök aspiranter"
        onChange={submitOnChange}
      >
        <div className="filters">
          <div className="field">
            <label htmlFor="q">Namn</label>
            <input id="q" name="q" type="search" defaultValue={state.q} placeholder="För- eller efternamn" autoComplete="off" />
          </div>
          <div className="field" style={{ maxWidth: '14rem' }}>
            <label htmlFor="sort">Sortera</label>
            <select id="sort" name="sort" defaultValue={state.sort}>
              <option value="relevance">Bäst matchning</option>
              <option value="name">Efternamn</option>
              <option value="enrolled">Senast inskriven</option>
            </select>
          </div>
          <div className="field" style={{ maxWidth: '14rem' }}>
            <label>
              <input type="checkbox" name="alla" value="1" defaultChecked={state.alla === '1'} /> Visa även utskrivna
            </label>
          </div>
          <button type="submit">Sök</button>
        </div>
        <div className="search-layout">
          <FacetList
            keys={aspirantFacetKeys}
            titles={facetTitles}
            counts={result.facets}
            selected={state}
            label={label}
            openByDefault={['targetGroup', 'plan', 'months']}
          />
          <section aria-labelledby="results-heading">
            <h2 id="results-heading" className="muted" style={{ marginTop: 0, fontSize: '1rem' }} aria-live="polite">
              {navigation.state === 'loading' ? 'Söker …' : `${result.total} ${result.total === 1 ? 'aspirant' : 'aspiranter'}`}
            </h2>
            <ActiveFilters
              filters={activeFilters}
              label={label}
              removeLink={(key, value) => `?${aspirantSearchQuery({ ...state, [key]: state[key].filter((v) => v !== value), page: 1 } as AspirantSearch)}`}
              clearLink="/coach/aspiranter"
            />
            {result.hits.length === 0 ? (
              <div className="card">
                <p>
                  <strong>Inga aspiranter matchar {state.q ? `”${state.q}”` : 'urvalet'}.</strong>
                </p>
                <ul>
                  {state.q ? <li>Kontrollera stavningen, eller sök på bara förnamn eller efternamn.</li> : null}
                  {activeFilters.length ? <li>Ta bort några filter.</li> : null}
                  {state.alla !== '1' ? <li>Utskrivna aspiranter visas bara om du kryssar i ”Visa även utskrivna”.</li> : null}
                </ul>
              </div>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      <th scope="col">Namn</th>
                      <th scope="col">Ålder</th>
                      <th scope="col">Bor i</th>
                      <th scope="col">Inskriven</th>
                      <th scope="col">Handlingsplan</th>
                      <th scope="col">Jobbcoach</th>
                      {showJobbtorg ? <th scope="col">Jobbtorg</th> : null}
                      {state.alla === '1' ? <th scope="col">Utskriven</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {result.hits.map((a) => (
                      <tr key={a.id}>
                        <th scope="row">
                          <Link to={`/coach/aspiranter/${a.id}`}>
                            {a.lastName}, {a.firstName}
                          </Link>
                        </th>
                        <td>{a.age} år</td>
                        <td>{a.districtName}</td>
                        <td>{a.enrolledOn}</td>
                        <td>{a.hasPlan ? 'Ja' : <span className="badge">Saknas</span>}</td>
                        <td>{a.coachName ?? '–'}</td>
                        {showJobbtorg ? <td>{a.jobbtorgName}</td> : null}
                        {state.alla === '1' ? <td>{a.exitedOn ?? '–'}</td> : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <Pagination page={state.page} pages={pages} link={pageLink} />
          </section>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Aspiranter – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
