import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { clientIp, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { ResultMessage } from '../components/result-message';
import { OrganizationFilters, OrganizationTable, Pager, SearchFallbackNotice } from '../components/organization-list';
import { organizationFilterSchema, organizationStatusSchema } from '../organizations/organization-schema';
import { changeOrganizationStatus, districtOptions, findOrganizations, PAGE_SIZE } from '../organizations/organizations.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'manage:organizations');
  const filter = organizationFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const [result, districts] = await Promise.all([findOrganizations(user, filter), districtOptions()]);
  return json({ ...result, filter, districts, pageSize: PAGE_SIZE });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = await requirePermission(request, 'manage:organizations');
  const parsed = organizationStatusSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ ok: false, message: 'Ogiltig begäran.' }, { status: 400 });
  const result = await changeOrganizationStatus(actor, parsed.data.organizationId, parsed.data.intent, clientIp(context));
  return json(result, { status: result.ok ? 200 : 400 });
}

export default function AdminOrganizations() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <>
      <div className="actions" style={{ justifyContent: 'space-between' }}>
        <h1>Organisationer</h1>
        <Link className="button" to="/admin/organisationer/ny">
          Ny organisation
        </Link>
      </div>
      <ResultMessage result={result} />
      <SearchFallbackNotice source={data.source} />
      <OrganizationFilters filter={data.filter} districts={data.districts} />
      <p className="muted">{data.total} organisationer</p>
      <OrganizationTable
        items={data.items}
        linkTo={(id) => `/organisationer/${id}`}
        actions={(o) => (
          <Form method="post">
            <input type="hidden" name="organizationId" value={o.id} />
            <button
              type="submit"
              name="intent"
              value={o.active ? 'deactivate' : 'reactivate'}
              className="secondary"
              aria-label={`${o.active ? 'Inaktivera' : 'Aktivera'} ${o.name}`}
            >
              {o.active ? 'Inaktivera' : 'Aktivera'}
            </button>
          </Form>
        )}
      />
      <Pager page={data.page} total={data.total} pageSize={data.pageSize} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Organisationer – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
