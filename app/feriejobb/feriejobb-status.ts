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

/** The coordinator's application list filters (URL values). */
export const applicationFilters = ['alla', 'ej-granskade', 'prioriterade', 'erbjudna', 'utan-plats'] as const;
export type ApplicationFilter = (typeof applicationFilters)[number];
export const applicationFilterLabels: Record<ApplicationFilter, string> = {
  alla: 'Alla aktiva',
  'ej-granskade': 'Prioritering ej granskad',
  prioriterade: 'I prioriterad grupp',
  erbjudna: 'Har fått erbjudande',
  'utan-plats': 'Utan erbjudande',
};

/** A run's result list filters (URL values). */
export const resultFilters = ['alla', 'placerade', 'utan-plats'] as const;
export type ResultFilter = (typeof resultFilters)[number];
export const resultFilterLabels: Record<ResultFilter, string> = { alla: 'Alla', placerade: 'Med plats', 'utan-plats': 'Utan plats' };
