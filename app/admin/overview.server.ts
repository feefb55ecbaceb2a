import { count, sql } from 'drizzle-orm';
import { emailOutbox, organizations, searchOutbox, users } from '../../db/schema';
import { getEnv } from '../env.server';
import { getDb } from '../services.server';

export async function adminOverview() {
  const db = getDb();
  const [[u], [o], [e], [s]] = await Promise.all([
    db
      .select({
        active: sql<number>`count(*) filter (where ${users.active})::int`,
        invited: sql<number>`count(*) filter (where ${users.active} and ${users.passwordHash} is null)::int`,
      })
      .from(users),
    db
      .select({
        active: sql<number>`count(*) filter (where ${organizations.active})::int`,
        plus: sql<number>`count(*) filter (where ${organizations.active} and ${organizations.membershipLevel} = 'plus')::int`,
      })
      .from(organizations),
    db
      .select({
        pending: sql<number>`count(*) filter (where ${emailOutbox.status} = 'pending')::int`,
        dead: sql<number>`count(*) filter (where ${emailOutbox.status} = 'dead')::int`,
      })
      .from(emailOutbox),
    db.select({ n: count() }).from(searchOutbox),
  ]);
  return {
    activeUsers: u?.active ?? 0,
    invitedUsers: u?.invited ?? 0,
    activeOrganizations: o?.active ?? 0,
    plusMembers: o?.plus ?? 0,
    emailsPending: e?.pending ?? 0,
    emailsDead: e?.dead ?? 0,
    emailConfigured: Boolean(getEnv().RESEND_API_KEY),
    searchBacklog: s?.n ?? 0,
  };
}

