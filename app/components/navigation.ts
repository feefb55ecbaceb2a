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
    { to: '/platser', label: 'Platser' },
    { to: '/matchningar', label: 'Matchningar' },
    { to: '/feriejobb', label: 'Feriejobb' },
    { to: '/statistik', label: 'Statistik' },
    { to: '/admin/mal', label: 'Mål' },
    { to: '/admin/matchningsvikter', label: 'Vikter' },
    { to: '/admin/e-post', label: 'E-post' },
    { to: '/admin/sokindex', label: 'Sökindex' },
    { to: '/admin/logg', label: 'Granskningslogg' },
  ],
  coach: [
    { to: '/coach', label: 'Start' },
    { to: '/coach/aspiranter', label: 'Aspiranter' },
    { to: '/platser', label: 'Platser' },
    { to: '/matchningar', label: 'Matchningar' },
    { to: '/organisationer', label: 'Arbetsgivare' },
    { to: '/statistik', label: 'Statistik' },
  ],
  employer: [
    { to: '/arbetsgivare', label: 'Min organisation' },
    { to: '/arbetsgivare/platser', label: 'Våra platser' },
    { to: '/arbetsgivare/forslag', label: 'Kandidatförslag' },
    { to: '/platser', label: 'Alla publicerade platser' },
    { to: '/statistik', label: 'Statistik' },
  ],
  mentor_coordinator: [
    { to: '/mentorskap', label: 'Start' },
    { to: '/mentorskap/mentorer', label: 'Mentorer' },
    { to: '/mentorskap/adepter', label: 'Adepter' },
    { to: '/mentorskap/kohort', label: 'Kohort' },
    { to: '/platser', label: 'Platser' },
    { to: '/organisationer', label: 'Arbetsgivare' },
  ],
  feriejobb_coordinator: [
    { to: '/feriejobb', label: 'Start' },
    { to: '/feriejobb/ansokningar', label: 'Ansökningar' },
    { to: '/feriejobb/fordelning', label: 'Fördelning' },
    { to: '/platser', label: 'Platser' },
  ],
};
