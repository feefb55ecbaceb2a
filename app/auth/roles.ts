import type { Role } from '../../db/schema';

export const roles = ['admin', 'coach', 'employer', 'mentor_coordinator', 'feriejobb_coordinator'] as const satisfies readonly Role[];

export const roleLabels: Record<Role, string> = {
  admin: 'programadministratör',
  coach: 'jobbcoach',
  employer: 'arbetsgivarkontakt',
  mentor_coordinator: 'mentorsamordnare',
  feriejobb_coordinator: 'feriejobbsamordnare',
};

/** Where each role lands after logging in. */
export const startPages: Record<Role, string> = {
  admin: '/admin',
  coach: '/coach',
  employer: '/arbetsgivare',
  mentor_coordinator: '/mentorskap',
  feriejobb_coordinator: '/feriejobb',
};
