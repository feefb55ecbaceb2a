import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs } from '@remix-run/node';
import { DEMO_PASSWORD } from '../../db/seed/reference-data';
import * as loginRoute from '../../app/routes/login';

export const BASE = 'http://insteg.test';

type Loader = (args: LoaderFunctionArgs) => Promise<Response> | Response;
type Action = (args: ActionFunctionArgs) => Promise<Response> | Response;

interface CallOptions {
  cookie?: string;
  params?: Record<string, string>;
  ip?: string;
}

/** Runs a loader or action; a thrown Response (redirect, 403, 404) is returned like a returned one. */
async function settle(run: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

function context(ip: string | undefined): AppLoadContext {
  return { clientIp: ip ?? '192.0.2.10' };
}

export function callLoader(loader: Loader, path: string, options: CallOptions = {}) {
  const request = new Request(`${BASE}${path}`, { headers: options.cookie ? { Cookie: options.cookie } : {} });
  return settle(() => loader({ request, params: options.params ?? {}, context: context(options.ip) }));
}

export function callAction(action: Action, path: string, form: Record<string, string> | FormData, options: CallOptions = {}) {
  const body = form instanceof FormData ? form : new URLSearchParams(form);
  const request = new Request(`${BASE}${path}`, {
    method: 'POST',
    body,
    headers: options.cookie ? { Cookie: options.cookie } : {},
  });
  return settle(() => action({ request, params: options.params ?? {}, context: context(options.ip) }));
}

/** The cookie to send back, from a response's Set-Cookie. */
export function cookieFrom(response: Response) {
  const setCookie = response.headers.get('Set-Cookie');
  if (!setCookie) throw new Error(`no Set-Cookie on a ${response.status} response`);
  return setCookie.split(';')[0]!;
}

/** Logs in through the real login action and returns the session cookie. */
export async function loginAs(email: string, password = DEMO_PASSWORD, ip?: string) {
  const response = await callAction(loginRoute.action, '/login', { email, password }, { ip });
  if (response.status !== 302) throw new Error(`login as ${email} failed with ${response.status}: ${await response.text()}`);
  return cookieFrom(response);
}

export async function jsonOf<T = Record<string, unknown>>(response: Response): Promise<T> {
  return (await response.json()) as T;
}
