import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { notFound, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { OrganizationFacts } from '../components/organization-facts';
import { getOrganization } from '../organizations/organizations.server';

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'use:employer-pages');
  const org = await getOrganization(user, user.organizationId!);
  if (!org) notFound();
  return json({ org, name: user.name });
}

export default function EmployerHome() {
  const { org, name } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{org.name}</h1>
      <p>
        Välkommen, {name}. Här samlas er organisations platser för {org.kind === 'city_unit' ? 'Stockholmsjobb, ' : ''}feriejobb,
        praktik{org.kind !== 'supplier' ? ' och mentorskap' : ''}, och förslag på kandidater från Jobbtorg Stockholm.
      </p>
      <OrganizationFacts org={org} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Min organisation – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
