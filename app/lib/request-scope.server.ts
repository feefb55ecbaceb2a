import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Memory that lives as long as one HTTP request, across all the loaders Remix runs for it.
 *
 * Remix hands every loader of a document request a Request object of its own, so nothing keyed
 * by the Request is shared between the root loader and the route's loader. The HTTP layer
 * (scripts/lib/http-server.ts) runs each GET or HEAD request inside `requestScope.run(new Map())`;
 * code that would otherwise repeat the same lookup for every loader (the session) keeps its
 * answer here. Only reads: a POST's action may change what a later lookup would answer (log in,
 * log out), so state-changing requests get no scope and every lookup is made afresh.
 *
 * The instance is kept on globalThis because the HTTP layer and the Remix build are bundled
 * separately and would otherwise each hold a module copy of their own.
 */
const key = Symbol.for('insteg.requestScope');
const holder = globalThis as typeof globalThis & { [key]?: AsyncLocalStorage<Map<string, unknown>> };
export const requestScope: AsyncLocalStorage<Map<string, unknown>> = (holder[key] ??= new AsyncLocalStorage());

/** The value remembered under `name` for this request, computed once; outside a request scope, computed every time. */
export function oncePerRequest<T>(name: string, compute: () => T): T {
  const scope = requestScope.getStore();
  if (!scope) return compute();
  if (!scope.has(name)) scope.set(name, compute());
  return scope.get(name) as T;
}
