import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { OrganizationFilters, OrganizationTable, Pager, SearchFallbackNotice } from '../components/organization-list';
import { organizationFilterSchema } from '../organizations/organization-schema';
import { districtOptions, findOrganizations, PAGE_SIZE } from '../organizations/organizations.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:organizations');
  const filter = organizationFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [result, districts] = await Promise.all([findOrganizations(user, filter), districtOptions()]);
  return json({ ...result, filter, districts, pageSize: PAGE_SIZE });
}

export default function Organizations() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Arbetsgivare</h1>
      <p>Integrationspaktens medlemmar, stadens enheter och leverantörer som erbjuder platser.</p>
      <SearchFallbackNotice source={data.source} />
      <OrganizationFilters filter={data.filter} districts={data.districts} />
      <p className="muted" role="status">
        {data.total} organisationer
      </p>
      <OrganizationTable items={data.items} linkTo={(id) => `/organisationer/${id}`} />
      <Pager page={data.page} total={data.total} pageSize={data.pageSize} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Arbetsgivare – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
