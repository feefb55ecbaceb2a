import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { ResultMessage } from '../components/result-message';
import { OpeningDetails } from '../components/opening-details';
import { z } from '../forms/validation';
import { employerActions } from '../openings/opening-rules';
import { deleteDraft, getOpening, transitionOpening } from '../openings/openings.server';

const paramsSchema = z.object({ id: z.uuid() });
const actionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('transition'), to: z.enum(['published', 'paused', 'filled', 'closed']) }),
  z.object({ intent: z.literal('delete') }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'manage:own-openings');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const opening = await getOpening(user, parsed.data.id);
  // Another organisation's opening is "not found" here, whatever its status.
  if (!opening || !opening.canManage) notFound();
  return json({ opening, actions: employerActions[opening.status] });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'manage:own-openings');
  const parsedParams = paramsSchema.safeParse(params);
  if (!parsedParams.success) notFound();
  const parsed = actionSchema.safeParse(Object.fromEntries(await request.formData()));
  if (!parsed.success) return json({ ok: false, message: 'Ogiltig åtgärd.' }, { status: 400 });
  if (parsed.data.intent === 'delete') {
    const deleted = await deleteDraft(user, parsedParams.data.id, clientIp(context));
    if (deleted === null) notFound();
    if (!deleted) return json({ ok: false, message: 'Bara utkast som aldrig publicerats kan tas bort.' }, { status: 400 });
    return redirect('/arbetsgivare/platser');
  }
  const result = await transitionOpening(user, parsedParams.data.id, parsed.data.to, clientIp(context));
  if (!result) notFound();
  return json(result, { status: result.ok ? 200 : 409 });
}

export default function OwnOpening() {
  const { opening, actions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  return (
    <>
      <p>
        <Link to="/arbetsgivare/platser">← Våra platser</Link>
      </p>
      <h1>{opening.title}</h1>
      {params.get('skapad') && !result ? (
        <div className="alert alert-ok" role="status">
          <p>Platsen är sparad som utkast. Granska den och publicera när den är klar.</p>
        </div>
      ) : null}
      <ResultMessage result={result} />
      {opening.unpublishReason && opening.status === 'draft' ? (
        <div className="alert alert-warn" role="status">
          <p>
            <strong>Avpublicerad av Arbetsmarknadsförvaltningen:</strong> {opening.unpublishReason}
          </p>
        </div>
      ) : null}
      <div className="actions" style={{ margin: '1rem 0' }}>
        {opening.canEdit ? (
          <Link className="button secondary" to={`/arbetsgivare/platser/${opening.id}/redigera`}>
            Ändra
          </Link>
        ) : null}
        {actions.map((a) => (
          <Form method="post" key={a.to}>
            <input type="hidden" name="intent" value="transition" />
            <button type="submit" name="to" value={a.to} className={a.to === 'published' ? undefined : 'secondary'}>
              {a.label}
            </button>
          </Form>
        ))}
        {opening.status === 'draft' && !opening.publishedAt ? (
          <Form method="post">
            <button type="submit" name="intent" value="delete" className="secondary">
              Ta bort utkastet
            </button>
          </Form>
        ) : null}
      </div>
      <OpeningDetails opening={opening} />
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.opening.title ?? 'Plats'} – Insteg` }];

export function ErrorBoundary() {
  return <ErrorView />;
}
