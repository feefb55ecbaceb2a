/**
 * Production serves the site from a cluster of HTTP processes (scripts/start.ts, bundled into
 * build/server/start.js): they share the port and the sessions, exactly one runs the background
 * workers, one that dies is replaced (background work included) while the site keeps answering,
 * and SIGTERM stops them all. Run against this file's database and search indexes; needs the
 * production build (npm test builds before it runs vitest).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, isAlive, sleep } from '../../scripts/services/process-utils';

const bundle = path.resolve('build/server/start.js');
const hasBuild = existsSync(bundle) && existsSync(path.resolve('build/index.js'));
let server: ChildProcess | undefined;
let output = '';
let port = 0;
let dataDir = '';

/** One request on a connection of its own, so that the cluster may hand it to either process. */
function request(pathname: string, options: { method?: string; cookie?: string; body?: string } = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        method: options.method ?? 'GET',
        agent: false,
        headers: {
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...(options.body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

function childrenOf(pid: number): number[] {
  const found: number[] = [];
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    const list = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
    for (const child of list.split(' ').filter(Boolean)) found.push(Number(child));
  }
  return found;
}

function environOf(pid: number): Record<string, string> {
  return Object.fromEntries(
    readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
  );
}

async function waitFor<T>(what: string, probe: () => T | null | Promise<T | null>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${output.slice(-3000)}`);
    await sleep(100);
  }
}

beforeAll(async () => {
  if (!hasBuild) return;
  port = await freePort();
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'insteg-cluster-'));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !/^(TEST_|VITEST|RESEND_)/.test(k)) env[k] = v;
  server = spawn(process.execPath, [bundle], {
    env: {
      ...env,
      NODE_ENV: 'production',
      WEB_CONCURRENCY: '2',
      WORKERS: 'on',
      INSTEG_SEED: 'off',
      INSTEG_DATA_DIR: dataDir,
      PORT: String(port),
      APP_URL: `http://127.0.0.1:${port}`,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  server.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  // Up when every HTTP process listens (the primary says so) and the site answers.
  await waitFor('the cluster to be up', async () => (output.includes('Insteg is running') && (await request('/healthz').catch(() => null))?.status === 200 ? true : null), 60_000);
});

afterAll(() => {
  if (server && server.exitCode === null) server.kill('SIGKILL');
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe.skipIf(!hasBuild)('the production cluster', () => {
  it('shares port and sessions, replaces a process that dies with its background work, and stops whole on SIGTERM', async () => {
    const primary = server!.pid!;
    expect(output).toContain('2 HTTP processes');
    const first = childrenOf(primary);
    expect(first).toHaveLength(2);
    const background = first.filter((pid) => environOf(pid).INSTEG_BACKGROUND === 'on');
    expect(background, 'exactly one process runs the background workers').toHaveLength(1);

    // A session made through one process is honoured by both (connections are dealt round-robin).
    const login = await request('/login', { method: 'POST', body: new URLSearchParams({ email: 'coach.kista@insteg.test', password: 'Insteg-demo-2026' }).toString() });
    expect(login.status).toBe(302);
    const cookie = String(login.headers['set-cookie']?.[0]).split(';')[0]!;
    for (let i = 0; i < 6; i++) {
      const page = await request('/coach', { cookie });
      expect(page.status).toBe(200);
      expect(page.body).toContain('Hoppa till huvudinnehållet');
    }

    // The process with the background work is killed outright: the site keeps answering, and a
    // replacement takes over the background work.
    process.kill(background[0]!, 'SIGKILL');
    await waitFor('the dead process to be gone', () => (isAlive(background[0]!) ? null : true));
    for (let i = 0; i < 4; i++) expect((await request('/coach', { cookie })).status).toBe(200);
    const replaced = await waitFor('a replacement process', () => {
      const now = childrenOf(primary);
      return now.length === 2 && !now.includes(background[0]!) ? now : null;
    });
    await waitFor('the replacement to listen', async () => ((await request('/healthz')).status === 200 ? true : null));
    expect(output).toMatch(/HTTP process \d+ died \(SIGKILL\); starting another/);
    const replacement = replaced.find((pid) => !first.includes(pid))!;
    expect(environOf(replacement).INSTEG_BACKGROUND).toBe('on');
    expect(replaced.filter((pid) => environOf(pid).INSTEG_BACKGROUND === 'on')).toHaveLength(1);
    for (let i = 0; i < 4; i++) expect((await request('/coach', { cookie })).status).toBe(200);

    // SIGTERM: the primary stops its HTTP processes and exits; nothing is left behind.
    const exited = new Promise<number | null>((resolve) => server!.once('exit', (code) => resolve(code)));
    server!.kill('SIGTERM');
    expect([0, 143]).toContain(await exited);
    await waitFor('every HTTP process to be gone', () => (replaced.some(isAlive) ? null : true), 10_000);
    expect(output).toContain('[insteg] stopped');
  });
});
