import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { z } from '../forms/validation';
import { logout } from '../auth/auth.server';

const logoutSchema = z.object({ everywhere: z.enum(['on']).optional() });

/** Logging out changes state, so it is a POST only; a GET just goes to the start page. */
export async function loader(_: LoaderFunctionArgs) {
  return redirect('/');
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = logoutSchema.safeParse(Object.fromEntries(await request.clone().formData()));
  return logout(request, { everywhere: parsed.success && parsed.data.everywhere === 'on' });
}
