/**
 * What the benchmark scripts share: throwaway PostgreSQL and Meilisearch in a temporary
 * directory (stopped and removed on success, failure and Ctrl-C), the service configuration
 * pointed at them, timing summaries, and the one JSON result line printed last on stdout.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resetEnvCache } from '../../app/env.server';
import { closeDb } from '../../db/client.server';
import { startEmbeddedMeilisearch, type RunningMeilisearch } from '../services/embedded-meilisearch';
import { startEmbeddedPostgres, type RunningPostgres } from '../services/embedded-postgres';

export function intFromEnv(name: string, fallback: number) {
  const value = Number(process.env[name]);
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

export const round2 = (n: number) => Math.round(n * 100) / 100;

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function summary(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((s, v) => s + v, 0) / Math.max(1, samples.length);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), p99: percentile(sorted, 0.99), max: sorted.at(-1) ?? Number.NaN, mean };
}

export function describeTimes(s: ReturnType<typeof summary>) {
  return `p50 ${s.p50.toFixed(2)} ms, p95 ${s.p95.toFixed(2)} ms, p99 ${s.p99.toFixed(2)} ms, max ${s.max.toFixed(2)} ms, mean ${s.mean.toFixed(2)} ms`;
}

/** A plausible typo: a dropped, doubled, swapped or replaced letter (never in the first one). */
export function misspell(word: string, random: { int(min: number, max: number): number; pick<T>(items: readonly T[]): T }) {
  const chars = [...word];
  if (chars.length < 5) return `${word}${word.at(-1)}`;
  const at = random.int(1, chars.length - 2);
  switch (random.int(0, 3)) {
    case 0:
      chars.splice(at, 1);
      break;
    case 1:
      chars.splice(at, 0, chars[at]!);
      break;
    case 2:
      [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
      break;
    default:
      chars[at] = random.pick([...'aeiouäöåknrst'].filter((c) => c !== chars[at]));
  }
  return chars.join('');
}

export const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

interface Cleanup {
  pg?: RunningPostgres;
  meili?: RunningMeilisearch;
  dir?: string;
  stopping?: boolean;
}

/** One readable line per error in the chain (a failed query's error carries the whole SQL text). */
function describeError(error: unknown): string {
  const lines: string[] = [];
  for (let e: unknown = error; e && lines.length < 4; e = (e as { cause?: unknown }).cause) {
    const message = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    lines.push(message.length > 300 ? `${message.slice(0, 300)} …` : message);
  }
  return lines.join('\n  caused by ');
}

async function startServices(cleanup: Cleanup, log: (message: string) => void) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'insteg-bench-'));
  cleanup.dir = dir;
  // PostgreSQL runs as the unprivileged postgres user, which must be able to enter the directory.
  chmodSync(dir, 0o755);
  log(`starting PostgreSQL and Meilisearch (data in ${dir}) on ${os.cpus().length} CPU(s)`);
  const [pg, meili] = await Promise.allSettled([
    startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), database: 'insteg_bench', logFile: path.join(dir, 'postgres.log') }),
    startEmbeddedMeilisearch({ dataDir: path.join(dir, 'meili'), logFile: path.join(dir, 'meili.log') }),
  ]);
  if (pg.status === 'fulfilled') cleanup.pg = pg.value;
  if (meili.status === 'fulfilled') cleanup.meili = meili.value;
  if (pg.status === 'rejected') throw pg.reason;
  if (meili.status === 'rejected') throw meili.reason;
  const crashed = (detail: string) => {
    if (cleanup.stopping) return;
    console.error(`[bench] ${detail}`);
    process.exitCode = 1;
  };
  pg.value.onUnexpectedExit(crashed);
  meili.value.onUnexpectedExit(crashed);

  // The services read their configuration from process.env (parsed once): set it before first use.
  process.env.DATABASE_URL = pg.value.url;
  process.env.MEILI_URL = meili.value.url;
  process.env.MEILI_MASTER_KEY = meili.value.masterKey;
  process.env.SESSION_SECRET = randomBytes(32).toString('hex');
  process.env.SEARCH_INDEX_PREFIX = '';
  resetEnvCache();
  globalThis.__insteg_db = undefined;
  globalThis.__insteg_meili = undefined;
  return { pgUrl: pg.value.url };
}

/**
 * Runs a benchmark against fresh servers and ends the process: the result object becomes the
 * last line of stdout; a failure or a crashed server exits non-zero.
 */
export async function runBench(main: (services: { pgUrl: string }) => Promise<object>, log: (message: string) => void): Promise<never> {
  const cleanup: Cleanup = {};
  let cleaned: Promise<void> | undefined;
  const shutdown = () => {
    cleanup.stopping = true;
    cleaned ??= (async () => {
      // Meilisearch first: its stop() signals it at once, before anything else can end the process.
      const meiliStopped = cleanup.meili?.stop();
      await closeDb().catch(() => {});
      await Promise.allSettled([meiliStopped, cleanup.pg?.stop()]);
      if (cleanup.dir) rmSync(cleanup.dir, { recursive: true, force: true });
    })();
    return cleaned;
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`[bench] ${signal}: stopping the servers`);
      void shutdown().finally(() => process.exit(128 + os.constants.signals[signal]));
    });
  }
  // embedded-postgres' own exit hook may end the process first on a signal; never leave the data behind.
  process.on('exit', () => {
    if (cleanup.dir) rmSync(cleanup.dir, { recursive: true, force: true });
  });

  let result: object | undefined;
  try {
    result = await main(await startServices(cleanup, log));
  } catch (error) {
    // After a signal, the failure is only the interrupted work.
    if (!cleanup.stopping) console.error(`[bench] failed: ${describeError(error)}`);
    process.exitCode = 1;
  } finally {
    await shutdown();
  }
  if (result) console.info(JSON.stringify(result));
  // Every pool and server is closed, so the event loop is empty here; the explicit exit keeps the
  // exit code, which embedded-postgres' exit hook (async-exit-hook on beforeExit) would reset to 0.
  process.exit(process.exitCode ?? 0);
}
