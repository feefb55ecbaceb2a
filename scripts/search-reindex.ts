/** `npm run search:reindex [index …]`: rebuilds search indexes from the database, with progress. */
import { SingleBar, Presets } from 'cli-progress';
import { parseEnv } from '../app/env.server';
import { closeDb, getDbHandle } from '../db/client.server';
import { createSearchClient } from '../search/client.server';
import { indexKeys, isIndexKey } from '../search/indexes';
import { applyIndexSettings, reindex } from '../search/sync.server';
import { startRuntime } from './lib/runtime';

const requested = process.argv.slice(2);
const unknown = requested.filter((k) => !isIndexKey(k));
if (unknown.length) {
  console.error(`[insteg] unknown index: ${unknown.join(', ')} (known: ${indexKeys.join(', ')})`);
  process.exit(2);
}
const keys = requested.length ? requested.filter(isIndexKey) : indexKeys;

const runtime = await startRuntime({ owner: false });
let code = 0;
try {
  const env = parseEnv(process.env);
  const { db } = getDbHandle(env.DATABASE_URL);
  const search = createSearchClient(env.MEILI_URL, env.MEILI_MASTER_KEY, env.SEARCH_INDEX_PREFIX);
  await applyIndexSettings(search, keys);
  for (const key of keys) {
    const bar = new SingleBar({ format: `${key.padEnd(16)} [{bar}] {value}/{total} dokument`, hideCursor: true }, Presets.shades_classic);
    let started = false;
    const count = await reindex(db, search, key, ({ done, total }) => {
      if (!started) {
        bar.start(total, 0);
        started = true;
      }
      bar.update(done);
    });
    bar.stop();
    console.info(`[insteg] ${key}: ${count} documents indexed and swapped in`);
  }
} catch (error) {
  console.error('[insteg] reindex failed:', error instanceof Error ? error.message : error);
  code = 1;
} finally {
  await closeDb();
  await runtime.stop();
}
process.exit(code);
