/**
 * `npm run bench:load`: the whole site under logged-in mixed traffic. Starts a throwaway
 * PostgreSQL and Meilisearch (scripts/lib/bench.ts), migrates and seeds a demo at scale (5,000
 * openings, 5,000 aspirants and a history of 5,000 placements, which brings its own: about 8,600
 * openings and 9,800 aspirants in all), indexes it and refreshes the statistics, then starts
 * the real server as a process of its own, as production runs it (`node build/server/start.js`,
 * NODE_ENV=production: WEB_CONCURRENCY HTTP processes, by default one per core but one,
 * background workers on, a free port, its own INSTEG_DATA_DIR) against those services.
 * A coach, an admin and an employer log in through the login form; autocannon, in a child
 * process of its own, drives the mix below for a warm-up and then a timed run while the server's
 * resident memory is sampled: VmRSS summed over the server's processes (primary and HTTP processes).
 *
 * The mix, per round of 12 requests on every connection (paths drawn at random from pools):
 *   3 × opening search /platser?q=…        (coach, admin, employer)
 *   2 × aspirant search /coach/aspiranter?q=… (coach; names of their Jobbtorg, some misspelt)
 *   3 × aspirant page /coach/aspiranter/:id  (coach; their Jobbtorg's aspirants; audited reads)
 *   1 × match suggestions /matchning/plats/:id (coach; published openings)
 *   1 × statistics /statistik (admin), 1 × /statistik?jobbtorg=… (coach),
 *   1 × partner page /statistik/organisation/:id (employer)
 *
 * Needs the production build; runs `npm run build` first when build/index.js is missing.
 * Progress goes to stderr; the very last line on stdout is one JSON object:
 *   {"rps":…,"p50_ms":…,"p95_ms":…,"p99_ms":…,"errors":…,"rss_mb":…, …, "routes":{…}}
 * where errors counts non-2xx answers, connection errors and timeouts; after them come the
 * counts, idle and peak RSS, server_cpu_pct (how much of one core the server used while timed)
 * and per-route latencies. Targets on 2 cores: ≥ 300 req/s, p99 ≤ 250 ms, 0 errors,
 * RSS ≤ 400 MB. Figures from a shared machine are noisy.
 *
 * Environment knobs (optional): BENCH_OPENINGS (5000), BENCH_ASPIRANTS (5000),
 * BENCH_PLACEMENTS (5000), BENCH_CONNECTIONS (20), BENCH_WARMUP_S (5), BENCH_DURATION_S (30),
 * BENCH_SEED (2026); for profiling, BENCH_ROUTES (a comma-separated subset of the route names
 * below, the rest of the mix left out), BENCH_CPU_PROFILE (a directory: the server runs with
 * --cpu-prof and writes its profile there when it stops) and BENCH_SERVER_NODE_OPTIONS (NODE_OPTIONS
 * of the server's processes only, e.g. V8's heap flags); WEB_CONCURRENCY passes through.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROUTES = [
  'openings-search',
  'aspirant-search',
  'aspirant-page',
  'match-suggestions',
  'statistics-admin',
  'statistics-coach',
  'statistics-employer',
] as const;
type Route = (typeof ROUTES)[number];

/** One entry of the per-connection round: a route, whose cookie it sends, and the paths it draws from. */
interface Slot {
  route: Route;
  cookie: string;
  paths: string[];
}

interface DriveConfig {
  url: string;
  connections: number;
  warmupSeconds: number;
  durationSeconds: number;
  slots: Slot[];
}

interface DriveResult {
  durationSeconds: number;
  responses: number;
  non2xx: number;
  connectionErrors: number;
  timeouts: number;
  /** Response times (ms) of the timed run, all routes, and per route with their non-2xx count. */
  latencies: number[];
  routes: Record<string, { latencies: number[]; non2xx: number; statuses: Record<string, number> }>;
}

type DriverMessage = { type: 'measuring' } | { type: 'result'; result: DriveResult } | { type: 'failed'; message: string };

const log = (message: string) => console.error(`[bench] ${message}`);
const scriptPath = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(scriptPath), '..');

// ---------------------------------------------------------------------------------------------
// The load driver: a child process of its own, so the load generator does not share an event
// loop with the bench's bookkeeping. It receives its configuration over IPC and answers there.

interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  setupRequest?: (request: AutocannonRequest, context: object) => AutocannonRequest;
  onResponse?: (status: number, body: string, context: object) => void;
}
interface AutocannonResult {
  duration: number;
  requests: { total: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
}
type Autocannon = (
  options: { url: string; connections: number; duration: number; pipelining?: number; timeout?: number; requests: AutocannonRequest[] },
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

function runAutocannon(config: DriveConfig, seconds: number, record: boolean): Promise<DriveResult> {
  // autocannon ships no types; the shape used here is declared above.
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const routes: DriveResult['routes'] = {};
  const latencies: number[] = [];
  // onResponse of the answered request runs just before autocannon's own 'response' event for
  // the same response (synchronously, one connection at a time): it names the route to charge.
  let answered: Route | null = null;
  const requests: AutocannonRequest[] = config.slots.map((slot) => {
    const stats = (routes[slot.route] ??= { latencies: [], non2xx: 0, statuses: {} });
    return {
      method: 'GET',
      path: slot.paths[0],
      headers: { cookie: slot.cookie, 'user-agent': 'insteg-bench-load' },
      setupRequest: (request) => ({ ...request, path: slot.paths[Math.floor(Math.random() * slot.paths.length)] }),
      onResponse: (status) => {
        answered = slot.route;
        if (!record) return;
        stats.statuses[status] = (stats.statuses[status] ?? 0) + 1;
        if (status < 200 || status > 299) stats.non2xx++;
      },
    };
  });
  return new Promise((resolve, reject) => {
    const instance = autocannon({ url: config.url, connections: config.connections, duration: seconds, timeout: 10, requests }, (error, result) => {
      if (error) return reject(error);
      resolve({
        durationSeconds: result.duration,
        responses: result.requests.total,
        non2xx: result.non2xx,
        connectionErrors: result.errors - result.timeouts,
        timeouts: result.timeouts,
        latencies,
        routes,
      });
    });
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      if (!record) return;
      latencies.push(responseTime);
      if (answered) routes[answered]!.latencies.push(responseTime);
      answered = null;
    });
  });
}

async function drive() {
  const send = (message: DriverMessage) => new Promise<void>((resolve) => process.send!(message, () => resolve()));
  const config = await new Promise<DriveConfig>((resolve) => process.once('message', (m) => resolve(m as DriveConfig)));
  try {
    if (config.warmupSeconds > 0) await runAutocannon(config, config.warmupSeconds, false);
    await send({ type: 'measuring' });
    const result = await runAutocannon(config, config.durationSeconds, true);
    await send({ type: 'result', result });
  } catch (error) {
    await send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  }
  process.disconnect?.();
}

// ---------------------------------------------------------------------------------------------
// The bench

/** The process and its descendants (the server's primary and its HTTP processes). */
function processTree(pid: number): number[] {
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const task of readdirSafe(`/proc/${tree[i]}/task`)) {
      const children = readFileSafe(`/proc/${tree[i]}/task/${task}/children`);
      for (const child of children.split(' ').filter(Boolean)) tree.push(Number(child));
    }
  }
  return tree;
}
function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Summed over a process tree: memory in MB (VmRSS, or VmHWM for each one's peak), or null once the root is gone. */
function treeMemoryOf(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | null {
  const tree = processTree(pid);
  if (memoryOf(pid, field) === null) return null;
  return tree.reduce((sum, p) => sum + (memoryOf(p, field) ?? 0), 0);
}

/** Summed over a process tree: CPU seconds used so far, or null once the root is gone. */
function treeCpuSecondsOf(pid: number): number | null {
  if (cpuSecondsOf(pid) === null) return null;
  return processTree(pid).reduce((sum, p) => sum + (cpuSecondsOf(p) ?? 0), 0);
}

/** Resident memory of a process in MB (VmRSS, or VmHWM for its peak), or null once it is gone. */
function memoryOf(pid: number, field: 'VmRSS' | 'VmHWM' = 'VmRSS'): number | null {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** CPU seconds (user + system, all threads) a process has used so far, or null once it is gone. */
function cpuSecondsOf(pid: number): number | null {
  try {
    // The fields after the command name (which may hold spaces) start at ") "; utime and stime are the 12th and 13th of them.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ, 100 on Linux
  } catch {
    return null;
  }
}

/** The children this process started and its own temporary directories; cleaned up on every way out, a signal included. */
const children = new Set<ChildProcess>();
const tempDirs = new Set<string>();
function stopChild(child: ChildProcess, graceMs = 20_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(killer);
      children.delete(child);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

async function main({ pgUrl }: { pgUrl: string }) {
  const [{ sql, and, eq, isNull }, { hashPassword }, { getDb, getSearch }, { runMigrations }, schema, { seedDatabase }, { createRandom }, { refreshStatistics }, { indexKeys }, sync, { freePort, sleep }, bench] =
    await Promise.all([
      import('drizzle-orm'),
      import('../app/auth/password.server'),
      import('../app/services.server'),
      import('../db/migrate'),
      import('../db/schema'),
      import('../db/seed'),
      import('../db/seed/random'),
      import('../app/statistics/statistics.server'),
      import('../search/indexes'),
      import('../search/sync.server'),
      import('./services/process-utils'),
      import('./lib/bench'),
    ]);
  const { intFromEnv, round2, summary, describeTimes, verdict, misspell } = bench;
  const OPENINGS = intFromEnv('BENCH_OPENINGS', 5_000);
  const ASPIRANTS = intFromEnv('BENCH_ASPIRANTS', 5_000);
  const PLACEMENTS = intFromEnv('BENCH_PLACEMENTS', 5_000);
  const CONNECTIONS = intFromEnv('BENCH_CONNECTIONS', 20);
  const WARMUP_S = intFromEnv('BENCH_WARMUP_S', 5);
  const DURATION_S = intFromEnv('BENCH_DURATION_S', 30);
  const SEED = intFromEnv('BENCH_SEED', 2026);

  // 1. The scale demo, seeded here (not by the server, whose memory is what is measured).
  let started = performance.now();
  await runMigrations(pgUrl);
  const db = getDb();
  await seedDatabase(db, { hashPassword: (p) => hashPassword(p), seed: SEED, openings: OPENINGS, aspirants: ASPIRANTS, statisticsHistory: { placements: PLACEMENTS } });
  const search = getSearch();
  await sync.applyIndexSettings(search);
  for (const key of indexKeys) await sync.reindex(db, search, key);
  // Everything is indexed: no outbox backlog for the server's worker to start on.
  await db.delete(schema.searchOutbox);
  await refreshStatistics(db, { force: true });
  await db.execute(sql`vacuum analyze`);
  const [counts] = await db.execute<{ openings: number; published: number; aspirants: number; placements: number }>(
    sql`select (select count(*) from openings)::int as openings, (select count(*) from openings where status = 'published')::int as published,
      (select count(*) from aspirants)::int as aspirants, (select count(*) from matches)::int as placements`,
  );
  log(
    `seeded ${counts?.openings} openings (${counts?.published} published), ${counts?.aspirants} aspirants and ${counts?.placements} matches, indexed and refreshed the statistics in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  // 2. The real server, as a process of its own.
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'insteg-bench-load-'));
  tempDirs.add(dataDir);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(DATABASE_URL|MEILI_|SEARCH_INDEX_PREFIX|SESSION_SECRET|APP_URL|RESEND_|INSTEG_|BENCH_)/.test(k)) env[k] = v;
  let server: ChildProcess | undefined;
  let driver: ChildProcess | undefined;
  let serverOutput = '';
  const sampler: { timer?: NodeJS.Timeout } = {};
  try {
    started = performance.now();
    const profileDir = process.env.BENCH_CPU_PROFILE ? path.resolve(process.env.BENCH_CPU_PROFILE) : null;
    const profileArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
    server = spawn(process.execPath, [...profileArgs, 'build/server/start.js'], {
      cwd: root,
      env: {
        ...env,
        NODE_ENV: 'production',
        // For experiments with V8's flags in the server's processes only (the cluster's processes inherit them).
        ...(process.env.BENCH_SERVER_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_SERVER_NODE_OPTIONS } : {}),
        PORT: String(port),
        INSTEG_DATA_DIR: dataDir,
        INSTEG_SEED: 'off',
        WORKERS: 'on',
        DATABASE_URL: pgUrl,
        MEILI_URL: process.env.MEILI_URL!,
        MEILI_MASTER_KEY: process.env.MEILI_MASTER_KEY!,
        SESSION_SECRET: process.env.SESSION_SECRET!,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(server);
    const onOutput = (chunk: Buffer) => {
      const text = chunk.toString();
      serverOutput = (serverOutput + text).slice(-20_000);
      // The launcher's own lines as they come; anything else (stack traces) only on failure.
      for (const line of text.split('\n')) if (line.startsWith('[insteg]')) console.error(`[server] ${line}`);
    };
    server.stdout!.on('data', onOutput);
    server.stderr!.on('data', onOutput);
    const pid = server.pid!;
    for (const deadline = Date.now() + 90_000; ; await sleep(250)) {
      if (server.exitCode !== null) throw new Error(`the server exited (${server.exitCode}) before it answered:\n${serverOutput.slice(-3000)}`);
      const health = await fetch(`${base}/healthz`).catch(() => null);
      if (health?.status === 200) break;
      if (Date.now() > deadline) throw new Error(`the server did not answer /healthz within 90 s:\n${serverOutput.slice(-3000)}`);
    }
    // The measured processes are the server's own (its primary and HTTP processes), not a wrapper.
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    if (!cmdline.includes('build/server/start.js')) throw new Error(`pid ${pid} is not the server (${cmdline})`);
    const serverProcesses = processTree(pid).length;
    const rssIdle = treeMemoryOf(pid) ?? Number.NaN;
    log(`server up (pid ${pid}, ${serverProcesses} processes) on ${base} in ${((performance.now() - started) / 1000).toFixed(1)} s; RSS ${rssIdle.toFixed(0)} MB before any request`);

    // 3. Logins through the real form, and the paths each route draws from.
    const login = async (email: string) => {
      const res = await fetch(`${base}/login`, { method: 'POST', body: new URLSearchParams({ email, password: 'Insteg-demo-2026' }), redirect: 'manual' });
      const cookie = res.headers.get('set-cookie')?.split(';')[0];
      if (res.status !== 302 || !cookie) throw new Error(`login as ${email} answered ${res.status}`);
      return cookie;
    };
    const [coachCookie, adminCookie, employerCookie] = [await login('coach.kista@insteg.test'), await login('admin@insteg.test'), await login('arbetsgivare.plus@insteg.test')];
    const [coach] = await db.select({ jobbtorgId: schema.users.jobbtorgId }).from(schema.users).where(eq(schema.users.email, 'coach.kista@insteg.test'));
    const [employer] = await db.select({ organizationId: schema.users.organizationId }).from(schema.users).where(eq(schema.users.email, 'arbetsgivare.plus@insteg.test'));
    if (!coach?.jobbtorgId || !employer?.organizationId) throw new Error('the seed has no Kista coach or Plus employer');

    const random = createRandom(SEED + 9);
    const sample = <T>(items: T[], n: number) => Array.from({ length: Math.min(n, items.length) }, () => random.pick(items));
    const STOPWORDS = new Set(['för', 'inom', 'och', 'med', 'till', 'som']);
    const titles = (await db.selectDistinct({ title: schema.openings.title }).from(schema.openings).where(eq(schema.openings.status, 'published'))).map((r) => r.title);
    const words = [...new Set(titles.flatMap((t) => t.toLowerCase().split(/\s+/)).filter((w) => w.length >= 4 && !STOPWORDS.has(w)))].sort();
    const openingQueries = sample(words, 150).map((w) => (random.chance(0.25) ? misspell(w, random) : w));
    const ownAspirants = await db
      .select({ id: schema.aspirants.id, firstName: schema.aspirants.firstName, lastName: schema.aspirants.lastName })
      .from(schema.aspirants)
      .where(and(eq(schema.aspirants.jobbtorgId, coach.jobbtorgId), isNull(schema.aspirants.anonymisedAt)))
      .orderBy(schema.aspirants.id);
    const names = ownAspirants.flatMap((a) => [a.firstName ?? '', a.lastName ?? '']).filter((n) => n.length >= 3);
    const aspirantQueries = sample(names, 150).map((n) => (random.chance(0.25) ? misspell(n.toLowerCase(), random) : n));
    const published = (await db.select({ id: schema.openings.id }).from(schema.openings).where(eq(schema.openings.status, 'published')).orderBy(schema.openings.id)).map((r) => r.id);
    const q = (value: string) => encodeURIComponent(value);
    const pools: Record<Route, string[]> = {
      'openings-search': openingQueries.map((w) => `/platser?q=${q(w)}`),
      'aspirant-search': aspirantQueries.map((n) => `/coach/aspiranter?q=${q(n)}`),
      'aspirant-page': sample(ownAspirants, 300).map((a) => `/coach/aspiranter/${a.id}`),
      'match-suggestions': sample(published, 150).map((id) => `/matchning/plats/${id}`),
      'statistics-admin': ['/statistik'],
      'statistics-coach': [`/statistik?jobbtorg=${coach.jobbtorgId}`],
      'statistics-employer': [`/statistik/organisation/${employer.organizationId}`],
    };
    const only = process.env.BENCH_ROUTES?.split(',').map((r) => r.trim()).filter(Boolean);
    const unknown = only?.filter((r) => !(ROUTES as readonly string[]).includes(r));
    if (unknown?.length) throw new Error(`BENCH_ROUTES: unknown route ${unknown.join(', ')} (one of ${ROUTES.join(', ')})`);
    const slots: Slot[] = (
      [
        { route: 'openings-search', cookie: coachCookie, paths: pools['openings-search'] },
        { route: 'aspirant-page', cookie: coachCookie, paths: pools['aspirant-page'] },
        { route: 'aspirant-search', cookie: coachCookie, paths: pools['aspirant-search'] },
        { route: 'statistics-admin', cookie: adminCookie, paths: pools['statistics-admin'] },
        { route: 'openings-search', cookie: adminCookie, paths: pools['openings-search'] },
        { route: 'aspirant-page', cookie: coachCookie, paths: pools['aspirant-page'] },
        { route: 'match-suggestions', cookie: coachCookie, paths: pools['match-suggestions'] },
        { route: 'statistics-coach', cookie: coachCookie, paths: pools['statistics-coach'] },
        { route: 'openings-search', cookie: employerCookie, paths: pools['openings-search'] },
        { route: 'aspirant-search', cookie: coachCookie, paths: pools['aspirant-search'] },
        { route: 'aspirant-page', cookie: coachCookie, paths: pools['aspirant-page'] },
        { route: 'statistics-employer', cookie: employerCookie, paths: pools['statistics-employer'] },
      ] satisfies Slot[]
    ).filter((slot) => !only?.length || only.includes(slot.route));
    if (profileDir) log(`the server writes a CPU profile into ${profileDir} when it stops`);
    // Every route answers 200 to its caller before the load starts (a 302 would be a lost session).
    for (const slot of slots) {
      const res = await fetch(`${base}${slot.paths[0]}`, { headers: { cookie: slot.cookie }, redirect: 'manual' });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`${slot.route} ${slot.paths[0]} answered ${res.status} before the load`);
    }
    log(`${ROUTES.map((r) => `${r}: ${new Set(pools[r]).size}`).join(', ')} distinct paths; e.g. ${pools['openings-search'][0]}, ${pools['aspirant-search'][0]}`);

    // 4. The load, from a process of its own, with the server's memory sampled throughout.
    const rss: number[] = [];
    let measuring = false;
    let cpuAtStart = Number.NaN;
    let measuredAt = 0;
    sampler.timer = setInterval(() => {
      const mb = treeMemoryOf(pid);
      if (mb !== null) rss.push(mb);
    }, 200);
    log(`driving ${CONNECTIONS} connections with autocannon: ${WARMUP_S} s warm-up, then ${DURATION_S} s timed on ${os.cpus().length} CPU(s) (a shared machine: figures are noisy)`);
    driver = spawn(process.execPath, ['--import', 'tsx', scriptPath, '--drive'], { cwd: root, stdio: ['ignore', 2, 2, 'ipc'] });
    children.add(driver);
    const result = await new Promise<DriveResult>((resolve, reject) => {
      driver!.on('message', (message: DriverMessage) => {
        if (message.type === 'measuring') {
          measuring = true;
          cpuAtStart = treeCpuSecondsOf(pid) ?? Number.NaN;
          measuredAt = performance.now();
          log('warm-up done; timing');
        } else if (message.type === 'result') resolve(message.result);
        else reject(new Error(`the load driver failed: ${message.message}`));
      });
      driver!.once('exit', (code) => reject(new Error(`the load driver exited (${code}) without a result`)));
      driver!.send({ url: base, connections: CONNECTIONS, warmupSeconds: WARMUP_S, durationSeconds: DURATION_S, slots } satisfies DriveConfig);
    });
    clearInterval(sampler.timer);
    if (!measuring) throw new Error('the load driver never started its timed run');
    // How much of one core the server's process used while timed: near 100 % means its one
    // JavaScript thread was the bottleneck; far below, it waited (for PostgreSQL, Meilisearch or the CPU).
    const serverCpuPct = (((treeCpuSecondsOf(pid) ?? Number.NaN) - cpuAtStart) / ((performance.now() - measuredAt) / 1000)) * 100;
    if (server.exitCode !== null) throw new Error(`the server died under load (${server.exitCode}):\n${serverOutput.slice(-3000)}`);
    const rssMax = Math.max(...rss);
    const rssPeak = treeMemoryOf(pid, 'VmHWM') ?? Number.NaN;

    // 5. The figures.
    const all = summary(result.latencies);
    const rps = result.responses / result.durationSeconds;
    const errors = result.non2xx + result.connectionErrors + result.timeouts;
    log(`${result.responses} responses in ${result.durationSeconds.toFixed(1)} s: ${rps.toFixed(1)} req/s; ${describeTimes(all)}`);
    log(`errors: ${result.non2xx} non-2xx, ${result.connectionErrors} connection errors, ${result.timeouts} timeouts`);
    const routes: Record<string, { requests: number; p50_ms: number; p95_ms: number; p99_ms: number; errors: number }> = {};
    for (const route of ROUTES) {
      const stats = result.routes[route];
      if (!stats) continue;
      const s = summary(stats.latencies);
      routes[route] = { requests: stats.latencies.length, p50_ms: round2(s.p50), p95_ms: round2(s.p95), p99_ms: round2(s.p99), errors: stats.non2xx };
      const statuses = Object.entries(stats.statuses).map(([status, n]) => `${status}×${n}`).join(' ');
      log(`  ${route.padEnd(20)} ${String(stats.latencies.length).padStart(6)} req  ${describeTimes(s)}  [${statuses}]`);
    }
    log(`server CPU while timed: ${serverCpuPct.toFixed(0)} % of one core (${serverProcesses} processes summed)`);
    log(`server RSS: max ${rssMax.toFixed(0)} MB sampled during the load (${rss.length} samples), ${rssIdle.toFixed(0)} MB idle, peak (VmHWM) ${rssPeak.toFixed(0)} MB`);
    log(`target ≥ 300 req/s: ${verdict(rps >= 300)} (${rps.toFixed(1)})`);
    log(`target p99 ≤ 250 ms: ${verdict(all.p99 <= 250)} (${all.p99.toFixed(1)} ms)`);
    log(`target 0 errors: ${verdict(errors === 0)} (${errors})`);
    log(`target RSS ≤ 400 MB: ${verdict(rssMax <= 400)} (${rssMax.toFixed(0)} MB)`);
    if (errors > 0) log(`server output (tail):\n${serverOutput.slice(-3000)}`);

    return {
      rps: round2(rps),
      p50_ms: round2(all.p50),
      p95_ms: round2(all.p95),
      p99_ms: round2(all.p99),
      errors,
      rss_mb: round2(rssMax),
      requests: result.responses,
      duration_s: round2(result.durationSeconds),
      connections: CONNECTIONS,
      non2xx: result.non2xx,
      timeouts: result.timeouts,
      rss_idle_mb: round2(rssIdle),
      rss_peak_mb: round2(rssPeak),
      server_cpu_pct: round2(serverCpuPct),
      server_processes: serverProcesses,
      cpus: os.cpus().length,
      openings: counts?.openings,
      aspirants: counts?.aspirants,
      routes,
    };
  } finally {
    clearInterval(sampler.timer);
    // The server first, while its database is still up; the services are stopped by runBench.
    await Promise.all([driver && stopChild(driver, 5_000), server && stopChild(server)]);
    rmSync(dataDir, { recursive: true, force: true });
    tempDirs.delete(dataDir);
  }
}

if (process.argv[2] === '--drive') {
  await drive();
} else {
  // No orphans: children are stopped on a signal too (runBench then stops the services), and
  // killed outright if this process exits while one is still running.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void Promise.all([...children].map((c) => stopChild(c, 5_000))));
  process.on('exit', () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  });
  if (!existsSync(path.join(root, 'build/index.js')) || !existsSync(path.join(root, 'build/server/start.js'))) {
    log('no production build in build/: running `npm run build` first');
    const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });
    if (built.status !== 0) {
      log('the build failed');
      process.exit(1);
    }
  }
  const { runBench } = await import('./lib/bench');
  await runBench(main, log);
}
