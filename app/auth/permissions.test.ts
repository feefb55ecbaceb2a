import { describe, expect, it } from 'vitest';
import type { Role } from '../../db/schema';
import { userRole } from '../../db/schema';
import { can, permissionRoles, type Permission } from './permissions';
import { roles } from './roles';

const permissions = Object.keys(permissionRoles) as Permission[];

describe('permissions', () => {
  it('knows exactly the roles of the database enum', () => {
    expect([...roles].sort()).toEqual([...userRole.enumValues].sort());
  });

  it('denies everything to nobody', () => {
    for (const p of permissions) {
      expect(can(null, p)).toBe(false);
      expect(can(undefined, p)).toBe(false);
    }
  });

  it('denies by default: a role not listed is refused', () => {
    expect(can({ role: 'intruder' as Role }, 'read:organizations')).toBe(false);
    expect(can({ role: 'intruder' as Role }, 'manage:own-account')).toBe(false);
    expect(can({ role: 'coach' }, 'manage:users')).toBe(false);
  });

  it('grants a permission to exactly the roles listed for it', () => {
    for (const p of permissions) {
      for (const role of roles) {
        expect(can({ role }, p), `${role} / ${p}`).toBe((permissionRoles[p] as readonly Role[]).includes(role));
      }
    }
  });

  it('lists only known roles, each once, and no permission is left without a role', () => {
    for (const p of permissions) {
      const listed = permissionRoles[p] as readonly string[];
      expect(listed.length, p).toBeGreaterThan(0);
      expect(new Set(listed).size, p).toBe(listed.length);
      for (const role of listed) expect(roles as readonly string[], `${p} lists ${role}`).toContain(role);
    }
  });

  it('keeps every administrative permission to admins only', () => {
    const administrative: Permission[] = [
      'admin:access',
      'manage:users',
      'manage:organizations',
      'read:email-outbox',
      'manage:email-outbox',
      'read:search-status',
      'read:audit-log',
    ];
    for (const p of administrative) expect(permissionRoles[p], p).toEqual(['admin']);
    // Any other admin: or manage: permission (except on one's own things) is admin-only too.
    for (const p of permissions.filter((p) => p.startsWith('admin:') || (p.startsWith('manage:') && !p.startsWith('manage:own-')))) {
      expect(permissionRoles[p], p).toEqual(['admin']);
    }
  });

  it('gives an employer no admin permission and no access to other organisations', () => {
    const employer = permissions.filter((p) => can({ role: 'employer' }, p));
    expect(employer).toEqual(expect.arrayContaining(['use:employer-pages', 'read:organization:own', 'manage:own-account']));
    for (const p of employer) {
      expect(permissionRoles[p], `${p} is granted to employers`).not.toEqual(['admin']);
      expect(p.startsWith('admin:') || (p.startsWith('manage:') && !p.startsWith('manage:own-')), p).toBe(false);
    }
    expect(can({ role: 'employer' }, 'read:organizations')).toBe(false);
    expect(can({ role: 'employer' }, 'use:coach-pages')).toBe(false);
    expect(can({ role: 'employer' }, 'use:mentoring-pages')).toBe(false);
  });

  it('keeps aspirants from employers and mentorship coordinators', () => {
    const aspirantPermissions = permissions.filter((p) => p.includes('aspirant') || p.includes('personnummer'));
    expect(aspirantPermissions.length).toBeGreaterThan(0);
    for (const p of aspirantPermissions) {
      expect(can({ role: 'employer' }, p), p).toBe(false);
      expect(can({ role: 'mentor_coordinator' }, p), p).toBe(false);
    }
    // Only coaches see a whole personnummer (and only for their own Jobbtorg, which the service checks).
    expect(permissionRoles['reveal:personnummer']).toEqual(['coach']);
  });

  it('lets every role manage their own account', () => {
    for (const role of roles) expect(can({ role }, 'manage:own-account')).toBe(true);
  });
});
