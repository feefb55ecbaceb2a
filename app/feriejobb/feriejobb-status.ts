/** Value lists of feriejobb's statuses, with their Swedish labels (the database enums are built from these). */

export const applicationStatuses = ['active', 'withdrawn'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];
export const applicationStatusLabels: Record<ApplicationStatus, string> = {
  active: 'Aktiv',
  withdrawn: 'Återkallad',
};

export const runStatuses = ['queued', 'running', 'review', 'published', 'failed', 'discarded'] as const;
export type RunStatus = (typeof runStatuses)[number];
export const runStatusLabels: Record<RunStatus, string> = {
  queued: 'I kö',
  running: 'Pågår',
  review: 'Klar för granskning',
  published: 'Publicerad',
  failed: 'Misslyckades',
  discarded: 'Förkastad',
};

export const offerStatuses = ['pending', 'accepted', 'declined', 'expired'] as const;
export type OfferStatus = (typeof offerStatuses)[number];
export const offerStatusLabels: Record<OfferStatus, string> = {
  pending: 'Väntar på svar',
  accepted: 'Tackat ja',
  declined: 'Tackat nej',
  expired: 'Obesvarat',
};
