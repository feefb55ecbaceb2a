/**
 * The background worker says when search sync starts failing and when it has recovered, once
 * each: Meilisearch errors are kept on the outbox rows (not thrown), so the worker logs them from
 * what the drain reports. Meilisearch is put out of reach and back by a TCP relay in front of the
 * suite's real one, so the same worker, with the same client, sees it go and come back.
 */
import net from 'node:net';
import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startBackgroundWorkers } from '../../app/background.server';
import { getDb, getSearch } from '../../app/services.server';
import { organizations, searchOutbox } from '../../db/schema';
import { createSearchClient } from '../../search/client.server';
import { applyIndexSettings, enqueueSearchSync } from '../../search/sync.server';
import { drainSearchOutbox } from '../setup/search';

/** A relay to the real Meilisearch that can refuse every connection while "down". */
function relayTo(target: URL) {
  let down = false;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    if (down) return client.destroy();
    const upstream = net.connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    client.pipe(upstream).pipe(client);
  });
  return {
    listen: () => new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port))),
    setDown(value: boolean) {
      down = value;
      if (down) for (const s of sockets) s.destroy();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let real: ReturnType<typeof getSearch>;
let relay: ReturnType<typeof relayTo>;

beforeAll(async () => {
  real = getSearch();
  relay = relayTo(new URL(process.env.MEILI_URL!));
  await applyIndexSettings(real);
  await drainSearchOutbox();
  const port = await relay.listen();
  globalThis.__insteg_meili = createSearchClient(`http://127.0.0.1:${port}`, process.env.MEILI_MASTER_KEY, real.prefix);
});

afterAll(async () => {
  globalThis.__insteg_meili = real;
  await relay.close();
});

describe('the search sync worker', () => {
  it('logs one line when Meilisearch fails and one when it has recovered, not one per retry', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const infos = vi.spyOn(console, 'info').mockImplementation(() => {});
    const workers = startBackgroundWorkers({ intervalMs: 60_000 });
    try {
      await workers.tick(); // settings applied through the relay while it is up
      const [org] = await getDb().select({ id: organizations.id }).from(organizations).limit(1);
      relay.setDown(true);
      await getDb().transaction((tx) => enqueueSearchSync(tx, 'organizations', [org!.id]));
      await workers.tick();
      const failing = errors.mock.calls.map((c) => String(c[0])).filter((m) => m.includes('search sync'));
      expect(failing).toHaveLength(1);
      expect(failing[0], failing[0]).toMatch(/^\[insteg\] search sync: failing, will retry: (organizations|openings|aspirants): /);
      // The organisation's row waits for its retry with the error on it (with whatever else the worker's upkeep queued).
      const rows = await getDb().select().from(searchOutbox);
      expect(rows.find((r) => r.indexName === 'organizations' && r.documentId === org!.id)).toMatchObject({ attempts: 1, lastError: expect.stringContaining('has failed') });

      // Nothing due while the row waits for its retry: neither a second "failing" nor a false "recovered".
      await workers.tick();
      // Due again, still down: still one line.
      await getDb().update(searchOutbox).set({ nextAttemptAt: sql`now()` });
      await workers.tick();
      expect(errors.mock.calls.filter((c) => String(c[0]).includes('search sync'))).toHaveLength(1);
      expect(infos.mock.calls.filter((c) => String(c[0]).includes('search sync: recovered'))).toHaveLength(0);

      relay.setDown(false);
      await getDb().update(searchOutbox).set({ nextAttemptAt: sql`now()` });
      await workers.tick();
      expect(infos.mock.calls.filter((c) => String(c[0]).includes('search sync: recovered'))).toHaveLength(1);
      const [left] = await getDb().select({ n: count() }).from(searchOutbox);
      expect(left!.n).toBe(0);
    } finally {
      await workers.stop();
      errors.mockRestore();
      infos.mockRestore();
    }
  });
});
