/**
 * The launcher behind `npm start`, run as a real process: embedded services come up, the site
 * answers, SIGTERM stops everything without orphans, a second start reuses the data, and bad
 * configuration stops the process with one line. Needs the production build (npm test builds
 * before it runs vitest).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, isAlive, sleep } from '../../scripts/services/process-utils';

const tsx = path.resolve('node_modules/.bin/tsx');
const hasBuild = existsSync(path.resolve('build/index.js'));
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'insteg-launcher-'));
chmodSync(dataDir, 0o755);

function cleanEnv(extra: Record<string, string>) {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !/^(DATABASE_URL|MEILI_|SEARCH_INDEX_PREFIX|SESSION_SECRET|APP_URL|RESEND_|TEST_|VITEST)/.test(k)) env[k] = v;
  }
  return { ...env, INSTEG_SCRYPT_COST: '10', NODE_ENV: 'production', ...extra } as NodeJS.ProcessEnv;
}

async function startLauncher(port: number) {
  const child = spawn(tsx, ['scripts/start.ts'], {
    env: cleanEnv({ PORT: String(port), INSTEG_DATA_DIR: dataDir }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`launcher exited early (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`launcher did not come up:\n${output}`);
    await sleep(250);
  }
  return { child, output: () => output };
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

function servicePids() {
  const pids: number[] = [];
  const pgPid = path.join(dataDir, 'postgres', 'postmaster.pid');
  if (existsSync(pgPid)) pids.push(Number(readFileSync(pgPid, 'utf8').split('\n')[0]));
  const meiliPid = path.join(dataDir, 'meili', 'meilisearch.pid');
  if (existsSync(meiliPid)) pids.push(Number(readFileSync(meiliPid, 'utf8')));
  return pids;
}

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!hasBuild)('launcher (npm start)', () => {
  it('starts, serves, stops cleanly on SIGTERM, and reuses its data on the next start', async () => {
    const port = await freePort();
    const first = await startLauncher(port);
    expect(first.output()).toContain('seeding demo data');
    const pids = servicePids();
    expect(pids).toHaveLength(2);
    expect(pids.every(isAlive)).toBe(true);
    const login = await fetch(`http://127.0.0.1:${port}/login`);
    expect(login.status).toBe(200);
    const html = await login.text();
    expect(html).toContain('lang="sv"');
    // Every response has a CSP with a fresh nonce, and every inline script carries it.
    const csp = login.headers.get('content-security-policy') ?? '';
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts.filter((t) => !/\ssrc=/.test(t))) expect(tag).toContain(`nonce="${nonce}"`);
    const again = await fetch(`http://127.0.0.1:${port}/login`);
    expect(again.headers.get('content-security-policy')).not.toContain(nonce!);
    expect(again.headers.get('x-content-type-options')).toBe('nosniff');
    expect(again.headers.get('referrer-policy')).toBe('same-origin');
    // Served over http here: no HSTS (it would pin browsers to https on localhost).
    expect(again.headers.get('strict-transport-security')).toBeNull();
    const crossSite = await fetch(`http://127.0.0.1:${port}/login`, {
      method: 'POST',
      headers: { Origin: 'https://evil.example' },
      body: new URLSearchParams({ email: 'admin@insteg.test', password: 'Insteg-demo-2026' }),
      redirect: 'manual',
    });
    expect(crossSite.status).toBe(403);

    // 143 = 128 + SIGTERM: the conventional code of a process that shut down on request.
    expect([0, 143]).toContain(await stop(first.child));
    // The services are stopped before the launcher exits; on a loaded machine the kernel may take
    // a moment to reap them. An orphan would stay alive for good: a few seconds tell them apart.
    await expect.poll(() => pids.filter(isAlive), { message: 'no orphan PostgreSQL or Meilisearch', timeout: 5_000, interval: 50 }).toEqual([]);

    const second = await startLauncher(port);
    expect(second.output()).not.toContain('seeding demo data');
    const res = await fetch(`http://127.0.0.1:${port}/login`, {
      method: 'POST',
      body: new URLSearchParams({ email: 'admin@insteg.test', password: 'Insteg-demo-2026' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/admin');
    const secondCode = await stop(second.child);
    expect([0, 143], second.output()).toContain(secondCode);
  }, 180_000);

  it('never leaves its embedded Meilisearch behind, however the process ends', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'insteg-meili-exit-'));
    try {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'tests/setup/meili-then-exit.ts', dir], { encoding: 'utf8', timeout: 60_000 });
      expect(result.status, result.stderr).toBe(3);
      const pid = Number(result.stdout.trim());
      expect(pid).toBeGreaterThan(0);
      await expect.poll(() => isAlive(pid), { message: 'Meilisearch outlived the process that started it', timeout: 5_000, interval: 50 }).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 70_000);

  it('stops with one line naming a malformed variable', () => {
    const result = spawnSync(tsx, ['scripts/start.ts'], { env: cleanEnv({ PORT: 'abc', INSTEG_DATA_DIR: dataDir }), encoding: 'utf8' });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n').filter((l) => l.startsWith('[insteg]'));
    expect(lines).toEqual(['[insteg] Invalid configuration: PORT must be an integer between 1 and 65535']);
  });

  it('exits non-zero when migrations cannot be applied', async () => {
    const closed = await freePort();
    const result = spawnSync(tsx, ['scripts/db-migrate.ts'], {
      env: cleanEnv({ DATABASE_URL: `postgres://nobody:x@127.0.0.1:${closed}/none`, MEILI_URL: 'http://127.0.0.1:1', INSTEG_DATA_DIR: dataDir }),
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('migration failed');
  }, 70_000);
});
