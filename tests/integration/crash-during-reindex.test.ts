/**
 * The process killed in the middle of a reindex (`npm run search:reindex`, SIGKILL while the
 * fresh index is being filled): nothing half-written is live, the lock dies with the process,
 * and the job can simply be rerun.
 */
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Faker, sv } from '@faker-js/faker';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { todayInStockholm } from '../../app/dates';
import { getDb, getSearch } from '../../app/services.server';
import { aspirants, searchOutbox } from '../../db/schema';
import { insertAspirants } from '../../db/seed/aspirants';
import { physicalIndexName } from '../../search/indexes';
import { applyIndexSettings, enqueueSearchSync, processSearchOutbox, reindex } from '../../search/sync.server';
import { liveIndex } from '../setup/search';

// Two pages of the reindex (5,000 each): after the first lands in the fresh index, the second
// still takes a while, which is when the process is killed.
const MANY = 10_000;

async function aspirantIds() {
  return (await getDb().select({ id: aspirants.id }).from(aspirants)).map((r) => r.id).sort();
}

async function indexedIds() {
  const { results } = await liveIndex('aspirants').getDocuments({ fields: ['id'], limit: 20_000 });
  return results.map((d) => d.id).sort();
}

beforeAll(async () => {
  await applyIndexSettings(getSearch());
});

describe('a reindex killed half-way', () => {
  it('leaves the live index as it was, releases its lock, and succeeds when rerun', async () => {
    // Enough aspirants that filling a fresh index takes a while (the seeded ones make way, so
    // the generated test-series numbers cannot collide with theirs).
    await getDb().delete(aspirants);
    await getDb().delete(searchOutbox);
    const faker = new Faker({ locale: [sv] });
    faker.seed(7);
    await getDb().transaction((tx) => insertAspirants(tx, { count: MANY, seed: 7, today: todayInStockholm(), faker }));
    await getDb().delete(searchOutbox);
    const search = getSearch();
    expect(await reindex(getDb(), search, 'aspirants')).toBe(MANY);
    const before = await indexedIds();
    expect(before).toEqual(await aspirantIds());
    const sample = before[0]!;
    const oldName = (await liveIndex('aspirants').getDocument(sample)).lastName;

    // A change to every row that only a reindex brings into search.
    await getDb().update(aspirants).set({ lastName: sql`${aspirants.lastName} || 'ström'` });

    const temp = `${physicalIndexName('aspirants', search.prefix)}__rebuild`;
    // Node with tsx's loader, not the tsx launcher: the launcher runs the script in a child
    // process of its own, which a SIGKILL of the launcher would leave running.
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/search-reindex.ts', 'aspirants'], { env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));

    // Kill it as soon as the fresh index holds documents, before it is swapped in.
    const deadline = Date.now() + 60_000;
    let killedMidway = false;
    while (Date.now() < deadline && child.exitCode === null) {
      const stats = await search.client.index(temp).getStats().catch(() => null);
      if (stats && stats.numberOfDocuments > 0) {
        child.kill('SIGKILL');
        killedMidway = true;
        break;
      }
      await sleep(5);
    }
    expect(await exited).toBe('SIGKILL');
    expect(killedMidway, `the reindex finished before it could be killed:\n${output.slice(-500)}`).toBe(true);

    // Nothing half-written is live: the same documents, with the old names.
    expect(await indexedIds()).toEqual(before);
    expect((await liveIndex('aspirants').getDocument(sample)).lastName).toBe(oldName);

    // The advisory lock dies with the process's database session (as soon as PostgreSQL sees the
    // connection gone): the outbox worker is then not blocked.
    await enqueueSearchSync(getDb(), 'aspirants', [sample]);
    await expect.poll(() => processSearchOutbox(getDb(), search), { timeout: 15_000, interval: 100 }).toBe(1);

    // Rerun: every change is in, the leftover fresh index is gone.
    expect(await reindex(getDb(), search, 'aspirants')).toBe(MANY);
    expect(await indexedIds()).toEqual(await aspirantIds());
    expect((await liveIndex('aspirants').getDocument(before[1]!)).lastName).toMatch(/ström$/);
    await expect(search.client.index(temp).getStats()).rejects.toThrow();
  }, 120_000);

  it('reruns cleanly while Meilisearch is still busy with what the dead run enqueued', async () => {
    const search = getSearch();
    const temp = `${physicalIndexName('aspirants', search.prefix)}__rebuild`;
    // What a killed run leaves: its fresh index, and tasks still queued behind which anything new waits.
    await search.client.createIndex(temp, { primaryKey: 'id' }).waitTask();
    const busy = `${search.prefix}busy_queue`;
    const filler = Array.from({ length: 40_000 }, (_, i) => ({ id: `d${i}`, text: `rad ${i} ${'x'.repeat(40)}` }));
    const queued = search.client.index(busy).addDocuments(filler, { primaryKey: 'id' });
    try {
      // The rebuild must delete the leftover index and wait for it before creating it afresh
      // with its primary key: otherwise the deletion lands after the creation check, and the
      // next task re-creates the index without one (aspirant documents have several *Id fields).
      expect(await reindex(getDb(), search, 'aspirants')).toBe((await aspirantIds()).length);
      expect(await indexedIds()).toEqual(await aspirantIds());
      await expect(search.client.index(temp).getStats()).rejects.toThrow();
    } finally {
      await queued.waitTask({ timeout: 60_000 }).catch(() => {});
      await search.client.index(busy).delete().waitTask({ timeout: 60_000 });
    }
  }, 120_000);
});
