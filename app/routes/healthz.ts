import { json } from '@remix-run/node';
import { sql } from 'drizzle-orm';
import { getDb, getSearch } from '../services.server';

async function check(probe: () => Promise<unknown>, timeoutMs = 2000): Promise<'ok' | 'down'> {
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
    ]);
    return 'ok';
  } catch {
    return 'down';
  }
}

/** 200 {"db":"ok","search":"ok"} when both are up; 503 naming the one that is down. */
export async function loader() {
  const [db, search] = await Promise.all([
    check(() => getDb().execute(sql`select 1`)),
    check(async () => {
      const health = await getSearch().client.health();
      if (health.status !== 'available') throw new Error(health.status);
    }),
  ]);
  const ok = db === 'ok' && search === 'ok';
  return json({ db, search }, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
