import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react';
import { Fragment } from 'react';
import { occupationNames } from '../occupations/occupation-names.server';
import { requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { FacetList } from '../components/facet-list';
import { ActiveFilters, Pagination, SearchFallbackNotice, useSubmitOnFilterChange } from '../components/search-parts';
import { statusBadgeClass } from '../components/opening-details';
import {
  feriejobbInterestAreaLabels,
  mentorProgrammeLabels,
  openingKindLabels,
  openingStatusLabels,
  praktikLevelLabels,
  stockholmsjobbSubtypeLabels,
} from '../openings/opening-rules';
import { highlightParts, openingSearchQuery, parseOpeningSearch, type FacetKey, type OpeningSearch } from '../openings/opening-search';
import { OPENINGS_PAGE_SIZE, searchOpenings } from '../openings/search.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'search:openings');
  const state = parseOpeningSearch(new URL(request.url).searchParams);
  const result = await searchOpenings(user, state);
  // Names for the SSYK codes that appear as facet values or filters.
  const codes = new Set<string>();
  for (const key of ['ssyk1', 'ssyk2', 'ssyk3', 'ssyk4'] as const) {
    for (const code of Object.keys(result.facets[key] ?? {})) codes.add(code);
    for (const code of state[key]) codes.add(code);
  }
  return json({
    state,
    result,
    occupationNames: await occupationNames(codes),
    pageSize: OPENINGS_PAGE_SIZE,
    canFilterStatus: user.role === 'admin',
  });
}

const subtypeLabels: Record<string, string> = {
  ...stockholmsjobbSubtypeLabels,
  ...feriejobbInterestAreaLabels,
  ...praktikLevelLabels,
  ...mentorProgrammeLabels,
};

const facetTitles: Record<FacetKey, string> = {
  kind: 'Sort av plats',
  subtype: 'Inriktning',
  cluster: 'Kluster',
  district: 'Stadsdelsområde',
  ssyk1: 'Yrkesområde (SSYK 1)',
  ssyk2: 'Yrkesområde (SSYK 2)',
  ssyk3: 'Yrkesgrupp (SSYK 3)',
  ssyk4: 'Yrke (SSYK 4)',
  organization: 'Organisation',
  membership: 'Medlemsnivå',
  month: 'Startmånad',
  language: 'Språk',
  status: 'Status',
};

const facetOrder: FacetKey[] = ['kind', 'subtype', 'cluster', 'district', 'ssyk1', 'ssyk2', 'ssyk3', 'ssyk4', 'organization', 'membership', 'month', 'language', 'status'];

function Highlighted({ text }: { text: string }) {
  return (
    <>
      {highlightParts(text).map((p, i) => (p.mark ? <mark key={i}>{p.text}</mark> : <Fragment key={i}>{p.text}</Fragment>))}
    </>
  );
}

export default function OpeningSearchPage() {
  const { state, result, occupationNames, pageSize, canFilterStatus } = useLoaderData<typeof loader>();
  const submitOnChange = useSubmitOnFilterChange();
  const navigation = useNavigation();
  const label = (key: FacetKey, value: string) => {
    if (key === 'kind') return openingKindLabels[value as keyof typeof openingKindLabels] ?? value;
    if (key === 'subtype') return subtypeLabels[value] ?? value;
    if (key === 'membership') return value === 'plus' ? 'Plusmedlem' : 'Medlem';
    if (key === 'status') return openingStatusLabels[value as keyof typeof openingStatusLabels] ?? value;
    if (key.startsWith('ssyk')) return `${value} ${occupationNames[value] ?? ''}`.trim();
    return value;
  };
  const pages = Math.max(1, Math.ceil(result.total / pageSize));
  const pageLink = (page: number) => `?${openingSearchQuery({ ...state, page } as OpeningSearch)}`;
  const activeFilters = facetOrder.flatMap((key) => state[key].map((value) => ({ key, value })));

  return (
    <>
      <h1>Platser</h1>
      {result.source === 'database' ? <SearchFallbackNotice /> : null}
      <Form method="get" id="opening-search" role="search" aria-label="Sök platser" onChange={submitOnChange}>
        <div className="filters">
          <div className="field">
            <label htmlFor="q">Sökord</label>
            <input id="q" name="q" type="search" defaultValue={state.q} placeholder="Yrke, arbetsgivare, stadsdel …" />
          </div>
          <div className="field" style={{ maxWidth: '14rem' }}>
            <label htmlFor="sort">Sortera</label>
            <select id="sort" name="sort" defaultValue={state.sort}>
              <option value="relevance">Bäst matchning</option>
              <option value="deadline">Sista ansökningsdag</option>
              <option value="start">Startdatum</option>
              <option value="newest">Senast publicerad</option>
            </select>
          </div>
          <button type="submit">Sök</button>
        </div>
        <div className="search-layout">
          <FacetList
            keys={facetOrder.filter((key) => key !== 'status' || canFilterStatus)}
            titles={facetTitles}
            counts={result.facets}
            selected={state}
            label={label}
            openByDefault={['kind', 'cluster', 'ssyk1']}
          />
          <section aria-labelledby="results-heading">
            <h2 id="results-heading" className="muted" style={{ marginTop: 0, fontSize: '1rem' }} aria-live="polite">
              {navigation.state === 'loading' ? 'Söker …' : `${result.total} ${result.total === 1 ? 'plats' : 'platser'}`}
            </h2>
            <ActiveFilters
              filters={activeFilters}
              label={label}
              removeLink={(key, value) => `?${openingSearchQuery({ ...state, [key]: state[key].filter((v) => v !== value), page: 1 } as OpeningSearch)}`}
              clearLink="/platser"
            />
            {result.hits.length === 0 ? (
              <div className="card">
                <p>
                  <strong>Inga platser matchar {state.q ? `”${state.q}”` : 'sökningen'}.</strong>
                </p>
                <ul>
                  <li>Kontrollera stavningen eller prova ett annat ord, till exempel yrket i stället för titeln.</li>
                  {activeFilters.length ? <li>Ta bort några filter.</li> : null}
                  <li>Nya platser publiceras löpande; titta gärna igen senare.</li>
                </ul>
              </div>
            ) : (
              result.hits.map((hit) => (
                <article key={hit.id} className="hit">
                  <h2>
                    <Link to={`/platser/${hit.id}`}>
                      <Highlighted text={hit.titleHighlighted} />
                    </Link>
                  </h2>
                  <p className="hit-meta">
                    <span className="badge">{hit.kindLabel}</span>
                    <span>{hit.subtypeLabel}</span>
                    <span>{hit.organizationName}</span>
                    <span>{hit.districtName}</span>
                    {hit.status !== 'published' ? <span className={`badge ${statusBadgeClass(hit.status)}`}>{openingStatusLabels[hit.status]}</span> : null}
                  </p>
                  <p className="snippet">
                    <Highlighted text={hit.snippet} />
                  </p>
                  <p className="hit-meta">
                    <span>{hit.occupationName}</span>
                    <span>
                      {hit.places} {hit.places === 1 ? 'plats' : 'platser'}
                    </span>
                    <span>
                      Start {hit.startDate}, sista ansökningsdag {hit.applicationDeadline}
                    </span>
                  </p>
                </article>
              ))
            )}
            <Pagination page={state.page} pages={pages} link={pageLink} />
          </section>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Platser – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
