/**
 * Fault test: PostgreSQL restarted under traffic. The real server (scripts/start.ts, production
 * build) runs as a child process against a PostgreSQL of this file's own, which is stopped and
 * started again on the same data directory and port while requests keep flowing. The server must
 * answer meanwhile with 503, Retry-After and the Swedish "service unavailable" page (quickly,
 * without dying; a data request with a 503 the client shows the same way; a submitted form with
 * the warning that it may not have been saved), never with a 500; afterwards the same process
 * must serve database pages again, with the session it had and a working write.
 *
 * The suite's shared cluster is never touched: other files use it in parallel. Meilisearch is the
 * suite's, under an index prefix of this file's own. Needs the production build (npm test builds
 * before it runs vitest).
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { and, eq, isNull } from 'drizzle-orm';
import { Meilisearch } from 'meilisearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../app/auth/password.server';
import { createDb } from '../../db/client.server';
import { runMigrations } from '../../db/migrate';
import { actionPlans, activities, aspirants, jobbtorg } from '../../db/schema';
import { seedDatabase } from '../../db/seed';
import { DEMO_PASSWORD } from '../../db/seed/reference-data';
import { startEmbeddedPostgres, type RunningPostgres } from '../../scripts/services/embedded-postgres';
import { freePort, sleep } from '../../scripts/services/process-utils';
import { exchangeWith, serverEnv, startServerProcess, type Exchange, type ServerProcess } from '../setup/server-process';

const tsx = path.resolve('node_modules/.bin/tsx');
const hasBuild = existsSync(path.resolve('build/index.js'));
const DATABASE = 'insteg_restart';
const indexPrefix = `pgrestart_${randomBytes(3).toString('hex')}_`;

/** No request may take longer than this, whatever state PostgreSQL is in. */
const MAX_ANSWER_MS = 5_000;


let dir = '';
let dataDir = '';
let pg: RunningPostgres | undefined;
let server: ServerProcess | undefined;
let base = '';


async function startPostgres(port?: number) {
  return startEmbeddedPostgres({ dataDir, database: DATABASE, logFile: path.join(dir, 'postgres.log'), port });
}

/** One request with a hard deadline; a refused or timed-out request is recorded, never thrown. */
const exchange = (target: string, init: RequestInit = {}) => exchangeWith(base, target, init, MAX_ANSWER_MS * 2);

const waitFor = <T,>(what: string, probe: () => Promise<T | null>, timeoutMs: number) => server!.waitFor(what, probe, timeoutMs);


beforeAll(async () => {
  if (!hasBuild) return;
  dir = mkdtempSync(path.join(os.tmpdir(), 'insteg-pg-restart-'));
  // PostgreSQL runs as the unprivileged postgres user, which must be able to enter the directory.
  chmodSync(dir, 0o755);
  dataDir = path.join(dir, 'postgres');
  pg = await startPostgres();
  await runMigrations(pg.url);
  const handle = createDb(pg.url, { max: 2 });
  try {
    await seedDatabase(handle.db, {
      hashPassword: (p) => hashPassword(p, 10),
      openings: 20,
      aspirants: 40,
      feriejobbApplications: 0,
      mentoring: false,
      statisticsHistory: false,
    });
  } finally {
    await handle.sql.end();
  }

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = startServerProcess(
    tsx,
    ['scripts/start.ts'],
    serverEnv({
      PORT: String(port),
      INSTEG_DATA_DIR: path.join(dir, 'app'),
      DATABASE_URL: pg.url,
      MEILI_URL: process.env.MEILI_URL!,
      MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY!,
      SEARCH_INDEX_PREFIX: indexPrefix,
      SESSION_SECRET: randomBytes(32).toString('hex'),
    }),
  );
  await waitFor('the server to answer /healthz', async () => ((await exchange('/healthz')).status === 200 ? true : null), 90_000);
});

afterAll(async () => {
  try {
    await server?.stop();
    await pg?.stop();
    // This file's indexes in the suite's Meilisearch.
    if (process.env.MEILI_URL) {
      const meili = new Meilisearch({ host: process.env.MEILI_URL, apiKey: process.env.MEILI_MASTER_KEY });
      const { results } = await meili.getIndexes({ limit: 1000 }).catch(() => ({ results: [] }));
      await Promise.allSettled(results.filter((i) => i.uid.startsWith(indexPrefix)).map((i) => meili.deleteIndex(i.uid)));
    }
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

describe.skipIf(!hasBuild)('PostgreSQL restarted under traffic', () => {
  it('answers 503 with a Swedish page while it is down and recovers in the same process, session and all', async () => {
    const child = server!.child;
    const pid = child.pid;

    // A Kista coach, logged in through the real form, and one of their aspirants with an action plan.
    const loginResponse = await fetch(`${base}/login`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'coach.kista@insteg.test', password: DEMO_PASSWORD }),
      redirect: 'manual',
    });
    expect(loginResponse.status).toBe(302);
    const cookie = loginResponse.headers.get('set-cookie')?.split(';')[0];
    expect(cookie).toMatch(/^insteg_session=/);
    const probe = createDb(pg!.url, { max: 1 });
    let aspirantId: string;
    try {
      const [row] = await probe.db
        .select({ id: aspirants.id })
        .from(aspirants)
        .innerJoin(jobbtorg, eq(jobbtorg.id, aspirants.jobbtorgId))
        .innerJoin(actionPlans, eq(actionPlans.aspirantId, aspirants.id))
        .where(and(eq(jobbtorg.slug, 'kista'), isNull(aspirants.exitedOn), isNull(aspirants.anonymisedAt)))
        .orderBy(aspirants.id)
        .limit(1);
      expect(row, 'the seed has a current Kista aspirant with an action plan').toBeDefined();
      aspirantId = row!.id;
    } finally {
      await probe.sql.end();
    }
    const page = `/coach/aspiranter/${aspirantId}`;
    const headers = { Cookie: cookie! };
    expect((await exchange(page, { headers })).status).toBe(200);
    // A statistics table of the coach's Jobbtorg as CSV: a download that needs the database.
    const exportPath = '/statistik/export?tabell=stockholmsjobb_aspirants.tertial&format=csv';
    const csvBefore = await exchange(exportPath, { headers });
    expect(csvBefore.status, csvBefore.body.slice(0, 300)).toBe(200);
    expect(csvBefore.headers.get('Content-Type')).toMatch(/^text\/csv/);

    // Traffic: the aspirant page (session lookup, profile, audit write) and /healthz, over and over.
    const log: Exchange[] = [];
    let flowing = true;
    const traffic = (async () => {
      while (flowing) {
        log.push(...(await Promise.all([exchange(page, { headers }), exchange('/healthz')])));
        await sleep(50);
      }
    })();
    await sleep(1_000);

    const port = pg!.port;
    const stoppedAt = Date.now();
    await pg!.stop();
    pg = undefined;

    // While PostgreSQL is down: a clear answer in Swedish, quickly, from a process that stays up.
    const down = await waitFor(
      'an error page for the aspirant page while PostgreSQL is down',
      async () => {
        const r = await exchange(page, { headers });
        return typeof r.status === 'number' && r.status >= 500 ? r : null;
      },
      10_000,
    );
    expect(down.status).toBe(503);
    expect(down.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(down.ms).toBeLessThan(MAX_ANSWER_MS);
    expect(down.body).toContain('lang="sv"');
    expect(down.body).toContain('Tjänsten är inte tillgänglig just nu');
    expect(down.body).toContain('det beror inte på något du har gjort');
    expect(down.body).toMatch(/Försök igen om en stund/);
    expect(down.body).not.toContain('Något gick fel');
    expect(down.body).not.toContain('har kanske inte sparats');
    // The same for a data request (a client-side navigation): a 503 Remix's client shows in the error boundary.
    const data = await exchange(`${page}?_data=${encodeURIComponent('routes/coach.aspiranter.$id._index')}`, { headers });
    expect(data.status).toBe(503);
    expect(data.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(data.headers.get('X-Remix-Catch')).toBe('yes');
    expect(JSON.parse(data.body)).toEqual({ reason: 'database-unavailable', submitted: false });
    // A form submitted meanwhile: the page says that what was sent may not have been saved.
    const lost = `Sparas inte under avbrottet ${randomBytes(4).toString('hex')}`;
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(new Date());
    const activityForm = (description: string) => new URLSearchParams({ intent: 'activity', type: 'praktik', description, startOn: today, endOn: today, status: 'planned' });
    const submitted = await exchange(`${page}?index`, { method: 'POST', headers, body: activityForm(lost) });
    expect(submitted.status).toBe(503);
    expect(submitted.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(submitted.body).toContain('Tjänsten är inte tillgänglig just nu');
    expect(submitted.body).toContain('Det du skickade in har kanske inte sparats');
    // A file download (a resource route, which no page boundary renders): a plain Swedish 503 too.
    const download = await exchange(exportPath, { headers });
    expect(download.status).toBe(503);
    expect(download.headers.get('Retry-After')).toMatch(/^\d+$/);
    expect(download.headers.get('Content-Type')).toMatch(/^text\/plain/);
    expect(download.body).toContain('Tjänsten är inte tillgänglig just nu');
    const health = await exchange('/healthz');
    expect(health.status).toBe(503);
    expect(JSON.parse(health.body)).toMatchObject({ db: 'down' });
    await sleep(2_000);
    expect(child.exitCode, server!.output()).toBeNull();

    // PostgreSQL comes back on the same data directory and port.
    pg = await startPostgres(port);
    const restartedAt = Date.now();

    // The same server process answers the page again, with the session it had before.
    const back = await waitFor(
      'the aspirant page to answer 200 again',
      async () => {
        const r = await exchange(page, { headers });
        return r.status === 200 ? r : null;
      },
      20_000,
    );
    expect(back.body).toContain('Handlingsplan');
    expect((await exchange('/healthz')).status).toBe(200);
    const downloadAgain = await exchange(exportPath, { headers });
    expect(downloadAgain.status).toBe(200);
    expect(downloadAgain.body).toBe(csvBefore.body);
    expect(child.pid).toBe(pid);
    expect(child.exitCode).toBeNull();

    // A write goes through: an activity on the aspirant's plan.
    const description = `Praktik efter omstart ${randomBytes(4).toString('hex')}`;
    const write = await exchange(`${page}?index`, { method: 'POST', headers, body: activityForm(description) });
    expect(write.status, write.body.slice(0, 500)).toBe(200);
    expect(write.body).toContain('Aktiviteten är sparad.');
    const check = createDb(pg.url, { max: 1 });
    try {
      const rows = await check.db.select({ id: activities.id }).from(activities).where(eq(activities.description, description));
      expect(rows).toHaveLength(1);
      expect(await check.db.select({ id: activities.id }).from(activities).where(eq(activities.description, lost))).toHaveLength(0);
    } finally {
      await check.sql.end();
    }

    flowing = false;
    await traffic;

    // Over the whole run: no request hung, none failed at the HTTP level, errors only while down.
    const slow = log.filter((e) => e.ms >= MAX_ANSWER_MS);
    expect(slow.map((e) => `${e.path} ${e.status} ${e.ms} ms`)).toEqual([]);
    expect(log.filter((e) => e.status === 'failed').map((e) => e.body)).toEqual([]);
    const before = log.filter((e) => e.at + e.ms < stoppedAt);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((e) => e.status === 200)).toBe(true);
    const pages = log.filter((e) => e.path === page);
    expect(pages.some((e) => e.at >= stoppedAt && e.at < restartedAt && e.status === 503)).toBe(true);
    // A database outage is never a 500.
    expect(log.filter((e) => e.status === 500).map((e) => `${e.path} ${e.status} ${e.body.slice(0, 200)}`)).toEqual([]);
    expect(pages.some((e) => e.at >= restartedAt && e.status === 200)).toBe(true);
    // Never bounced to the login page: the session outlived the restart.
    expect(pages.filter((e) => e.status === 302)).toEqual([]);
    expect(server!.output()).not.toContain('uncaught exception');
  }, 90_000);
});
