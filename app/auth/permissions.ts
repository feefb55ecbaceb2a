import type { Role } from '../../db/schema';

/**
 * Who may do what. Deny by default: a permission not listed for a role is refused. The UI may
 * use `can` to hide a button, but only the server's `requirePermission` decides.
 */
export const permissionRoles = {
  'admin:access': ['admin'],
  'manage:users': ['admin'],
  'manage:organizations': ['admin'],
  'read:email-outbox': ['admin'],
  'manage:email-outbox': ['admin'],
  'read:search-status': ['admin'],
  'read:audit-log': ['admin'],
  'read:organizations': ['admin', 'coach', 'mentor_coordinator', 'feriejobb_coordinator'],
  'read:organization:own': ['employer'],
  'use:coach-pages': ['coach'],
  'use:employer-pages': ['employer'],
  'use:mentoring-pages': ['mentor_coordinator', 'admin'],
  'manage:own-openings': ['employer'],
  'search:openings': ['admin', 'coach', 'employer', 'mentor_coordinator', 'feriejobb_coordinator'],
  'unpublish:openings': ['admin'],
  // Aspirants: a coach sees and changes only their own Jobbtorg's (enforced in the queries);
  // an admin sees all. Employers and coordinators never read aspirants here (see employer-projection.ts).
  'read:aspirant:own-jobbtorg': ['coach', 'admin'],
  'write:aspirant:own-jobbtorg': ['coach', 'admin'],
  'enrol:aspirant': ['coach'],
  'reveal:personnummer': ['coach'],
  // The register extract (GDPR art. 15) for one aspirant, and erasure before the retention period ends.
  'export:aspirant': ['coach', 'admin'],
  'erase:aspirant': ['admin'],
  // Matching and the placement pipeline: coaches match their own Jobbtorg's aspirants (admins
  // read all); employers answer proposals on their organisation's openings through the employer
  // projection only; admins edit the score's weights.
  'match:aspirants': ['coach', 'admin'],
  'propose:match': ['coach'],
  'read:matches': ['coach', 'admin'],
  'record:placements': ['coach'],
  'answer:proposals': ['employer'],
  'manage:match-weights': ['admin'],
  // Feriejobb: the coordinator (and admins) read applications, check priority groups, run,
  // review and publish allocations. Youths apply without an account (public routes).
  'read:feriejobb-applications': ['feriejobb_coordinator', 'admin'],
  'check:feriejobb-priority': ['feriejobb_coordinator', 'admin'],
  'run:feriejobb-allocation': ['feriejobb_coordinator', 'admin'],
  // Statistics: admins see the city and every scope; a coach their own Jobbtorg; an employer
  // their own organisation's partner page (statistics.server scopeFor). Admins set the targets.
  'read:statistics': ['admin', 'coach', 'employer'],
  'manage:statistics': ['admin'],
  'manage:own-account': ['admin', 'coach', 'employer', 'mentor_coordinator', 'feriejobb_coordinator'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissionRoles;

export function can(user: { role: Role } | null | undefined, permission: Permission): boolean {
  if (!user) return false;
  return (permissionRoles[permission] as readonly Role[]).includes(user.role);
}
