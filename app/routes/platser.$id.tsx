import { getFormProps } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { can } from '../auth/permissions';
import { ErrorView } from '../components/error-view';
import { FormErrors, TextAreaField, useSchemaForm } from '../components/field';
import { OpeningDetails } from '../components/opening-details';
import { parseSubmission } from '../forms/submission';
import { z } from '../forms/validation';
import { unpublishSchema } from '../openings/opening-schema';
import { getOpening, unpublishOpening } from '../openings/openings.server';

const paramsSchema = z.object({ id: z.uuid() });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'search:openings');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  const opening = await getOpening(user, parsed.data.id);
  if (!opening) notFound();
  const canMatch = can(user, 'match:aspirants') && opening.status !== 'draft' && opening.kind !== 'mentor';
  const canRegisterMentor = can(user, 'use:mentoring-pages') && opening.status === 'published' && opening.kind === 'mentor';
  return json({ opening, canMatch, canRegisterMentor });
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'unpublish:openings');
  const parsedParams = paramsSchema.safeParse(params);
  if (!parsedParams.success) notFound();
  const submission = parseSubmission(await request.formData(), { schema: unpublishSchema });
  if (submission.status !== 'success') return json({ result: submission.reply(), message: null }, { status: 400 });
  const outcome = await unpublishOpening(user, parsedParams.data.id, submission.value.reason, clientIp(context));
  if (!outcome) notFound();
  if (!outcome.ok) return json({ result: submission.reply({ formErrors: [outcome.message] }), message: null }, { status: 409 });
  return json({ result: submission.reply({ resetForm: true }), message: outcome.message });
}

export default function OpeningPage() {
  const { opening, canMatch, canRegisterMentor } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const [form, fields] = useSchemaForm({
    id: 'unpublish',
    lastResult: data?.result,
    schema: unpublishSchema,
    shouldValidate: 'onSubmit',
  });
  return (
    <>
      <p>
        <Link to="/platser">← Alla platser</Link>
      </p>
      <h1>{opening.title}</h1>
      {data?.message ? (
        <div className="alert alert-ok" role="status">
          <p>{data.message}</p>
        </div>
      ) : null}
      {canMatch ? (
        <p>
          <Link className="button" to={`/matchning/plats/${opening.id}`}>
            Matcha aspiranter
          </Link>
        </p>
      ) : null}
      {canRegisterMentor ? (
        <p>
          <Link className="button" to={`/mentorskap/mentorer?plats=${opening.id}`}>
            Registrera mentorn från platsen
          </Link>
        </p>
      ) : null}
      {opening.canManage ? (
        <p>
          <Link to={`/arbetsgivare/platser/${opening.id}`}>Hantera platsen</Link>
        </p>
      ) : null}
      <OpeningDetails opening={opening} />
      {opening.canUnpublish ? (
        <section aria-labelledby="h-unpublish">
          <h2 id="h-unpublish">Avpublicera</h2>
          <p>Platsen tas bort från listningen och blir ett utkast. Skälet skickas till kontaktpersonen {opening.contactName}.</p>
          <Form method="post" {...getFormProps(form)} className="stack narrow">
            <FormErrors id={form.errorId} errors={form.errors} />
            <TextAreaField meta={fields.reason} label="Skäl" rows={3} />
            <button type="submit" className="danger">
              Avpublicera platsen
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.opening.title ?? 'Plats'} – Insteg` }];

export function ErrorBoundary() {
  return <ErrorView />;
}
