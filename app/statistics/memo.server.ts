/**
 * The statistics pages read facts that change only when the worker refreshes them: between two
 * refreshes the same question gets the same answer. Answers are kept here, per process, under the
 * refresh they were computed from (statistics_settings.refreshed_at): a new refresh makes every
 * kept answer unreachable, and they are dropped the first time an answer of the new one is kept.
 * Only what is derived from the facts alone is kept; names, targets and the day's progress are
 * read and computed for every request.
 */
const MAX_ENTRIES = 200;

let version: string | null = null;
const kept = new Map<string, Promise<unknown>>();

/** The answer to `key` under the refresh `factsVersion`, computed once per refresh (a failed computation is not kept). */
export function memoizedFacts<T>(factsVersion: string, key: string, compute: () => Promise<T>): Promise<T> {
  if (factsVersion !== version) {
    kept.clear();
    version = factsVersion;
  }
  const hit = kept.get(key) as Promise<T> | undefined;
  if (hit) {
    // Least recently used goes first: a hit moves to the end.
    kept.delete(key);
    kept.set(key, hit);
    return hit;
  }
  const answer = compute();
  kept.set(key, answer);
  answer.catch(() => {
    if (kept.get(key) === answer) kept.delete(key);
  });
  if (kept.size > MAX_ENTRIES) kept.delete(kept.keys().next().value!);
  return answer;
}

/** For tests: forget everything kept. */
export function forgetFacts() {
  kept.clear();
  version = null;
}
