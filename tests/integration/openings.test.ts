import { and, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import * as editOpening from '../../app/routes/arbetsgivare.platser.$id.redigera';
import * as ownOpening from '../../app/routes/arbetsgivare.platser.$id._index';
import * as ownList from '../../app/routes/arbetsgivare.platser._index';
import * as newOpening from '../../app/routes/arbetsgivare.platser.ny';
import * as openingPage from '../../app/routes/platser.$id';
import { canTransition, openingKinds, openingStatuses, type OpeningKind, type OpeningStatus } from '../../app/openings/opening-rules';
import { expireOpenings, runOpeningHousekeeping, sendDeadlineReminders } from '../../app/openings/openings.server';
import { todayInStockholm } from '../../app/dates';
import { getDb } from '../../app/services.server';
import { isCheckViolation } from '../../db/errors';
import { auditLog, emailOutbox, occupations, openings, searchOutbox, users } from '../../db/schema';
import { callAction, callLoader, jsonOf } from '../setup/remix';
import { addDays, createOpeningAs, loginOpeningRoles, openingForm, openingRow, orgId, publishAs, transitionAs, type Reply } from '../setup/openings';

const today = todayInStockholm();
const SUPPLIER_EMAIL = 'arbetsgivare.leverantor@insteg.test';

let cityEmployer: string; // Rinkeby-Kista stadsdelsförvaltning (city unit)
let plusEmployer: string; // Hallonbergens Vård och Omsorg AB (Integrationspakten, Plusmedlem)
let supplierEmployer: string; // Arbetsträning Söder AB (supplier)
let coach: string;
let coordinator: string;
let admin: string;

async function tableCounts() {
  const db = getDb();
  const [[o], [s], [a], [e]] = await Promise.all([
    db.select({ n: count() }).from(openings),
    db.select({ n: count() }).from(searchOutbox),
    db.select({ n: count() }).from(auditLog).where(ne(auditLog.action, 'login')),
    db.select({ n: count() }).from(emailOutbox),
  ]);
  return { openings: o!.n, outbox: s!.n, audit: a!.n, emails: e!.n };
}

async function emailsTo(to: string, template?: string) {
  return getDb()
    .select()
    .from(emailOutbox)
    .where(and(eq(emailOutbox.to, to), template ? eq(emailOutbox.template, template) : undefined))
    .orderBy(emailOutbox.createdAt);
}

function create(cookie: string, form: Record<string, string>) {
  return callAction(newOpening.action, '/arbetsgivare/platser/ny', form, { cookie });
}

beforeAll(async () => {
  ({ cityEmployer, plusEmployer, supplierEmployer, coach, coordinator, admin } = await loginOpeningRoles(SUPPLIER_EMAIL, 'Sven Leverantör'));
});

describe('posting rights per organisation kind', () => {
  const stockholmsjobbRefusal = 'Bara stadens egna enheter (nämnder, stadsdelsförvaltningar och bolag) kan erbjuda Stockholmsjobb.';
  const mentorRefusal = 'Mentorskap kan erbjudas av medlemmar i Integrationspakten och stadens enheter.';
  const rights: Array<[string, () => string, string, Record<OpeningKind, string | null>]> = [
    ['a city unit', () => cityEmployer, 'Rinkeby-Kista stadsdelsförvaltning', { stockholmsjobb: null, feriejobb: null, praktik: null, mentor: null }],
    ['an Integrationspakt member', () => plusEmployer, 'Hallonbergens Vård och Omsorg AB', { stockholmsjobb: stockholmsjobbRefusal, feriejobb: null, praktik: null, mentor: null }],
    ['a supplier', () => supplierEmployer, 'Arbetsträning Söder AB', { stockholmsjobb: stockholmsjobbRefusal, feriejobb: null, praktik: null, mentor: mentorRefusal }],
  ];

  describe.each(rights)('%s', (_name, cookie, organization, expected) => {
    it('is offered only the kinds it may post', async () => {
      const r = await callLoader(newOpening.loader, '/arbetsgivare/platser/ny', { cookie: cookie() });
      expect(r.status).toBe(200);
      const body = await jsonOf<{ options: { allowedKinds: string[]; organizationName: string }; kind: string | null }>(r);
      expect(body.options.organizationName).toBe(organization);
      expect(body.options.allowedKinds).toEqual(openingKinds.filter((k) => expected[k] === null));
      for (const kind of openingKinds) {
        const form = await jsonOf<{ kind: string | null }>(await callLoader(newOpening.loader, `/arbetsgivare/platser/ny?typ=${kind}`, { cookie: cookie() }));
        expect(form.kind, kind).toBe(expected[kind] === null ? kind : null);
      }
    });

    it.each(openingKinds)('posting %s', async (kind) => {
      const before = await tableCounts();
      const r = await create(cookie(), openingForm(kind, today, { title: `Rättighetstest ${kind}` }));
      const refusal = expected[kind];
      if (refusal) {
        expect(r.status).toBe(400);
        expect((await jsonOf<Reply>(r)).error).toEqual({ kind: [refusal] });
        expect(await tableCounts()).toEqual(before);
        return;
      }
      expect(r.status).toBe(302);
      const id = /platser\/([0-9a-f-]{36})/.exec(r.headers.get('Location')!)![1]!;
      expect(await openingRow(id)).toMatchObject({ kind, status: 'draft', organizationId: await orgId(organization), publishedAt: null });
      expect(await tableCounts()).toEqual({ ...before, openings: before.openings + 1, outbox: before.outbox + 1, audit: before.audit + 1 });
    });
  });

  it('is for employers only', async () => {
    for (const cookie of [coach, coordinator, admin]) {
      const before = await tableCounts();
      expect((await create(cookie, openingForm('praktik', today))).status).toBe(403);
      expect((await callLoader(newOpening.loader, '/arbetsgivare/platser/ny', { cookie })).status).toBe(403);
      expect(await tableCounts()).toEqual(before);
    }
  });
});

describe('creating an opening', () => {
  it('stores every field and queues a search update and an audit entry in the same transaction', async () => {
    const before = await tableCounts();
    const id = await createOpeningAs(cityEmployer, 'stockholmsjobb', today, {
      title: 'Undersköterska i hemtjänsten',
      contactEmail: 'Skapa.Test@Exempel.SE',
      learningGoals: 'Yrkessvenska\nArbetsmiljö',
      wageSubsidy: 'on',
      district: 'utanfor',
    });
    const row = await openingRow(id);
    const [creator] = await getDb().select({ id: users.id }).from(users).where(eq(users.email, 'arbetsgivare.stad@insteg.test'));
    expect(row).toMatchObject({
      kind: 'stockholmsjobb',
      subtype: 'ungdomsanstallning',
      title: 'Undersköterska i hemtjänsten',
      districtId: null,
      occupationCode: '5311',
      places: 2,
      startDate: addDays(today, 20),
      endDate: addDays(today, 200),
      applicationDeadline: addDays(today, 10),
      ageMin: 18,
      ageMax: 29,
      languages: ['arabiska', 'somaliska'],
      contactEmail: 'skapa.test@exempel.se',
      status: 'draft',
      createdBy: creator!.id,
      details: { subtype: 'ungdomsanstallning', hoursPerWeek: 40, wageSubsidy: true, learningGoals: ['Yrkessvenska', 'Arbetsmiljö'], combinableWithStudies: false },
    });
    expect(await tableCounts()).toEqual({ ...before, openings: before.openings + 1, outbox: before.outbox + 1, audit: before.audit + 1 });
    const [queued] = await getDb().select().from(searchOutbox).where(eq(searchOutbox.documentId, id));
    expect(queued).toMatchObject({ indexName: 'openings', op: 'upsert' });
    const [entry] = await getDb().select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'opening.created')));
    expect(entry).toMatchObject({ subjectType: 'opening', ip: '192.0.2.10', details: { kind: 'stockholmsjobb' } });
  });

  it('writes nothing for an invalid form and answers with every error', async () => {
    const before = await tableCounts();
    const r = await create(cityEmployer, openingForm('feriejobb', today, { title: '', places: '501', dailyStart: '05:30', totalHours: '91' }));
    expect(r.status).toBe(400);
    expect((await jsonOf<Reply>(r)).error).toEqual({
      title: ['Ange en rubrik'],
      places: ['Antal platser får vara högst 500'],
      totalHours: ['Antal timmar totalt får vara högst 90'],
      dailyStart: ['Arbetet får börja tidigast 06:00'],
    });
    expect(await tableCounts()).toEqual(before);
  });

  it.each(['0000', '9999'])('refuses the unknown SSYK code %s on its field, and writes nothing', async (code) => {
    const [known] = await getDb().select().from(occupations).where(eq(occupations.code, code));
    expect(known).toBeUndefined();
    const before = await tableCounts();
    const r = await create(cityEmployer, openingForm('mentor', today, { occupationCode: code, mentorOccupationCode: code }));
    expect(r.status).toBe(400);
    expect((await jsonOf<Reply>(r)).error).toEqual({
      occupationCode: ['Okänd SSYK-kod: välj ett yrke i listan'],
      mentorOccupationCode: ['Okänd SSYK-kod: välj ett yrke i listan'],
    });
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses an unknown district on its field, and writes nothing', async () => {
    const before = await tableCounts();
    const r = await create(cityEmployer, openingForm('praktik', today, { district: '9999' }));
    expect(r.status).toBe(400);
    expect((await jsonOf<Reply>(r)).error).toEqual({ district: ['Välj ett stadsdelsområde i listan'] });
    expect(await tableCounts()).toEqual(before);
  });
});

describe('ownership', () => {
  let draftB: string; // Hallonbergens' draft
  let publishedB: string; // Hallonbergens' published opening
  let draftA: string; // the city unit's draft

  beforeAll(async () => {
    draftB = await createOpeningAs(plusEmployer, 'praktik', today, { title: 'Hallonbergens utkast' });
    publishedB = await createOpeningAs(plusEmployer, 'praktik', today, { title: 'Hallonbergens publicerade plats' });
    await publishAs(plusEmployer, publishedB);
    draftA = await createOpeningAs(cityEmployer, 'praktik', today, { title: 'Stadens utkast' });
  });

  const page = (cookie: string, id: string) => callLoader(openingPage.loader, `/platser/${id}`, { cookie, params: { id } });
  const manage = (cookie: string, id: string) => callLoader(ownOpening.loader, `/arbetsgivare/platser/${id}`, { cookie, params: { id } });
  const editForm = (cookie: string, id: string) => callLoader(editOpening.loader, `/arbetsgivare/platser/${id}/redigera`, { cookie, params: { id } });
  const edit = (cookie: string, id: string, form: Record<string, string>) =>
    callAction(editOpening.action, `/arbetsgivare/platser/${id}/redigera`, form, { cookie, params: { id } });
  const remove = (cookie: string, id: string) => callAction(ownOpening.action, `/arbetsgivare/platser/${id}`, { intent: 'delete' }, { cookie, params: { id } });

  it("makes another organisation's draft a 404 everywhere, and changes nothing", async () => {
    const before = await openingRow(draftB);
    const counts = await tableCounts();
    expect((await page(cityEmployer, draftB)).status).toBe(404);
    expect((await manage(cityEmployer, draftB)).status).toBe(404);
    expect((await editForm(cityEmployer, draftB)).status).toBe(404);
    expect((await edit(cityEmployer, draftB, openingForm('praktik', today, { title: 'Kapad' }))).status).toBe(404);
    for (const to of ['published', 'closed']) expect((await transitionAs(cityEmployer, draftB, to)).status).toBe(404);
    expect((await remove(cityEmployer, draftB)).status).toBe(404);
    expect(await openingRow(draftB)).toEqual(before);
    expect(await tableCounts()).toEqual(counts);
  });

  it("sends no internal columns with a published opening's page, and the unpublish reason only to its own organisation", async () => {
    await getDb().update(openings).set({ unpublishReason: 'Intern anledning från förra gången' }).where(eq(openings.id, publishedB));
    try {
      const forOthers = await jsonOf<{ opening: Record<string, unknown> }>(await page(cityEmployer, publishedB));
      expect(forOthers.opening).not.toHaveProperty('createdBy');
      expect(forOthers.opening).not.toHaveProperty('deadlineReminderSentAt');
      expect(forOthers.opening.unpublishReason).toBeNull();
      const forOwner = await jsonOf<{ opening: Record<string, unknown> }>(await manage(plusEmployer, publishedB));
      expect(forOwner.opening.unpublishReason).toBe('Intern anledning från förra gången');
      expect(forOwner.opening).not.toHaveProperty('createdBy');
    } finally {
      await getDb().update(openings).set({ unpublishReason: null }).where(eq(openings.id, publishedB));
    }
  });

  it("lets an employer read another organisation's published opening, but not manage it", async () => {
    const r = await page(cityEmployer, publishedB);
    expect(r.status).toBe(200);
    expect((await jsonOf<{ opening: { title: string; canManage: boolean; canEdit: boolean; canUnpublish: boolean } }>(r)).opening).toMatchObject({
      title: 'Hallonbergens publicerade plats',
      canManage: false,
      canEdit: false,
      canUnpublish: false,
    });
    const before = await openingRow(publishedB);
    expect((await manage(cityEmployer, publishedB)).status).toBe(404);
    expect((await editForm(cityEmployer, publishedB)).status).toBe(404);
    expect((await edit(cityEmployer, publishedB, openingForm('praktik', today, { title: 'Kapad' }))).status).toBe(404);
    for (const to of ['paused', 'filled', 'closed']) expect((await transitionAs(cityEmployer, publishedB, to)).status).toBe(404);
    expect((await remove(cityEmployer, publishedB)).status).toBe(404);
    expect(await openingRow(publishedB)).toEqual(before);
  });

  it('lets the owner see and manage their own draft', async () => {
    const r = await page(plusEmployer, draftB);
    expect(r.status).toBe(200);
    expect((await jsonOf<{ opening: { canManage: boolean; canEdit: boolean } }>(r)).opening).toMatchObject({ canManage: true, canEdit: true });
    const m = await manage(plusEmployer, draftB);
    expect(m.status).toBe(200);
    expect((await jsonOf<{ actions: Array<{ to: string }> }>(m)).actions.map((a) => a.to)).toEqual(['published', 'closed']);
    const e = await editForm(plusEmployer, draftB);
    expect(e.status).toBe(200);
    expect((await jsonOf<{ values: Record<string, unknown> }>(e)).values).toMatchObject({ kind: 'praktik', title: 'Hallonbergens utkast', level: 'arbetstraning', lengthWeeks: 12 });
  });

  it('lists an employer their own openings in every status, and no one else’s', async () => {
    const list = async (cookie: string, query = '') =>
      (await jsonOf<{ openings: Array<{ id: string; status: string }> }>(await callLoader(ownList.loader, `/arbetsgivare/platser${query}`, { cookie }))).openings;
    const plusIds = (await list(plusEmployer)).map((o) => o.id);
    expect(plusIds).toEqual(expect.arrayContaining([draftB, publishedB]));
    expect(plusIds).not.toContain(draftA);
    const plusOrg = await orgId('Hallonbergens Vård och Omsorg AB');
    const [own] = await getDb().select({ n: count() }).from(openings).where(eq(openings.organizationId, plusOrg));
    expect(plusIds).toHaveLength(own!.n);
    const drafts = await list(plusEmployer, '?status=draft');
    expect(drafts.map((o) => o.id)).toContain(draftB);
    expect(drafts.every((o) => o.status === 'draft')).toBe(true);
    expect((await list(cityEmployer)).map((o) => o.id)).not.toContain(draftB);
    expect((await callLoader(ownList.loader, '/arbetsgivare/platser', { cookie: coach })).status).toBe(403);
  });

  it('shows coaches and mentor coordinators published openings only; admins see every status', async () => {
    for (const cookie of [coach, coordinator]) {
      expect((await page(cookie, draftB)).status).toBe(404);
      expect((await page(cookie, publishedB)).status).toBe(200);
      expect((await manage(cookie, publishedB)).status).toBe(403);
      expect((await transitionAs(cookie, publishedB, 'closed')).status).toBe(403);
    }
    const r = await page(admin, draftB);
    expect(r.status).toBe(200);
    expect((await jsonOf<{ opening: { canManage: boolean; canUnpublish: boolean } }>(r)).opening).toMatchObject({ canManage: false, canUnpublish: false });
    expect((await page(admin, publishedB)).status).toBe(200);
  });

  it('answers 404 for an unknown or malformed id', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await page(coach, unknown)).status).toBe(404);
    expect((await manage(plusEmployer, unknown)).status).toBe(404);
    expect((await transitionAs(plusEmployer, unknown, 'published')).status).toBe(404);
    expect((await callLoader(openingPage.loader, '/platser/x', { cookie: coach, params: { id: 'x' } })).status).toBe(404);
  });
});

describe('the lifecycle through the employer', () => {
  it('publishes a draft, e-mails the contact once, and moves through pause, filled and back', async () => {
    const contact = 'livscykel@exempel.se';
    const id = await createOpeningAs(cityEmployer, 'feriejobb', today, { title: 'Feriejobb på bibliotek', contactEmail: contact });

    const published = await transitionAs(cityEmployer, id, 'published');
    expect(published).toEqual({ status: 200, body: { ok: true, message: 'Platsen är publicerad.' } });
    const row = await openingRow(id);
    expect(row).toMatchObject({ status: 'published' });
    expect(row!.publishedAt).toBeInstanceOf(Date);
    const [mail, ...more] = await emailsTo(contact);
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ template: 'opening-published', subject: 'Din plats är publicerad: Feriejobb på bibliotek', status: 'pending' });
    expect(mail!.text).toContain(`http://insteg.test/arbetsgivare/platser/${id}`);
    const [entry] = await getDb().select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'opening.published')));
    expect(entry).toMatchObject({ details: { from: 'draft' } });

    const steps: Array<[string, OpeningStatus, string]> = [
      ['paused', 'paused', 'Platsen är pausad och syns inte i sökningen.'],
      ['published', 'published', 'Platsen är publicerad.'],
      ['filled', 'filled', 'Platsen är markerad som tillsatt.'],
      ['published', 'published', 'Platsen är publicerad.'],
      ['paused', 'paused', 'Platsen är pausad och syns inte i sökningen.'],
      ['filled', 'filled', 'Platsen är markerad som tillsatt.'],
      ['closed', 'closed', 'Platsen är stängd.'],
    ];
    for (const [to, status, message] of steps) {
      const outboxBefore = (await tableCounts()).outbox;
      expect(await transitionAs(cityEmployer, id, to), `→ ${to}`).toEqual({ status: 200, body: { ok: true, message } });
      expect((await openingRow(id))!.status).toBe(status);
      expect((await tableCounts()).outbox).toBe(outboxBefore + 1);
    }
    const closed = await openingRow(id);
    expect(closed!.closedAt).toBeInstanceOf(Date);
    // The first publication time is kept; re-publishing does not e-mail again.
    expect(closed!.publishedAt).toEqual(row!.publishedAt);
    expect(await emailsTo(contact)).toHaveLength(1);

    // Closed is terminal.
    for (const to of ['published', 'paused', 'filled', 'closed']) {
      expect(await transitionAs(cityEmployer, id, to), `closed → ${to}`).toEqual({
        status: 409,
        body: { ok: false, message: 'Det går inte att göra så med platsen i dess nuvarande läge.' },
      });
    }
    expect((await openingRow(id))!.status).toBe('closed');
    // The edit form of a closed opening leads back to the opening; saving is refused.
    const form = await callLoader(editOpening.loader, `/arbetsgivare/platser/${id}/redigera`, { cookie: cityEmployer, params: { id } });
    expect(form.status).toBe(302);
    expect(form.headers.get('Location')).toBe(`/arbetsgivare/platser/${id}`);
    const save = await callAction(editOpening.action, `/arbetsgivare/platser/${id}/redigera`, openingForm('feriejobb', today, { title: 'Ändrad' }), { cookie: cityEmployer, params: { id } });
    expect(save.status).toBe(400);
    expect((await jsonOf<Reply>(save)).error).toEqual({ '': ['En stängd, tillsatt eller utgången plats kan inte ändras.'] });
  });

  it('refuses moves the table does not allow with 409 and leaves the status as it was', async () => {
    const id = await createOpeningAs(cityEmployer, 'praktik', today);
    for (const to of ['paused', 'filled']) {
      const before = await tableCounts();
      expect(await transitionAs(cityEmployer, id, to)).toMatchObject({ status: 409, body: { ok: false } });
      expect((await openingRow(id))!.status).toBe('draft');
      expect(await tableCounts()).toEqual(before);
    }
    await publishAs(cityEmployer, id);
    expect(await transitionAs(cityEmployer, id, 'published')).toMatchObject({ status: 409 });
    await transitionAs(cityEmployer, id, 'filled');
    expect(await transitionAs(cityEmployer, id, 'paused')).toMatchObject({ status: 409 });
    expect((await openingRow(id))!.status).toBe('filled');
  });

  it('does not let an employer ask for draft or expired', async () => {
    const id = await createOpeningAs(cityEmployer, 'praktik', today);
    await publishAs(cityEmployer, id);
    for (const to of ['draft', 'expired', 'bogus']) {
      expect(await transitionAs(cityEmployer, id, to)).toEqual({ status: 400, body: { ok: false, message: 'Ogiltig åtgärd.' } });
    }
    expect((await openingRow(id))!.status).toBe('published');
  });

  it('closes a draft without publishing it, and without an e-mail', async () => {
    const id = await createOpeningAs(cityEmployer, 'mentor', today, { contactEmail: 'stang.utkast@exempel.se' });
    expect(await transitionAs(cityEmployer, id, 'closed')).toMatchObject({ status: 200, body: { ok: true } });
    expect(await openingRow(id)).toMatchObject({ status: 'closed', publishedAt: null });
    expect(await emailsTo('stang.utkast@exempel.se')).toEqual([]);
  });

  it('refuses to publish once the deadline has passed', async () => {
    const id = await createOpeningAs(cityEmployer, 'praktik', today);
    await getDb().update(openings).set({ applicationDeadline: addDays(today, -1) }).where(eq(openings.id, id));
    expect(await transitionAs(cityEmployer, id, 'published')).toEqual({
      status: 409,
      body: { ok: false, message: 'Sista ansökningsdag har passerat. Ändra datumet innan du publicerar.' },
    });
    expect((await openingRow(id))!.status).toBe('draft');
  });

  it('deletes a draft that was never published, and removes it from the index', async () => {
    const id = await createOpeningAs(cityEmployer, 'praktik', today);
    const r = await callAction(ownOpening.action, `/arbetsgivare/platser/${id}`, { intent: 'delete' }, { cookie: cityEmployer, params: { id } });
    expect(r.status).toBe(302);
    expect(r.headers.get('Location')).toBe('/arbetsgivare/platser');
    expect(await openingRow(id)).toBeUndefined();
    const queued = await getDb().select().from(searchOutbox).where(eq(searchOutbox.documentId, id)).orderBy(searchOutbox.id);
    expect(queued.at(-1)).toMatchObject({ op: 'delete', indexName: 'openings' });

    const published = await createOpeningAs(cityEmployer, 'praktik', today);
    await publishAs(cityEmployer, published);
    const refused = await callAction(ownOpening.action, `/arbetsgivare/platser/${published}`, { intent: 'delete' }, { cookie: cityEmployer, params: { id: published } });
    expect(refused.status).toBe(400);
    expect(await openingRow(published)).toBeDefined();
  });
});

describe('the database guards the lifecycle', () => {
  it('refuses an illegal status change made directly in SQL', async () => {
    const id = await createOpeningAs(cityEmployer, 'praktik', today);
    await transitionAs(cityEmployer, id, 'closed');
    const error = await getDb()
      .execute(sql`update openings set status = 'published' where id = ${id}`)
      .then(() => null, (e: unknown) => e);
    expect(error).not.toBeNull();
    expect(isCheckViolation(error, 'openings_status_transition')).toBe(true);
    expect(String((error as { cause?: unknown }).cause ?? error)).toMatch(/cannot change from closed to published/);
    expect((await openingRow(id))!.status).toBe('closed');
  });

  it('allows exactly the transitions of the rules table, for all 36 pairs', async () => {
    const [template] = await getDb().select().from(openings).limit(1);
    const { id: _id, ...base } = template!;
    const outcomes: Record<string, boolean> = {};
    const expected: Record<string, boolean> = {};
    await getDb()
      .transaction(async (tx) => {
        for (const from of openingStatuses) {
          for (const to of openingStatuses) {
            const [row] = await tx.insert(openings).values({ ...base, status: from }).returning({ id: openings.id });
            expected[`${from}→${to}`] = from === to || canTransition(from, to);
            outcomes[`${from}→${to}`] = await tx
              .transaction((sp) => sp.update(openings).set({ status: to }).where(eq(openings.id, row!.id)))
              .then(
                () => true,
                (e: unknown) => {
                  expect(isCheckViolation(e, 'openings_status_transition'), `${from}→${to}: ${String(e)}`).toBe(true);
                  return false;
                },
              );
          }
        }
        tx.rollback();
      })
      .catch((e: unknown) => {
        if (!(e instanceof Error && e.message === 'Rollback')) throw e;
      });
    expect(Object.keys(outcomes)).toHaveLength(36);
    expect(outcomes).toEqual(expected);
  });
});

describe('automatic expiry', () => {
  async function publishedWith(dates: { startDate: string; endDate: string; applicationDeadline: string }, status: OpeningStatus = 'published') {
    const id = await createOpeningAs(cityEmployer, 'praktik', today);
    if (status !== 'draft') await publishAs(cityEmployer, id);
    if (status === 'paused' || status === 'filled') await transitionAs(cityEmployer, id, status);
    await getDb().update(openings).set(dates).where(eq(openings.id, id));
    return id;
  }

  it('expires published and paused openings past their deadline or end date, not drafts, filled or current ones', async () => {
    const pastDeadline = await publishedWith({ applicationDeadline: addDays(today, -1), startDate: addDays(today, 5), endDate: addDays(today, 100) });
    const pastEnd = await publishedWith({ applicationDeadline: addDays(today, -60), startDate: addDays(today, -50), endDate: addDays(today, -1) });
    const pausedPast = await publishedWith({ applicationDeadline: addDays(today, -2), startDate: addDays(today, 5), endDate: addDays(today, 100) }, 'paused');
    const deadlineToday = await publishedWith({ applicationDeadline: today, startDate: addDays(today, 5), endDate: addDays(today, 100) });
    const draftPast = await publishedWith({ applicationDeadline: addDays(today, -1), startDate: addDays(today, 5), endDate: addDays(today, 100) }, 'draft');
    const filledPast = await publishedWith({ applicationDeadline: addDays(today, -60), startDate: addDays(today, -50), endDate: addDays(today, -1) }, 'filled');

    const pastDue = async (day: string) => {
      const [row] = await getDb()
        .select({ n: count() })
        .from(openings)
        .where(and(inArray(openings.status, ['published', 'paused']), sql`(${openings.applicationDeadline} < ${day}::date or ${openings.endDate} < ${day}::date)`));
      return row!.n;
    };
    // The seed lays its openings out from today with deadlines at least three days ahead.
    expect(await pastDue(today)).toBe(3);

    const outboxBefore = (await tableCounts()).outbox;
    expect(await expireOpenings(getDb(), today)).toBe(3);
    for (const id of [pastDeadline, pastEnd, pausedPast]) expect((await openingRow(id))!.status, id).toBe('expired');
    expect((await openingRow(deadlineToday))!.status).toBe('published');
    expect((await openingRow(draftPast))!.status).toBe('draft');
    expect((await openingRow(filledPast))!.status).toBe('filled');
    const queued = await getDb().select({ id: searchOutbox.documentId }).from(searchOutbox).where(inArray(searchOutbox.documentId, [pastDeadline, pastEnd, pausedPast]));
    expect((await tableCounts()).outbox).toBe(outboxBefore + 3);
    expect(new Set(queued.map((q) => q.id)).size).toBe(3);

    // Running again changes nothing; an expired opening is terminal for the employer too.
    expect(await expireOpenings(getDb(), today)).toBe(0);
    expect(await transitionAs(cityEmployer, pastDeadline, 'published')).toMatchObject({ status: 409 });
    const m = await callLoader(ownOpening.loader, `/arbetsgivare/platser/${pastDeadline}`, { cookie: cityEmployer, params: { id: pastDeadline } });
    expect((await jsonOf<{ actions: unknown[] }>(m)).actions).toEqual([]);

    // The next day the opening whose deadline was today expires too, through the daily housekeeping.
    const tomorrow = addDays(today, 1);
    const dueTomorrow = await pastDue(tomorrow);
    expect(dueTomorrow).toBeGreaterThanOrEqual(1);
    expect((await runOpeningHousekeeping(tomorrow)).expired).toBe(dueTomorrow);
    expect((await openingRow(deadlineToday))!.status).toBe('expired');
  });
});

describe('deadline reminders', () => {
  async function publishedWithDeadline(deadline: string, contactEmail: string) {
    const id = await createOpeningAs(cityEmployer, 'praktik', today, { contactEmail, applicationDeadline: deadline, startDate: addDays(deadline, 5), endDate: addDays(deadline, 100) });
    await publishAs(cityEmployer, id);
    return id;
  }
  const reminders = (to: string) => emailsTo(to, 'opening-deadline-reminder');

  it('reminds the contact once when the deadline is three days away or closer, and again after the deadline moves', async () => {
    const inThree = await publishedWithDeadline(addDays(today, 3), 'tre.dagar@exempel.se');
    await publishedWithDeadline(today, 'idag@exempel.se');
    await publishedWithDeadline(addDays(today, 4), 'fyra.dagar@exempel.se');
    const draft = await createOpeningAs(cityEmployer, 'praktik', today, { contactEmail: 'utkast.paminnelse@exempel.se', applicationDeadline: addDays(today, 1) });
    const paused = await publishedWithDeadline(addDays(today, 2), 'pausad@exempel.se');
    await transitionAs(cityEmployer, paused, 'paused');

    const sent = await sendDeadlineReminders(getDb(), today);
    expect(sent).toBeGreaterThanOrEqual(2);
    const [mail, ...more] = await reminders('tre.dagar@exempel.se');
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ subject: `Tre dagar kvar till sista ansökningsdag: Testplats praktik` });
    expect(mail!.text).toContain(addDays(today, 3));
    const todayMails = await reminders('idag@exempel.se');
    expect(todayMails).toHaveLength(1);
    expect(todayMails[0]!.subject).toBe('Sista ansökningsdag i dag: Testplats praktik');
    expect(await reminders('fyra.dagar@exempel.se')).toEqual([]);
    expect(await reminders('utkast.paminnelse@exempel.se')).toEqual([]);
    expect(await reminders('pausad@exempel.se')).toEqual([]);
    expect((await openingRow(inThree))!.deadlineReminderSentAt).toBeInstanceOf(Date);
    expect((await openingRow(draft))!.deadlineReminderSentAt).toBeNull();

    // Exactly once: neither a second run nor the daily housekeeping sends it again.
    expect(await sendDeadlineReminders(getDb(), today)).toBe(0);
    expect((await runOpeningHousekeeping(today)).reminded).toBe(0);
    expect(await reminders('tre.dagar@exempel.se')).toHaveLength(1);

    // An edit that keeps the deadline keeps the reminder as sent …
    const edit = (form: Record<string, string>) => callAction(editOpening.action, `/arbetsgivare/platser/${inThree}/redigera`, form, { cookie: cityEmployer, params: { id: inThree } });
    const keep = openingForm('praktik', today, { contactEmail: 'tre.dagar@exempel.se', title: 'Ny rubrik', applicationDeadline: addDays(today, 3), startDate: addDays(today, 8), endDate: addDays(today, 103) });
    expect((await edit(keep)).status).toBe(302);
    expect((await openingRow(inThree))!.deadlineReminderSentAt).toBeInstanceOf(Date);
    expect(await sendDeadlineReminders(getDb(), today)).toBe(0);

    // … a new deadline starts over: one new reminder for the new date.
    expect((await edit({ ...keep, applicationDeadline: addDays(today, 2) })).status).toBe(302);
    expect((await openingRow(inThree))!.deadlineReminderSentAt).toBeNull();
    expect((await runOpeningHousekeeping(today)).reminded).toBe(1);
    const all = await reminders('tre.dagar@exempel.se');
    expect(all).toHaveLength(2);
    expect(all[1]!.subject).toBe('Två dagar kvar till sista ansökningsdag: Ny rubrik');
    expect(all[1]!.text).toContain(addDays(today, 2));
  });

  it('refuses to move the deadline of a published opening into the past', async () => {
    const id = await publishedWithDeadline(addDays(today, 20), 'flytta@exempel.se');
    const r = await callAction(
      editOpening.action,
      `/arbetsgivare/platser/${id}/redigera`,
      openingForm('praktik', today, { applicationDeadline: addDays(today, -1) }),
      { cookie: cityEmployer, params: { id } },
    );
    expect(r.status).toBe(400);
    expect((await jsonOf<Reply>(r)).error).toEqual({ applicationDeadline: ['Sista ansökningsdag har redan passerat för en publicerad plats'] });
    expect((await openingRow(id))!.applicationDeadline).toBe(addDays(today, 20));
  });

  it('does not let the kind change in an edit', async () => {
    const id = await createOpeningAs(cityEmployer, 'praktik', today);
    const r = await callAction(editOpening.action, `/arbetsgivare/platser/${id}/redigera`, openingForm('mentor', today), { cookie: cityEmployer, params: { id } });
    expect(r.status).toBe(400);
    expect((await jsonOf<Reply>(r)).error).toEqual({ kind: ['Sorten av plats kan inte ändras; skapa en ny plats i stället.'] });
    expect((await openingRow(id))!.kind).toBe('praktik');
  });
});

describe('unpublishing by an admin', () => {
  const unpublish = (cookie: string, id: string, form: Record<string, string>) => callAction(openingPage.action, `/platser/${id}`, form, { cookie, params: { id } });

  it('requires a reason, returns the opening to draft, keeps the reason and e-mails it to the contact', async () => {
    const contact = 'avpublicera@exempel.se';
    const id = await createOpeningAs(cityEmployer, 'stockholmsjobb', today, { title: 'Vaktmästare i kulturhus', contactEmail: contact });
    await publishAs(cityEmployer, id);
    const pageBefore = await jsonOf<{ opening: { canUnpublish: boolean } }>(await callLoader(openingPage.loader, `/platser/${id}`, { cookie: admin, params: { id } }));
    expect(pageBefore.opening.canUnpublish).toBe(true);

    const before = await tableCounts();
    const empty = await unpublish(admin, id, { reason: '  ' });
    expect(empty.status).toBe(400);
    expect((await jsonOf<{ result: Reply; message: null }>(empty)).result.error).toEqual({ reason: ['Ange varför platsen avpubliceras; texten skickas till kontaktpersonen'] });
    expect((await openingRow(id))!.status).toBe('published');
    expect(await tableCounts()).toEqual(before);

    const reason = 'Annonsen efterfrågar körkort utan att arbetet kräver det. Ändra kraven och publicera igen.';
    const r = await unpublish(admin, id, { reason });
    expect(r.status).toBe(200);
    expect((await jsonOf<{ message: string }>(r)).message).toBe('Platsen är avpublicerad och kontaktpersonen har fått ett meddelande.');
    expect(await openingRow(id)).toMatchObject({ status: 'draft', unpublishReason: reason });
    const [mail, ...more] = await emailsTo(contact, 'opening-unpublished');
    expect(more).toEqual([]);
    expect(mail).toMatchObject({ subject: 'Din plats har avpublicerats: Vaktmästare i kulturhus' });
    expect(mail!.text).toContain(reason);
    expect(mail!.html).toContain('Annonsen efterfrågar körkort');
    const [entry] = await getDb().select().from(auditLog).where(and(eq(auditLog.subjectId, id), eq(auditLog.action, 'opening.unpublished')));
    expect(entry).toMatchObject({ details: { reason } });
    expect(await tableCounts()).toEqual({ ...before, outbox: before.outbox + 1, audit: before.audit + 1, emails: before.emails + 1 });

    // The employer sees why; the draft is no longer visible to coaches.
    const own = await jsonOf<{ opening: { unpublishReason: string; status: string } }>(
      await callLoader(ownOpening.loader, `/arbetsgivare/platser/${id}`, { cookie: cityEmployer, params: { id } }),
    );
    expect(own.opening).toMatchObject({ status: 'draft', unpublishReason: reason });
    expect((await callLoader(openingPage.loader, `/platser/${id}`, { cookie: coach, params: { id } })).status).toBe(404);
    // Once published, it is no longer deletable, but it can be published again; the reason is cleared.
    expect((await callAction(ownOpening.action, `/arbetsgivare/platser/${id}`, { intent: 'delete' }, { cookie: cityEmployer, params: { id } })).status).toBe(400);
    await publishAs(cityEmployer, id);
    expect(await openingRow(id)).toMatchObject({ status: 'published', unpublishReason: null });
  });

  it('works from paused, and refuses a draft or a closed opening with 409', async () => {
    const id = await createOpeningAs(cityEmployer, 'praktik', today);
    const draft = await unpublish(admin, id, { reason: 'Fel' });
    expect(draft.status).toBe(409);
    expect((await jsonOf<{ result: Reply }>(draft)).result.error).toEqual({ '': ['Bara publicerade eller pausade platser kan avpubliceras.'] });
    await publishAs(cityEmployer, id);
    await transitionAs(cityEmployer, id, 'paused');
    expect((await unpublish(admin, id, { reason: 'Pausad men felaktig' })).status).toBe(200);
    expect((await openingRow(id))!.status).toBe('draft');
    await transitionAs(cityEmployer, id, 'closed');
    expect((await unpublish(admin, id, { reason: 'Stängd' })).status).toBe(409);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await unpublish(admin, unknown, { reason: 'Finns inte' })).status).toBe(404);
  });

  it('is refused to employers (even the owner), coaches and coordinators with 403', async () => {
    const id = await createOpeningAs(cityEmployer, 'praktik', today);
    await publishAs(cityEmployer, id);
    const before = await tableCounts();
    for (const cookie of [cityEmployer, plusEmployer, coach, coordinator]) {
      expect((await unpublish(cookie, id, { reason: 'Jag vill avpublicera' })).status).toBe(403);
    }
    expect(await openingRow(id)).toMatchObject({ status: 'published', unpublishReason: null });
    expect(await tableCounts()).toEqual(before);
  });
});
