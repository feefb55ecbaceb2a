import { createCookie } from '@remix-run/node';
import { getEnv } from '../env.server';

/** Only the cookie lives here. The session itself is a database row (see sessions.server.ts). */
let cookie: ReturnType<typeof createCookie> | undefined;

export function getSessionCookie() {
  if (!cookie) {
    const env = getEnv();
    cookie = createCookie('insteg_session', {
      httpOnly: true,
      sameSite: 'lax',
      secure: env.NODE_ENV === 'production' && env.APP_URL.startsWith('https://'),
      path: '/',
      secrets: [env.SESSION_SECRET],
    });
  }
  return cookie;
}
