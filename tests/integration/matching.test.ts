/**
 * Matching through the real pages and services against real PostgreSQL and Meilisearch:
 * suggestions in both directions (scoped, eligible only, ranked, explained), "why not" for one
 * pair, proposals (stored score and weights version, once per pair even when two coaches race),
 * versioned weights, the index following consent, and the database fallback when Meilisearch is
 * unreachable.
 */
import { and, eq, sql } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { todayInStockholm } from '../../app/dates';
import { defaultMatchWeights } from '../../app/matching/match-weights';
import * as weightsPage from '../../app/routes/admin.matchningsvikter';
import * as aspirantSuggestions from '../../app/routes/matchning.aspirant.$id';
import * as pairPage from '../../app/routes/matchning.$openingId.$aspirantId';
import * as openingSuggestions from '../../app/routes/matchning.plats.$id';
import { getDb, getSearch } from '../../app/services.server';
import { aspirants, auditLog, emailOutbox, matches, matchWeightVersions } from '../../db/schema';
import type { SearchHandle } from '../../search/client.server';
import { applyIndexSettings } from '../../search/sync.server';
import { enrolAs, enrolForm, postProfile, userId } from '../setup/aspirants';
import { createOpeningAs, publishAs } from '../setup/openings';
import { callAction, callLoader, jsonOf, loginAs } from '../setup/remix';
import { drainSearchOutbox, unreachableSearch } from '../setup/search';

const today = todayInStockholm();
let real: SearchHandle;
let kista: string;
let farsta: string;
let admin: string;
let employer: string;
let opening: string;
const people = {} as Record<'exact' | 'near' | 'other' | 'noConsent' | 'farsta', string>;

interface Suggestion {
  id: string;
  name: string;
  score: number;
  parts: Array<{ factor: string; points: number; text: string }>;
}
interface SuggestionPage {
  suggestions: Suggestion[];
  weightsVersion: number;
  source: 'search' | 'database';
}

function suggestionsFor(cookie: string, id = opening) {
  return callLoader(openingSuggestions.loader, `/matchning/plats/${id}`, { cookie, params: { id } });
}
function pairOf(cookie: string, aspirantId: string, openingId = opening) {
  return callLoader(pairPage.loader, `/matchning/${openingId}/${aspirantId}`, { cookie, params: { openingId, aspirantId } });
}
function proposeAs(cookie: string, aspirantId: string, message = 'Noggrann och van vid kundkontakt.') {
  return callAction(pairPage.action, `/matchning/${opening}/${aspirantId}`, { message }, { cookie, params: { openingId: opening, aspirantId } });
}

beforeAll(async () => {
  real = getSearch();
  await applyIndexSettings(real);
  [kista, farsta, admin, employer] = await Promise.all([
    loginAs('coach.kista@insteg.test'),
    loginAs('coach.farsta@insteg.test'),
    loginAs('admin@insteg.test'),
    loginAs('arbetsgivare.plus@insteg.test'),
  ]);
  // A praktik as personal assistant (SSYK 5321) in district 1, asking for Swedish and Arabic.
  opening = await createOpeningAs(employer, 'praktik', today, { title: 'Matchningspraktik', occupationCode: '5321', district: '1', languages: 'arabiska', swedishLevel: 'good' });
  await publishAs(employer, opening);
  const form = (first: string, last: string, extra: Record<string, string>) => enrolForm({ firstName: first, lastName: last, district: '1', ...extra });
  people.exact = await enrolAs(kista, await form('Amira', 'Exaktsdottir', { occupations: '5321: 4', swedishLevel: 'good' }));
  people.near = await enrolAs(kista, await form('Bilal', 'Närasson', { occupations: '5322: 1', languages: 'somaliska: modersmål', swedishLevel: 'basic' }));
  people.other = await enrolAs(kista, await form('Cecilia', 'Annansson', { occupations: '2512: 3', district: 'utanfor', languages: 'engelska: god' }));
  people.noConsent = await enrolAs(kista, await form('Dana', 'Utansamtyckesson', { occupations: '5321: 9', swedishLevel: 'fluent', consent: '' }));
  people.farsta = await enrolAs(farsta, await form('Erik', 'Farstasson', { occupations: '5321: 9', swedishLevel: 'fluent' }));
  await drainSearchOutbox();
});

afterEach(() => {
  globalThis.__insteg_meili = real;
});

describe('suggestions for an opening', () => {
  it("rank the coach's own eligible aspirants, best first, each score the sum of its explanation", async () => {
    const response = await suggestionsFor(kista);
    expect(response.status).toBe(200);
    const page = await jsonOf<SuggestionPage>(response);
    expect(page.source).toBe('search');
    const ids = page.suggestions.map((s) => s.id);
    expect(ids).toContain(people.exact);
    expect(ids).toContain(people.near);
    expect(ids).not.toContain(people.noConsent);
    expect(ids).not.toContain(people.farsta);
    expect(ids.indexOf(people.exact)).toBeLessThan(ids.indexOf(people.near));
    const scores = page.suggestions.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const s of page.suggestions) expect(s.parts.reduce((sum, p) => sum + p.points, 0)).toBe(s.score);
    expect(page.suggestions.length).toBeLessThanOrEqual(50);

    const exact = page.suggestions.find((s) => s.id === people.exact)!;
    expect(exact.parts.map((p) => p.text)).toEqual(
      expect.arrayContaining(['samma yrke 5321', '4 års erfarenhet som 5321', 'talar arabiska', 'svenska på kravnivå (god)']),
    );
    expect(exact.parts.some((p) => p.text.startsWith('samma stadsdelsområde'))).toBe(true);
    const near = page.suggestions.find((s) => s.id === people.near)!;
    expect(near.parts).toEqual(expect.arrayContaining([{ factor: 'occupation', points: 20, text: 'samma yrkesgrupp 532' }]));
    expect(near.parts).toEqual(expect.arrayContaining([{ factor: 'swedish', points: -15, text: 'svenska under kravnivå (god)' }]));

    // The list is logged like a search: which aspirants this coach was shown.
    const [logged] = await getDb()
      .select({ details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'aspirant.suggested'), eq(auditLog.subjectId, opening)))
      .orderBy(sql`${auditLog.id} desc`)
      .limit(1);
    expect((logged!.details as { ids: string[] }).ids).toEqual(ids);
  });

  it('show Farsta coaches only Farsta aspirants, and admins everyone', async () => {
    const farstaIds = (await jsonOf<SuggestionPage>(await suggestionsFor(farsta))).suggestions.map((s) => s.id);
    expect(farstaIds).toContain(people.farsta);
    expect(farstaIds).not.toContain(people.exact);
    const inFarsta = await getDb().select({ id: aspirants.id, jobbtorgId: aspirants.jobbtorgId }).from(aspirants).where(sql`${aspirants.id} in ${farstaIds}`);
    expect(new Set(inFarsta.map((a) => a.jobbtorgId)).size).toBe(1);
    const adminIds = (await jsonOf<SuggestionPage>(await suggestionsFor(admin))).suggestions.map((s) => s.id);
    expect(adminIds).toEqual(expect.arrayContaining([people.farsta, people.exact]));
  });

  it('come from the database, still scoped and eligible, while Meilisearch is unreachable', async () => {
    globalThis.__insteg_meili = await unreachableSearch(real.prefix);
    const page = await jsonOf<SuggestionPage>(await suggestionsFor(kista));
    expect(page.source).toBe('database');
    const ids = page.suggestions.map((s) => s.id);
    expect(ids[0]).toBeDefined();
    expect(ids).toContain(people.exact);
    expect(ids).not.toContain(people.noConsent);
    expect(ids).not.toContain(people.farsta);
  });

  it('follow consent: a withdrawal takes the aspirant out once the index has the change', async () => {
    const withdrawn = await enrolAs(kista, await enrolForm({ firstName: 'Fatima', lastName: 'Återkallasson', district: '1', occupations: '5321: 2' }));
    await drainSearchOutbox();
    expect((await jsonOf<SuggestionPage>(await suggestionsFor(kista))).suggestions.map((s) => s.id)).toContain(withdrawn);
    expect((await postProfile(kista, withdrawn, { intent: 'consent-withdraw' })).status).toBe(200);
    // Even before the index catches up, the database check drops the aspirant.
    expect((await jsonOf<SuggestionPage>(await suggestionsFor(kista))).suggestions.map((s) => s.id)).not.toContain(withdrawn);
    await drainSearchOutbox();
    expect((await jsonOf<SuggestionPage>(await suggestionsFor(kista))).suggestions.map((s) => s.id)).not.toContain(withdrawn);
  });

  it('are refused to employers and hidden for drafts', async () => {
    expect((await suggestionsFor(employer)).status).toBe(403);
    const draft = await createOpeningAs(employer, 'praktik', today, { title: 'Matchningsutkast' });
    expect((await suggestionsFor(kista, draft)).status).toBe(404);
  });
});

describe('suggestions for an aspirant', () => {
  it('rank the published openings the aspirant is eligible for', async () => {
    const response = await callLoader(aspirantSuggestions.loader, `/matchning/aspirant/${people.exact}`, { cookie: kista, params: { id: people.exact } });
    expect(response.status).toBe(200);
    const page = await jsonOf<{ suggestions: Array<{ id: string; score: number; parts: Array<{ points: number }> }> }>(response);
    expect(page.suggestions.map((s) => s.id)).toContain(opening);
    expect(page.suggestions[0]!.id).toBe(opening);
    for (const s of page.suggestions) expect(s.parts.reduce((sum, p) => sum + p.points, 0)).toBe(s.score);
    const other = await callLoader(aspirantSuggestions.loader, `/matchning/aspirant/${people.exact}`, { cookie: farsta, params: { id: people.exact } });
    expect(other.status).toBe(404);
  });
});

describe('one pair', () => {
  it('names the rule that fails ("why not")', async () => {
    const page = await jsonOf<{ eligible: boolean; rules: Array<{ rule: string; ok: boolean; reason: string | null }> }>(await pairOf(kista, people.noConsent));
    expect(page.eligible).toBe(false);
    expect(page.rules.find((r) => r.rule === 'consent')).toMatchObject({ ok: false, reason: expect.stringContaining('samtyckt') });
    expect(page.rules.filter((r) => !r.ok).map((r) => r.rule)).toEqual(['consent']);
    expect((await pairOf(farsta, people.noConsent)).status).toBe(404);
  });

  it('refuses a proposal of an ineligible aspirant, with the reason', async () => {
    const response = await proposeAs(kista, people.noConsent);
    expect(response.status).toBe(409);
    expect(JSON.stringify(await response.json())).toContain('samtyckt');
    const [n] = await getDb().select({ n: sql<number>`count(*)::int` }).from(matches).where(eq(matches.aspirantId, people.noConsent));
    expect(n!.n).toBe(0);
  });
});

describe('a proposal', () => {
  it('stores the score, its explanation and the weights version, and tells the employer', async () => {
    const pair = await jsonOf<{ score: { score: number; parts: unknown[] }; weightsVersion: number }>(await pairOf(kista, people.exact));
    const response = await proposeAs(kista, people.exact);
    expect(response.status).toBe(302);
    const matchId = /\/matchningar\/([0-9a-f-]{36})/.exec(response.headers.get('Location')!)![1]!;
    const [row] = await getDb().select().from(matches).where(eq(matches.id, matchId));
    expect(row).toMatchObject({ status: 'proposed', score: pair.score.score, explanation: pair.score.parts, weightsVersion: pair.weightsVersion, proposedBy: await userId('coach.kista@insteg.test') });
    const [mail] = await getDb().select().from(emailOutbox).where(eq(emailOutbox.template, 'match-proposal')).orderBy(sql`${emailOutbox.createdAt} desc`).limit(1);
    expect(mail!.to).toBe('kontakt@exempel.se');
    expect(mail!.text).toContain('Amira E.');
    expect(mail!.text).not.toContain('Exaktsdottir');
    expect(mail!.text).toContain('Noggrann och van vid kundkontakt.');

    // Proposed once: the pair is no longer suggested, and a second proposal is refused.
    expect((await jsonOf<SuggestionPage>(await suggestionsFor(kista))).suggestions.map((s) => s.id)).not.toContain(people.exact);
    const again = await proposeAs(kista, people.exact);
    expect(again.status).toBe(409);
    expect(JSON.stringify(await again.json())).toContain('redan föreslagen');
  });

  it('is made once when two coaches of the same Jobbtorg propose the same pair at the same moment', async () => {
    const second = await loginAs('coach.kista@insteg.test');
    const responses = await Promise.all([proposeAs(kista, people.near), proposeAs(second, people.near), proposeAs(kista, people.near)]);
    expect(responses.map((r) => r.status).sort()).toEqual([302, 409, 409]);
    const [n] = await getDb().select({ n: sql<number>`count(*)::int` }).from(matches).where(and(eq(matches.aspirantId, people.near), eq(matches.openingId, opening)));
    expect(n!.n).toBe(1);
  });

  it('is refused to an admin (who reads matching but does not propose) and to employers', async () => {
    expect((await proposeAs(admin, people.other)).status).toBe(403);
    expect((await proposeAs(employer, people.other)).status).toBe(403);
  });
});

describe('the weights', () => {
  const form = (changes: Record<string, string>) => ({
    ...Object.fromEntries(Object.entries(defaultMatchWeights).map(([k, v]) => [k, String(v)])),
    note: 'Språk väger tyngre i Järva',
    ...changes,
  });

  it('refuse invalid values with every error at once, in Swedish, and change nothing', async () => {
    const response = await callAction(weightsPage.action, '/admin/matchningsvikter', form({ occupation3: '40', sameCluster: '-1', languagePerMatch: 'mycket', note: '' }), { cookie: admin });
    expect(response.status).toBe(400);
    const { reply } = await jsonOf<{ reply: { error: Record<string, string[]> } }>(response);
    expect(Object.keys(reply.error).sort()).toEqual(['languagePerMatch', 'note', 'occupation3', 'sameCluster']);
    expect(reply.error.occupation3![0]).toContain('Får inte vara högre än');
    const [n] = await getDb().select({ n: sql<number>`count(*)::int` }).from(matchWeightVersions);
    expect(n!.n).toBe(1);
  });

  it('are saved as a new version that new scores use, while stored matches keep theirs', async () => {
    const before = await jsonOf<{ score: { score: number; parts: Array<{ factor: string; points: number }> }; weightsVersion: number }>(await pairOf(kista, people.other));
    const response = await callAction(weightsPage.action, '/admin/matchningsvikter', form({ availability: '30' }), { cookie: admin });
    expect(response.status).toBe(200);
    const after = await jsonOf<{ score: { score: number; parts: Array<{ factor: string; points: number }> }; weightsVersion: number }>(await pairOf(kista, people.other));
    expect(after.weightsVersion).toBe(before.weightsVersion + 1);
    expect(after.score.parts.find((p) => p.factor === 'availability')!.points).toBe(30);
    expect(after.score.score).toBe(before.score.score + 20);
    const stored = await getDb().select({ v: matches.weightsVersion }).from(matches).where(eq(matches.openingId, opening));
    expect(stored.every((m) => m.v === before.weightsVersion)).toBe(true);
    // Employers and coaches cannot change them.
    expect((await callAction(weightsPage.action, '/admin/matchningsvikter', form({}), { cookie: kista })).status).toBe(403);
    // A version is history: the database refuses to change it.
    await expect(getDb().update(matchWeightVersions).set({ note: 'ändrad' }).where(eq(matchWeightVersions.version, 1))).rejects.toThrow();
  });
});
