/**
 * The places of an opening hold under concurrent placements, and the pipeline's other hard
 * edges: 50 coaches' placements into a 10-place opening at once end with exactly 10; the database
 * refuses a transition outside the table even when the service is bypassed; follow-ups fall due
 * 3 and 6 months after a placement ends (month ends clamp); the employer's pages never carry a
 * sensitive field.
 */
import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SessionUser } from '../../app/auth/auth.server';
import { todayInStockholm } from '../../app/dates';
import { moveMatch } from '../../app/matching/pipeline.server';
import * as proposalPage from '../../app/routes/arbetsgivare.forslag.$id';
import * as proposalsPage from '../../app/routes/arbetsgivare.forslag._index';
import * as matchPage from '../../app/routes/matchningar.$id';
import { getDb } from '../../app/services.server';
import { aspirants, matchEvents, matches, openings, placementFollowUps, users } from '../../db/schema';
import { enrolAs, enrolForm, userId } from '../setup/aspirants';
import { createOpeningAs, publishAs } from '../setup/openings';
import { callAction, callLoader, loginAs } from '../setup/remix';

const today = todayInStockholm();
let coach: string;
let employer: string;
let coachUser: SessionUser;

async function sessionUser(email: string): Promise<SessionUser> {
  const [u] = await getDb().select().from(users).where(eq(users.email, email));
  return { id: u!.id, email: u!.email, name: u!.name, role: u!.role, jobbtorgId: u!.jobbtorgId, organizationId: u!.organizationId } as SessionUser;
}

/** Matches in status `offer` for fresh consenting aspirants on the opening (set up directly). */
async function offers(openingId: string, n: number, proposedBy: string) {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(await enrolAs(coach, await enrolForm({ firstName: 'Kapa', lastName: `Citetsson${i}`, occupations: '5321: 1' })));
  const rows = await getDb()
    .insert(matches)
    .values(ids.map((aspirantId) => ({ openingId, aspirantId, score: 1, explanation: [], weightsVersion: 1, proposedBy })))
    .returning({ id: matches.id });
  for (const to of ['reviewed', 'interview', 'offer'] as const) {
    await getDb()
      .update(matches)
      .set({ status: to, interviewAt: new Date() })
      .where(sql`${matches.id} in ${rows.map((r) => r.id)}`);
  }
  return rows.map((r) => r.id);
}

let opening: string;

beforeAll(async () => {
  [coach, employer] = await Promise.all([loginAs('coach.kista@insteg.test'), loginAs('arbetsgivare.plus@insteg.test')]);
  coachUser = await sessionUser('coach.kista@insteg.test');
  opening = await createOpeningAs(employer, 'praktik', today, { title: 'Kapacitetspraktik', places: '10', occupationCode: '5321' });
  await publishAs(employer, opening);
});

describe('capacity', () => {
  it('50 concurrent placements into a 10-place opening end with exactly 10', async () => {
    const ids = await offers(opening, 50, await userId('coach.kista@insteg.test'));
    const input = { to: 'placed' as const, startDate: '2027-01-10', endDate: '2027-03-31', supervisorEmail: null };
    const results = await Promise.all(ids.map((id) => moveMatch(coachUser, id, input, '127.0.0.1')));
    expect(results.filter((r) => r?.ok)).toHaveLength(10);
    const refused = results.filter((r) => r && !r.ok);
    expect(refused).toHaveLength(40);
    for (const r of refused) expect(r).toEqual({ ok: false, formError: 'Alla platser är redan tillsatta. Placeringen registrerades inte.' });
    const [n] = await getDb().select({ n: sql<number>`count(*)::int` }).from(matches).where(and(eq(matches.openingId, opening), eq(matches.status, 'placed')));
    expect(n!.n).toBe(10);
    const [o] = await getDb().select({ status: openings.status }).from(openings).where(eq(openings.id, opening));
    expect(o!.status).toBe('filled');
    // Only the ten that went through have a 'placed' event.
    const [events] = await getDb().select({ n: sql<number>`count(*)::int` }).from(matchEvents).where(and(sql`${matchEvents.matchId} in ${ids}`, eq(matchEvents.toStatus, 'placed')));
    expect(events!.n).toBe(10);
    // The places cannot be lowered below the placements in force.
    await expect(getDb().update(openings).set({ places: 9 }).where(eq(openings.id, opening))).rejects.toThrow();
  });

  it('refuses a second placement of the same person in an overlapping period, next to the start date', async () => {
    const other = await createOpeningAs(employer, 'praktik', today, { title: 'Överlappspraktik', places: '5' });
    await publishAs(employer, other);
    const [placed] = await getDb().select({ aspirantId: matches.aspirantId }).from(matches).where(and(eq(matches.openingId, opening), eq(matches.status, 'placed'))).limit(1);
    const [m] = await getDb().insert(matches).values({ openingId: other, aspirantId: placed!.aspirantId, score: 1, explanation: [], weightsVersion: 1 }).returning({ id: matches.id });
    for (const to of ['reviewed', 'interview', 'offer'] as const) await getDb().update(matches).set({ status: to, interviewAt: new Date() }).where(eq(matches.id, m!.id));
    const result = await moveMatch(coachUser, m!.id, { to: 'placed', startDate: '2027-03-01', endDate: '2027-05-31', supervisorEmail: null }, '127.0.0.1');
    expect(result).toEqual({ ok: false, fieldErrors: { startDate: ['Aspiranten har redan en placering under den perioden.'] } });
    const ok = await moveMatch(coachUser, m!.id, { to: 'placed', startDate: '2027-04-01', endDate: '2027-05-31', supervisorEmail: null }, '127.0.0.1');
    expect(ok).toEqual({ ok: true });
  });
});

describe('the database guards the pipeline even when the service is bypassed', () => {
  it('refuses moving back, skipping steps and starting anywhere but proposed', async () => {
    const [m] = await getDb().select({ id: matches.id }).from(matches).where(and(eq(matches.openingId, opening), eq(matches.status, 'placed'))).limit(1);
    await expect(getDb().update(matches).set({ status: 'proposed' }).where(eq(matches.id, m!.id))).rejects.toThrow();
    await expect(getDb().update(matches).set({ status: 'withdrawn', closedReason: 'annat' }).where(eq(matches.id, m!.id))).rejects.toThrow();
    const [a] = await getDb().select({ id: aspirants.id }).from(aspirants).limit(1);
    await expect(getDb().insert(matches).values({ openingId: opening, aspirantId: a!.id, status: 'placed', score: 1, explanation: [], weightsVersion: 1, startDate: '2027-01-01', endDate: '2027-02-01' })).rejects.toThrow();
  });
});

describe('ending a placement and following it up', () => {
  it('creates follow-ups 3 and 6 months after the last day, month ends clamped; a coach of another Jobbtorg cannot touch it', async () => {
    const [m] = await getDb().select({ id: matches.id }).from(matches).where(and(eq(matches.openingId, opening), eq(matches.status, 'placed'))).limit(1);
    // The placement began in the past for this test.
    await getDb().update(matches).set({ startDate: '2026-06-01' }).where(eq(matches.id, m!.id));
    const farsta = await loginAs('coach.farsta@insteg.test');
    const form = { intent: 'move', to: 'ended', endDate: '2026-08-31', endReason: 'arbete' };
    expect((await callAction(matchPage.action, `/matchningar/${m!.id}`, form, { cookie: farsta, params: { id: m!.id } })).status).toBe(404);
    const future = await callAction(matchPage.action, `/matchningar/${m!.id}`, { ...form, endDate: '2099-01-01' }, { cookie: coach, params: { id: m!.id } });
    expect(future.status).toBe(409);
    expect(JSON.stringify(await future.json())).toContain('sista dagen kan inte ligga i framtiden');
    expect((await callAction(matchPage.action, `/matchningar/${m!.id}`, form, { cookie: coach, params: { id: m!.id } })).status).toBe(200);
    const due = await getDb().select({ checkpoint: placementFollowUps.checkpoint, dueOn: placementFollowUps.dueOn }).from(placementFollowUps).where(eq(placementFollowUps.matchId, m!.id)).orderBy(placementFollowUps.checkpoint);
    expect(due).toEqual([
      { checkpoint: 3, dueOn: '2026-11-30' },
      { checkpoint: 6, dueOn: '2027-02-28' },
    ]);
  });
});

describe("the employer's pages", () => {
  it('never carry a sensitive field of the aspirant', async () => {
    const [m] = await getDb()
      .select({ id: matches.id, aspirant: aspirants })
      .from(matches)
      .innerJoin(aspirants, eq(aspirants.id, matches.aspirantId))
      .where(eq(matches.openingId, opening))
      .limit(1);
    await getDb().update(aspirants).set({ notes: 'Hemlig anteckning om hälsan', adaptationNeeds: 'Hemligt anpassningsbehov', targetGroups: ['forsorjningsstod', 'funktionsnedsattning'] }).where(eq(aspirants.id, m!.aspirant.id));
    const a = m!.aspirant;
    const bodies = [
      await (await callLoader(proposalsPage.loader, '/arbetsgivare/forslag', { cookie: employer })).text(),
      await (await callLoader(proposalPage.loader, `/arbetsgivare/forslag/${m!.id}`, { cookie: employer, params: { id: m!.id } })).text(),
    ];
    for (const body of bodies) {
      expect(body).toContain(`${a.firstName} ${a.lastName![0]}.`);
      for (const secret of [a.personnummer!, a.personnummer!.slice(2), a.lastName!, a.id, 'Hemlig anteckning', 'Hemligt anpassningsbehov', 'forsorjningsstod', 'funktionsnedsattning', a.birthDate, '"gender"', '"explanation"', '"score"']) {
        expect(body).not.toContain(secret);
      }
    }
  });
});
