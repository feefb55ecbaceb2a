/**
 * isDatabaseUnavailable against the errors postgres.js, drizzle and fetch really throw (a closed
 * port, a server that never answers, a terminated session, an ended pool, a query's own faults),
 * and against the SQLSTATEs that are hard to provoke on purpose, shaped as postgres.js shapes them.
 */
import { createServer, type Server } from 'node:net';
import { DrizzleQueryError, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { Meilisearch } from 'meilisearch';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../scripts/services/process-utils';
import { isDatabaseUnavailable } from './connection-errors';

const clients: postgres.Sql[] = [];
function client(url: string, options: postgres.Options<Record<string, never>> = {}) {
  const sqlClient = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {}, ...options });
  clients.push(sqlClient);
  return sqlClient;
}

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end({ timeout: 0 }).catch(() => {})));
});

/** What `run` rejects with. */
async function failure(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

/** An error shaped as postgres.js makes one from a PostgreSQL ErrorResponse. */
function serverError(code: string, message: string) {
  return new DrizzleQueryError('select 1', [], Object.assign(new Error(message), { name: 'PostgresError', severity: 'FATAL', code }));
}

describe('isDatabaseUnavailable', () => {
  it('is true when nothing listens on the database port, through drizzle, postgres.js and a transaction', async () => {
    const url = `postgres://postgres:x@127.0.0.1:${await freePort()}/insteg`;
    const db = drizzle(client(url));
    const viaDrizzle = await failure(() => db.execute(sql`select 1`));
    expect(viaDrizzle).toBeInstanceOf(DrizzleQueryError);
    expect(isDatabaseUnavailable(viaDrizzle)).toBe(true);
    const raw = await failure(() => client(url)`select 1`);
    expect((raw as { code?: string }).code).toBe('ECONNREFUSED');
    expect(isDatabaseUnavailable(raw)).toBe(true);
    expect(isDatabaseUnavailable(await failure(() => db.transaction(async (tx) => tx.execute(sql`select 1`))))).toBe(true);
  });

  it('is true when the server accepts the connection but never answers (CONNECT_TIMEOUT)', async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = silent.address() as { port: number };
      const error = await failure(() => drizzle(client(`postgres://postgres:x@127.0.0.1:${port}/insteg`, { connect_timeout: 1 })).execute(sql`select 1`));
      expect((error as { cause?: { code?: string } }).cause?.code).toBe('CONNECT_TIMEOUT');
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      silent.close();
    }
  });

  it('is true when the session is terminated by the server (57P01) and when the pool was ended', async () => {
    const victim = client(process.env.DATABASE_URL!);
    const [{ pid }] = (await victim`select pg_backend_pid() as pid`) as unknown as [{ pid: number }];
    const pending = failure(() => drizzle(victim).execute(sql`select pg_sleep(10)`));
    const killer = client(process.env.DATABASE_URL!);
    // Once the sleep is running, the server ends that session as on a shutdown.
    await expect.poll(async () => (await killer`select 1 from pg_stat_activity where pid = ${pid} and state = 'active'`).length).toBe(1);
    await killer`select pg_terminate_backend(${pid})`;
    const terminated = await pending;
    expect(['57P01', 'CONNECTION_CLOSED']).toContain((terminated as { cause?: { code?: string } }).cause?.code);
    expect(isDatabaseUnavailable(terminated)).toBe(true);

    const ended = client(process.env.DATABASE_URL!);
    await ended.end();
    const afterEnd = await failure(() => drizzle(ended).execute(sql`select 1`));
    expect((afterEnd as { cause?: { code?: string } }).cause?.code).toBe('CONNECTION_ENDED');
    expect(isDatabaseUnavailable(afterEnd)).toBe(true);
  });

  it.each([
    ['57P01', 'terminating connection due to administrator command'],
    ['57P02', 'terminating connection because of crash of another server process'],
    ['57P03', 'the database system is starting up'],
    ['53300', 'sorry, too many clients already'],
    ['08006', 'connection failure'],
    ['08P01', 'protocol violation'],
  ])('is true for SQLSTATE %s (%s)', (code, message) => {
    expect(isDatabaseUnavailable(serverError(code, message))).toBe(true);
  });

  it.each(['CONNECTION_CLOSED', 'CONNECTION_DESTROYED'])('is true for the driver code %s', (code) => {
    const driverError = Object.assign(new Error(`write ${code} 127.0.0.1:5432`), { code, errno: code, address: '127.0.0.1', port: 5432 });
    expect(isDatabaseUnavailable(new DrizzleQueryError('select 1', [], driverError))).toBe(true);
  });

  it("is false for a query's own faults, which stay 500s", async () => {
    const db = drizzle(client(process.env.DATABASE_URL!));
    const syntax = await failure(() => db.execute(sql`selec 1`));
    expect((syntax as { cause?: { code?: string } }).cause?.code).toBe('42601');
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    const division = await failure(() => db.execute(sql`select 1 / 0`));
    expect((division as { cause?: { code?: string } }).cause?.code).toBe('22012');
    expect(isDatabaseUnavailable(division)).toBe(false);
    const unique = await failure(() =>
      db.transaction(async (tx) => {
        await tx.execute(sql`create temporary table twice (x int primary key) on commit drop`);
        await tx.execute(sql`insert into twice values (1), (1)`);
      }),
    );
    expect((unique as { cause?: { code?: string } }).cause?.code).toBe('23505');
    expect(isDatabaseUnavailable(unique)).toBe(false);
    const timeout = await failure(() =>
      db.transaction(async (tx) => {
        await tx.execute(sql`set local statement_timeout = 10`);
        await tx.execute(sql`select pg_sleep(1)`);
      }),
    );
    expect((timeout as { cause?: { code?: string } }).cause?.code).toBe('57014');
    expect(isDatabaseUnavailable(timeout)).toBe(false);
  });

  it('is false for other services failing with the same socket codes, and for anything else', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    const fetchFailure = await failure(() => fetch(closed));
    expect((fetchFailure as { cause?: { code?: string } }).cause?.code).toBe('ECONNREFUSED');
    expect(isDatabaseUnavailable(fetchFailure)).toBe(false);
    expect(isDatabaseUnavailable(await failure(() => new Meilisearch({ host: closed }).health()))).toBe(false);
    expect(isDatabaseUnavailable(new Error('something else', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable(new Response(null, { status: 404 }))).toBe(false);
    for (const value of [undefined, null, 'CONNECTION_CLOSED', 42, { code: 42 }]) expect(isDatabaseUnavailable(value)).toBe(false);
    const cyclic: Error & { cause?: unknown } = new Error('cyclic');
    cyclic.cause = cyclic;
    expect(isDatabaseUnavailable(cyclic)).toBe(false);
  });
});
