import type { Role } from '../../db/schema';

export interface NavItem {
  to: string;
  label: string;
}

/** The navigation each role sees. The server still checks every route on its own. */
export const navigation: Record<Role, NavItem[]> = {
  admin: [
    { to: '/admin', label: 'Översikt' },
    { to: '/admin/anvandare', label: 'Användare' },
    { to: '/admin/organisationer', label: 'Organisationer' },
    { to: '/admin/e-post', label: 'E-post' },
    { to: '/admin/sokindex', label: 'Sökindex' },
    { to: '/admin/logg', label: 'Granskningslogg' },
  ],
  coach: [
    { to: '/coach', label: 'Start' },
    { to: '/organisationer', label: 'Arbetsgivare' },
  ],
  employer: [{ to: '/arbetsgivare', label: 'Min organisation' }],
  mentor_coordinator: [
    { to: '/mentorskap', label: 'Start' },
    { to: '/organisationer', label: 'Arbetsgivare' },
  ],
};
