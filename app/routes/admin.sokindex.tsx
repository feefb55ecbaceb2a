import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { indexKeys, physicalIndexName } from '../../search/indexes';
import { searchOutboxBacklog } from '../../search/sync.server';
import { requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { getDb, getSearch } from '../services.server';

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'read:search-status');
  const search = getSearch();
  const backlog = await searchOutboxBacklog(getDb());
  let indexes: Array<{ key: string; documents: number | null }> = [];
  let available = true;
  try {
    const stats = await search.client.getStats();
    indexes = indexKeys.map((key) => ({ key, documents: stats.indexes[physicalIndexName(key, search.prefix)]?.numberOfDocuments ?? 0 }));
  } catch {
    available = false;
    indexes = indexKeys.map((key) => ({ key, documents: null }));
  }
  return json({ available, indexes, backlog });
}

export default function SearchStatus() {
  const { available, indexes, backlog } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Sökindex</h1>
      {available ? (
        <div className="alert alert-ok" role="status">
          <p>Meilisearch svarar.</p>
        </div>
      ) : (
        <div className="alert alert-error" role="status">
          <p>
            Meilisearch svarar inte. Ändringar sparas ändå och ligger i kö tills sökmotorn är tillbaka; sidor med sökning
            visar resultat direkt från databasen.
          </p>
        </div>
      )}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">Index</th>
              <th scope="col">Dokument</th>
              <th scope="col">Väntande ändringar</th>
              <th scope="col">Senaste fel</th>
            </tr>
          </thead>
          <tbody>
            {indexes.map((i) => {
              const b = backlog.find((x) => x.indexName === i.key);
              return (
                <tr key={i.key}>
                  <td>{i.key}</td>
                  <td>{i.documents ?? 'okänt'}</td>
                  <td>{b?.waiting ?? 0}</td>
                  <td>{b?.lastError ?? '–'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted">
        Ett index kan byggas om från databasen med <code>npm run search:reindex</code>; sökningen fungerar under tiden.
      </p>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Sökindex – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
