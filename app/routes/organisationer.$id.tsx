import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { forbidden, notFound, requireUser } from '../auth/auth.server';
import { can } from '../auth/permissions';
import { ErrorView } from '../components/error-view';
import { OrganizationFacts } from '../components/organization-facts';
import { z } from '../forms/validation';
import { getOrganization } from '../organizations/organizations.server';

const paramsSchema = z.object({ id: z.uuid() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  if (!can(user, 'read:organizations') && !can(user, 'read:organization:own')) forbidden();
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  // Ownership is part of the query: an employer asking for another organisation gets a 404.
  const org = await getOrganization(user, parsed.data.id);
  if (!org) notFound();
  return json({ org });
}

export default function OrganizationPage() {
  const { org } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{org.name}</h1>
      <OrganizationFacts org={org} />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.org.name ?? 'Organisation'} – Insteg` }];

export function ErrorBoundary() {
  return <ErrorView />;
}
