import type { SubmissionResult } from '@conform-to/react';
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { json, redirect } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import {
  activityStatuses,
  activityStatusLabels,
  activityTypeLabels,
  activityTypes,
  educationLabels,
  exitReasonLabels,
  exitReasons,
  genderLabels,
  languageLevelLabels,
  swedishLevelLabels,
  targetGroupLabels,
  type TargetGroup,
} from '../aspirants/aspirant-rules';
import { actionPlanSchema, activitySchema, exitSchema, selfSupportSchema } from '../aspirants/aspirant-schema';
import {
  eraseAspirant,
  exitAspirant,
  getAspirantProfile,
  recordSelfSupport,
  revealPersonnummer,
  saveActionPlan,
  saveActivity,
  setConsent,
  setCriminalRecordCheck,
} from '../aspirants/aspirants.server';
import { can } from '../auth/permissions';
import { clientIp, notFound, requirePermission } from '../auth/auth.server';
import { ErrorView } from '../components/error-view';
import { FormErrors, SelectField, TextAreaField, TextField, useFocusFirstError, useSchemaForm } from '../components/field';
import { parseSubmission } from '../forms/submission';
import { storableDate, z } from '../forms/validation';
import { todayInStockholm } from '../dates';
import { OUTSIDE_STOCKHOLM } from '../geography/outside-stockholm';

const paramsSchema = z.object({ id: z.uuid() });
const intentSchema = z.object({ intent: z.enum(['reveal', 'plan', 'activity', 'exit', 'self-support', 'consent-give', 'consent-withdraw', 'erase', 'criminal-record']) });
const criminalRecordSchema = z.object({
  checkedOn: z
    .string()
    .optional()
    .transform((v) => (v ? v : null))
    .pipe(storableDate({ error: 'Ange ett datum som ÅÅÅÅ-MM-DD' }).nullable()),
});

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'read:aspirant:own-jobbtorg');
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) notFound();
  // Another Jobbtorg's aspirant is "not found", exactly like a missing one.
  const profile = await getAspirantProfile(user, parsed.data.id, clientIp(context));
  if (!profile) notFound();
  return json({ ...profile, today: todayInStockholm(), canExport: can(user, 'export:aspirant'), canErase: can(user, 'erase:aspirant'), canReadLog: can(user, 'read:audit-log'), canMatch: can(user, 'match:aspirants') });
}

type ActionReply =
  | { intent: 'reveal'; personnummer: string }
  | { intent: 'consent-give' | 'consent-withdraw' | 'erase' | 'criminal-record'; saved: boolean; message?: string }
  | { intent: 'plan' | 'activity' | 'exit' | 'self-support'; reply: SubmissionResult<string[]>; saved?: boolean };

export async function action({ request, params, context }: ActionFunctionArgs) {
  const parsedParams = paramsSchema.safeParse(params);
  const formData = await request.formData();
  const parsedIntent = intentSchema.safeParse({ intent: formData.get('intent') });
  const intentValue = parsedIntent.success ? parsedIntent.data.intent : null;
  const permission = intentValue === 'reveal' ? 'reveal:personnummer' : intentValue === 'erase' ? 'erase:aspirant' : 'write:aspirant:own-jobbtorg';
  const user = await requirePermission(request, permission);
  if (!parsedParams.success) notFound();
  if (!parsedIntent.success) return json({ message: 'Ogiltig åtgärd.' }, { status: 400 });
  const id = parsedParams.data.id;
  const ip = clientIp(context);
  const intent = parsedIntent.data.intent;

  if (intent === 'reveal') {
    const personnummer = await revealPersonnummer(user, id, ip);
    if (!personnummer) notFound();
    return json<ActionReply>({ intent, personnummer });
  }
  if (intent === 'criminal-record') {
    const parsed = criminalRecordSchema.safeParse({ checkedOn: formData.get('checkedOn') ?? undefined });
    if (!parsed.success) return json<ActionReply>({ intent, saved: false, message: parsed.error.issues[0]!.message }, { status: 400 });
    const result = await setCriminalRecordCheck(user, id, parsed.data.checkedOn, ip);
    if (!result) notFound();
    const message = result.ok ? undefined : (result.formError ?? Object.values(result.fieldErrors ?? {})[0]?.[0]);
    return json<ActionReply>({ intent, saved: result.ok, message }, { status: result.ok ? 200 : 400 });
  }
  if (intent === 'consent-give' || intent === 'consent-withdraw' || intent === 'erase') {
    const result = intent === 'erase' ? await eraseAspirant(user, id, ip) : await setConsent(user, id, intent === 'consent-give', ip);
    if (!result) notFound();
    if (intent === 'erase' && result.ok) return redirect('/coach/aspiranter?raderad=1');
    return json<ActionReply>({ intent, saved: result.ok, message: result.ok ? undefined : result.formError }, { status: result.ok ? 200 : 400 });
  }
  const schema = intent === 'plan' ? actionPlanSchema : intent === 'activity' ? activitySchema : intent === 'self-support' ? selfSupportSchema : exitSchema;
  const submission = parseSubmission(formData, { schema });
  if (submission.status !== 'success') return json<ActionReply>({ intent, reply: submission.reply() }, { status: 400 });
  const value = submission.value;
  const result =
    intent === 'plan'
      ? await saveActionPlan(user, id, value as z.infer<typeof actionPlanSchema>, ip)
      : intent === 'activity'
        ? await saveActivity(user, id, value as z.infer<typeof activitySchema>, ip)
        : intent === 'self-support'
          ? await recordSelfSupport(user, id, value as z.infer<typeof selfSupportSchema>, ip)
          : await exitAspirant(user, id, value as z.infer<typeof exitSchema>, ip);
  if (!result) notFound();
  if (!result.ok) {
    return json<ActionReply>(
      { intent, reply: submission.reply({ fieldErrors: result.fieldErrors, formErrors: result.formError ? [result.formError] : undefined }) },
      { status: 400 },
    );
  }
  return json<ActionReply>({ intent, reply: submission.reply({ resetForm: intent === 'activity' }), saved: true });
}

function replyFor(data: unknown, intent: 'plan' | 'activity' | 'exit' | 'self-support') {
  const d = data as ActionReply | undefined;
  return d && d.intent === intent && 'reply' in d ? d.reply : undefined;
}

const savedMessages: Record<string, string> = {
  plan: 'Handlingsplanen är sparad.',
  activity: 'Aktiviteten är sparad.',
  exit: 'Aspiranten är utskriven.',
  'self-support': 'Uppföljningen sex månader efter utskrivningen är sparad.',
  'consent-give': 'Samtycket är registrerat.',
  'consent-withdraw': 'Samtycket är återkallat. Profilsammanfattningen visas inte längre för arbetsgivare.',
  'criminal-record': 'Noteringen om utdrag ur belastningsregistret är sparad.',
};

export default function AspirantProfile() {
  const { aspirant, jobbtorgName, districtName, coachName, plan, activities, canReveal, canManage, canExport, canErase, canReadLog, canMatch, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>() as ActionReply | { message: string } | undefined;
  const [params] = useSearchParams();
  const revealed = data && 'intent' in data && data.intent === 'reveal' ? data.personnummer : null;
  const saved = data && 'saved' in data && data.saved ? data.intent : null;

  const [planForm, planFields] = useSchemaForm({
    id: 'action-plan',
    lastResult: replyFor(data, 'plan'),
    defaultValue: { goal: plan?.goal ?? '', createdOn: plan?.createdOn ?? today, reviewedOn: plan?.reviewedOn ?? '' },
    schema: actionPlanSchema,
  });
  const [activityForm, activityFields] = useSchemaForm({
    id: 'new-activity',
    lastResult: replyFor(data, 'activity'),
    defaultValue: { startOn: today, status: 'planned' },
    schema: activitySchema,
  });
  const [exitForm, exitFields] = useSchemaForm({
    id: 'exit-aspirant',
    lastResult: replyFor(data, 'exit'),
    defaultValue: { exitedOn: today },
    schema: exitSchema,
  });
  useFocusFirstError(planForm.id, replyFor(data, 'plan'));
  useFocusFirstError(activityForm.id, replyFor(data, 'activity'));
  const [selfSupportForm, selfSupportFields] = useSchemaForm({
    id: 'self-support',
    lastResult: replyFor(data, 'self-support'),
    defaultValue: {
      checkedOn: aspirant.selfSupportingCheckedOn ?? today,
      selfSupporting: aspirant.selfSupporting6m === null ? '' : aspirant.selfSupporting6m ? 'ja' : 'nej',
    },
    schema: selfSupportSchema,
  });
  useFocusFirstError(exitForm.id, replyFor(data, 'exit'));
  useFocusFirstError(selfSupportForm.id, replyFor(data, 'self-support'));

  return (
    <>
      <p>
        <Link to="/coach/aspiranter">← Aspiranter</Link>
      </p>
      <h1>
        {aspirant.firstName} {aspirant.lastName}
      </h1>
      <p className="actions">
        {canManage && canReveal ? <Link to={`/coach/aspiranter/${aspirant.id}/redigera`}>Ändra uppgifter</Link> : null}
        {canExport ? (
          <a href={`/coach/aspiranter/${aspirant.id}/utdrag`} download>
            Registerutdrag (fil)
          </a>
        ) : null}
        {canMatch && !aspirant.exitedOn ? <Link to={`/matchning/aspirant/${aspirant.id}`}>Matchande platser</Link> : null}
        {canReadLog ? <Link to={`/admin/logg?aspirant=${aspirant.id}`}>Åtkomstlogg</Link> : null}
      </p>
      {params.get('sparad') && !data ? (
        <div className="alert alert-ok" role="status">
          <p>Uppgifterna är sparade.</p>
        </div>
      ) : null}
      {data && 'message' in data && data.message ? (
        <div className="alert alert-error" role="alert">
          <p>{data.message}</p>
        </div>
      ) : null}
      {params.get('inskriven') && !data ? (
        <div className="alert alert-ok" role="status">
          <p>Aspiranten är inskriven. Skriv en handlingsplan inom fem dagar.</p>
        </div>
      ) : null}
      {saved ? (
        <div className="alert alert-ok" role="status">
          <p>{savedMessages[saved]}</p>
        </div>
      ) : null}
      {aspirant.exitedOn ? (
        <div className="alert alert-warn" role="status">
          <p>
            Utskriven {aspirant.exitedOn}: {aspirant.exitReason ? exitReasonLabels[aspirant.exitReason] : ''}
          </p>
        </div>
      ) : null}

      <div className="grid">
        <section className="card" aria-labelledby="h-person">
          <h2 id="h-person">Personuppgifter</h2>
          <dl>
            <dt>Personnummer</dt>
            <dd>
              {revealed ?? aspirant.maskedPersonnummer}
              {canReveal && !revealed ? (
                <Form method="post" style={{ display: 'inline', marginLeft: '0.5rem' }}>
                  <input type="hidden" name="intent" value="reveal" />
                  <button type="submit" className="secondary">
                    Visa hela personnumret
                  </button>
                </Form>
              ) : null}
              {revealed ? <p className="muted">Visningen har loggats.</p> : null}
            </dd>
            <dt>Ålder</dt>
            <dd>{aspirant.age} år</dd>
            <dt>Kön</dt>
            <dd>{genderLabels[aspirant.gender]}</dd>
            <dt>Bor i</dt>
            <dd>{districtName ?? OUTSIDE_STOCKHOLM}</dd>
            <dt>Jobbtorg</dt>
            <dd>{jobbtorgName}</dd>
            <dt>Jobbcoach</dt>
            <dd>{coachName ?? '–'}</dd>
            <dt>Inskriven</dt>
            <dd>{aspirant.enrolledOn}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="h-skills">
          <h2 id="h-skills">Språk, utbildning och yrken</h2>
          <dl>
            <dt>Svenska</dt>
            <dd>{swedishLevelLabels[aspirant.swedishLevel]}</dd>
            <dt>Andra språk</dt>
            <dd>{aspirant.languages.length ? aspirant.languages.map((l) => `${l.language} (${languageLevelLabels[l.level]})`).join(', ') : '–'}</dd>
            <dt>Utbildning</dt>
            <dd>
              {educationLabels[aspirant.education]}
              {aspirant.completedUpperSecondary ? ', fullföljt gymnasium' : ''}
            </dd>
            <dt>Yrken</dt>
            <dd>{aspirant.occupations.length ? aspirant.occupations.map((o) => `${o.name} (${o.code}), ${o.years} år`).join('; ') : '–'}</dd>
            <dt>Körkort</dt>
            <dd>{aspirant.drivingLicence ? 'Ja' : 'Nej'}</dd>
            <dt>Tillgänglig</dt>
            <dd>
              {aspirant.availableFrom ? `från ${aspirant.availableFrom}` : '–'}
              {aspirant.hoursPerWeek ? `, ${aspirant.hoursPerWeek} timmar per vecka` : ''}
            </dd>
            <dt>Samtycke till profilsammanfattning för arbetsgivare</dt>
            <dd>
              {aspirant.consentActive ? 'Ja' : aspirant.consentWithdrawnAt ? 'Återkallat' : 'Nej'}
              {canManage ? (
                <Form method="post" style={{ display: 'inline', marginLeft: '0.5rem' }}>
                  <input type="hidden" name="intent" value={aspirant.consentActive ? 'consent-withdraw' : 'consent-give'} />
                  <button type="submit" className="secondary">
                    {aspirant.consentActive ? 'Återkalla samtycket' : 'Registrera samtycke'}
                  </button>
                </Form>
              ) : null}
            </dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="h-sensitive">
          <h2 id="h-sensitive">Känsliga uppgifter</h2>
          <dl>
            <dt>Målgrupper</dt>
            <dd>{aspirant.targetGroups.length ? aspirant.targetGroups.map((g) => targetGroupLabels[g as TargetGroup] ?? g).join(', ') : '–'}</dd>
            <dt>Utdrag ur belastningsregistret</dt>
            <dd>
              {aspirant.criminalRecordCheckedOn ? `Uppvisat ${aspirant.criminalRecordCheckedOn}` : 'Inte noterat'}
              {canManage && !aspirant.exitedOn ? (
                <Form method="post" className="actions">
                  <input type="hidden" name="intent" value="criminal-record" />
                  <label htmlFor="criminal-record-date">Uppvisat den</label>
                  <input id="criminal-record-date" name="checkedOn" type="date" defaultValue={aspirant.criminalRecordCheckedOn ?? today} max={today} />
                  <button type="submit" className="secondary">
                    Spara
                  </button>
                </Form>
              ) : null}
            </dd>
            <dt>Behov av anpassning</dt>
            <dd>{aspirant.adaptationNeeds ?? '–'}</dd>
            <dt>Anteckningar</dt>
            <dd style={{ whiteSpace: 'pre-line' }}>{aspirant.notes ?? '–'}</dd>
          </dl>
        </section>
      </div>

      <section aria-labelledby="h-plan" style={{ marginTop: '1.5rem' }}>
        <h2 id="h-plan">Handlingsplan</h2>
        {plan ? (
          <p>
            Upprättad {plan.createdOn}
            {plan.reviewedOn ? `, senast följd upp ${plan.reviewedOn}` : ''}. Mål: {plan.goal}
          </p>
        ) : (
          <p>Aspiranten har ingen handlingsplan ännu.</p>
        )}
        {canManage ? (
          <Form method="post" id={planForm.id} onSubmit={planForm.onSubmit} noValidate className="card">
            <h3>{plan ? 'Ändra handlingsplanen' : 'Skriv handlingsplan'}</h3>
            <input type="hidden" name="intent" value="plan" />
            <FormErrors id={planForm.errorId} errors={planForm.errors} />
            <TextAreaField meta={planFields.goal} label="Mål" rows={3} />
            <TextField meta={planFields.createdOn} label="Upprättad" type="date" />
            <TextField meta={planFields.reviewedOn} label="Senast följd upp" type="date" />
            <button type="submit">Spara handlingsplan</button>
          </Form>
        ) : null}

        <h3>Aktiviteter</h3>
        {activities.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Aktivitet</th>
                  <th scope="col">Period</th>
                  <th scope="col">Status</th>
                  <th scope="col">Uppföljning</th>
                  {canManage ? <th scope="col">Ändra status</th> : null}
                </tr>
              </thead>
              <tbody>
                {activities.map((a) => (
                  <tr key={a.id}>
                    <th scope="row">
                      {activityTypeLabels[a.type]}
                      <div className="muted">{a.description}</div>
                    </th>
                    <td>
                      {a.startOn} – {a.endOn}
                    </td>
                    <td>{activityStatusLabels[a.status]}</td>
                    <td>
                      {a.followUpOn ?? '–'}
                      {a.followUpResult ? <div className="muted">{a.followUpResult}</div> : null}
                    </td>
                    {canManage ? (
                      <td>
                        <Form method="post" className="actions">
                          <input type="hidden" name="intent" value="activity" />
                          <input type="hidden" name="activityId" value={a.id} />
                          <input type="hidden" name="type" value={a.type} />
                          <input type="hidden" name="description" value={a.description} />
                          <input type="hidden" name="startOn" value={a.startOn} />
                          <input type="hidden" name="endOn" value={a.endOn} />
                          {a.followUpOn ? <input type="hidden" name="followUpOn" value={a.followUpOn} /> : null}
                          {a.followUpResult ? <input type="hidden" name="followUpResult" value={a.followUpResult} /> : null}
                          <select id={`status-${a.id}`} name="status" defaultValue={a.status} aria-label={`Status för ${activityTypeLabels[a.type]} ${a.startOn}`}>
                            {activityStatuses.map((s) => (
                              <option key={s} value={s}>
                                {activityStatusLabels[s]}
                              </option>
                            ))}
                          </select>
                          <button type="submit" className="secondary">
                            Spara
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Inga aktiviteter.</p>
        )}
        {canManage && plan ? (
          <Form method="post" id={activityForm.id} onSubmit={activityForm.onSubmit} noValidate className="card">
            <h3>Ny aktivitet</h3>
            <input type="hidden" name="intent" value="activity" />
            <FormErrors id={activityForm.errorId} errors={activityForm.errors} />
            <SelectField meta={activityFields.type} label="Typ" options={activityTypes.map((t) => ({ value: t, label: activityTypeLabels[t] }))} />
            <TextAreaField meta={activityFields.description} label="Beskrivning" rows={2} />
            <TextField meta={activityFields.startOn} label="Startdatum" type="date" />
            <TextField meta={activityFields.endOn} label="Slutdatum" type="date" />
            <SelectField meta={activityFields.status} label="Status" options={activityStatuses.map((s) => ({ value: s, label: activityStatusLabels[s] }))} />
            <TextField meta={activityFields.followUpOn} label="Uppföljningsdatum" type="date" />
            <TextAreaField meta={activityFields.followUpResult} label="Resultat av uppföljningen" rows={2} />
            <button type="submit">Lägg till aktivitet</button>
          </Form>
        ) : null}
      </section>

      {canManage ? (
        <section aria-labelledby="h-exit" style={{ marginTop: '1.5rem' }}>
          <h2 id="h-exit">Skriv ut</h2>
          <Form method="post" id={exitForm.id} onSubmit={exitForm.onSubmit} noValidate className="card">
            <input type="hidden" name="intent" value="exit" />
            <FormErrors id={exitForm.errorId} errors={exitForm.errors} />
            <TextField meta={exitFields.exitedOn} label="Utskrivningsdatum" type="date" />
            <SelectField meta={exitFields.exitReason} label="Orsak" options={exitReasons.map((r) => ({ value: r, label: exitReasonLabels[r] }))} />
            <button type="submit" className="secondary">
              Skriv ut aspiranten
            </button>
          </Form>
        </section>
      ) : null}

      {canManage && aspirant.exitedOn ? (
        <section aria-labelledby="h-self-support" style={{ marginTop: '1.5rem' }}>
          <h2 id="h-self-support">Uppföljning sex månader efter utskrivningen</h2>
          <p>
            {aspirant.selfSupporting6m === null
              ? 'Ingen uppföljning registrerad än. Följ upp om personen är självförsörjande ungefär sex månader efter utskrivningen.'
              : `Registrerad ${aspirant.selfSupportingCheckedOn}: ${aspirant.selfSupporting6m ? 'självförsörjande' : 'inte självförsörjande'}.`}
          </p>
          <Form method="post" id={selfSupportForm.id} onSubmit={selfSupportForm.onSubmit} noValidate className="card">
            <input type="hidden" name="intent" value="self-support" />
            <FormErrors id={selfSupportForm.errorId} errors={selfSupportForm.errors} />
            <TextField meta={selfSupportFields.checkedOn} label="Datum för uppföljningen" type="date" />
            <SelectField
              meta={selfSupportFields.selfSupporting}
              label="Är personen självförsörjande?"
              options={[
                { value: 'ja', label: 'Ja, självförsörjande' },
                { value: 'nej', label: 'Nej' },
              ]}
            />
            <button type="submit">Spara uppföljningen</button>
          </Form>
        </section>
      ) : null}

      {canErase && aspirant.exitedOn ? (
        <section aria-labelledby="h-erase" style={{ marginTop: '1.5rem' }}>
          <h2 id="h-erase">Radera personuppgifter</h2>
          <p>
            Uppgifterna anonymiseras automatiskt när lagringstiden efter utskrivningen har gått ut. Vid en begäran om radering kan du
            anonymisera redan nu: namn, personnummer, kontaktuppgifter, anteckningar och handlingsplan tas bort; det som statistiken räknar
            (kön, födelseår, Jobbtorg, datum och orsak) finns kvar. Det går inte att ångra.
          </p>
          <Form method="post">
            <input type="hidden" name="intent" value="erase" />
            <button type="submit" className="danger">
              Anonymisera nu
            </button>
          </Form>
        </section>
      ) : null}
    </>
  );
}

export const meta: MetaFunction = () => [{ title: 'Aspirant – Insteg' }];

export function ErrorBoundary() {
  return <ErrorView />;
}
