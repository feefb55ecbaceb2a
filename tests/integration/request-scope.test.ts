/**
 * One session lookup per page: Remix gives the root loader and the route's loader a Request each,
 * and the HTTP layer's request scope lets them share the answer. State-changing requests get no
 * scope (an action may log in or out), so every lookup there is made afresh.
 */
import { describe, expect, it, vi } from 'vitest';
import type * as SessionsModuleNamespace from '../../app/auth/sessions.server';

type SessionsModule = typeof SessionsModuleNamespace;
import { requestScope } from '../../app/lib/request-scope.server';

const lookups = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../app/auth/sessions.server', async (importOriginal) => {
  const original = await importOriginal<SessionsModule>();
  return {
    ...original,
    resolveSession: (...args: Parameters<typeof original.resolveSession>) => {
      lookups.count++;
      return original.resolveSession(...args);
    },
  };
});

const { getUser } = await import('../../app/auth/auth.server');
const { loginAs } = await import('../setup/remix');

const pageRequest = (cookie: string) => new Request('http://insteg.test/coach', { headers: { Cookie: cookie } });

describe('the session of a request', () => {
  it('is looked up once for all the loaders of a read, and afresh outside a request scope', async () => {
    const cookie = await loginAs('coach.kista@insteg.test');
    const other = await loginAs('coach.farsta@insteg.test');
    lookups.count = 0;
    const [root, route, again] = await requestScope.run(new Map(), () =>
      Promise.all([getUser(pageRequest(cookie)), getUser(pageRequest(cookie)), getUser(pageRequest(cookie))]),
    );
    expect(root?.email).toBe('coach.kista@insteg.test');
    expect(route?.id).toBe(root?.id);
    expect(again?.id).toBe(root?.id);
    expect(lookups.count).toBe(1);

    // Another request (another scope), or another cookie in the same one: its own lookup.
    const farsta = await requestScope.run(new Map(), () => getUser(pageRequest(other)));
    expect(farsta?.email).toBe('coach.farsta@insteg.test');
    expect(lookups.count).toBe(2);

    // No scope (a POST): every Request is looked up.
    await getUser(pageRequest(cookie));
    await getUser(pageRequest(cookie));
    expect(lookups.count).toBe(4);
  });
});
