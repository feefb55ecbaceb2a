/**
 * Pure rules about openings: kinds, subtypes, age windows, who may post what, and the
 * lifecycle. No I/O; shared by the form, the service and the tests.
 */
export const openingKinds = ['stockholmsjobb', 'feriejobb', 'praktik', 'mentor'] as const;
export type OpeningKind = (typeof openingKinds)[number];

export const openingKindLabels: Record<OpeningKind, string> = {
  stockholmsjobb: 'Stockholmsjobb',
  feriejobb: 'Feriejobb',
  praktik: 'Praktik',
  mentor: 'Mentorskap',
};

export const stockholmsjobbSubtypes = ['ungdomsanstallning', 'jobbstartsanstallning', 'arbetslagsanstallning', 'introjobbsanstallning'] as const;
export type StockholmsjobbSubtype = (typeof stockholmsjobbSubtypes)[number];
export const stockholmsjobbSubtypeLabels: Record<StockholmsjobbSubtype, string> = {
  ungdomsanstallning: 'Ungdomsanställning (16–29 år)',
  jobbstartsanstallning: 'Jobbstartsanställning (18–29 år)',
  arbetslagsanstallning: 'Arbetslagsanställning (20–29 år)',
  introjobbsanstallning: 'Introjobbsanställning (individuell)',
};

export const feriejobbInterestAreas = ['barn_och_unga', 'aldreomsorg', 'lss', 'kultur_och_fritid', 'park_och_miljo', 'ovrigt'] as const;
export type FeriejobbInterestArea = (typeof feriejobbInterestAreas)[number];
export const feriejobbInterestAreaLabels: Record<FeriejobbInterestArea, string> = {
  barn_och_unga: 'Barn och unga',
  aldreomsorg: 'Äldreomsorg',
  lss: 'LSS',
  kultur_och_fritid: 'Kultur och fritid',
  park_och_miljo: 'Park och miljö',
  ovrigt: 'Övrigt',
};

export const praktikLevels = ['sprak_introduktion', 'arbetstraning', 'forsta_steg', 'apl', 'lia', 'hogskolepraktik'] as const;
export type PraktikLevel = (typeof praktikLevels)[number];
export const praktikLevelLabels: Record<PraktikLevel, string> = {
  sprak_introduktion: 'Språk-/introduktionspraktik',
  arbetstraning: 'Arbetsträning',
  forsta_steg: 'Praktik som första steg till jobb',
  apl: 'APL (arbetsplatsförlagt lärande)',
  lia: 'LIA (lärande i arbete)',
  hogskolepraktik: 'Högskolepraktik',
};

export const mentorProgrammes = ['yrkesmentor', 'sprakmentor', 'ungdomsmentor'] as const;
export type MentorProgramme = (typeof mentorProgrammes)[number];
export const mentorProgrammeLabels: Record<MentorProgramme, string> = {
  yrkesmentor: 'Yrkesmentor',
  sprakmentor: 'Språkmentor',
  ungdomsmentor: 'Ungdomsmentor',
};

export const meetingFrequencies = ['weekly', 'biweekly', 'monthly'] as const;
export const meetingFrequencyLabels: Record<(typeof meetingFrequencies)[number], string> = {
  weekly: 'Varje vecka',
  biweekly: 'Varannan vecka',
  monthly: 'En gång i månaden',
};

/** The kind a subtype value belongs to (subtype values are unique across kinds). */
export function kindOfSubtype(subtype: string): OpeningKind | null {
  if ((stockholmsjobbSubtypes as readonly string[]).includes(subtype)) return 'stockholmsjobb';
  if ((feriejobbInterestAreas as readonly string[]).includes(subtype)) return 'feriejobb';
  if ((praktikLevels as readonly string[]).includes(subtype)) return 'praktik';
  if ((mentorProgrammes as readonly string[]).includes(subtype)) return 'mentor';
  return null;
}

export const swedishLevels = ['none', 'basic', 'good', 'fluent'] as const;
export type SwedishLevel = (typeof swedishLevels)[number];
export const swedishLevelLabels: Record<SwedishLevel, string> = {
  none: 'Inga krav',
  basic: 'Grundläggande',
  good: 'God',
  fluent: 'Flytande',
};

/** The age window each kind (and Stockholmsjobb subtype) allows, on the opening's start date. */
export function ageWindow(kind: OpeningKind, subtype?: string | null): { min: number; max: number } {
  if (kind === 'feriejobb') return { min: 16, max: 19 };
  if (kind === 'stockholmsjobb') {
    switch (subtype) {
      case 'ungdomsanstallning':
        return { min: 16, max: 29 };
      case 'jobbstartsanstallning':
        return { min: 18, max: 29 };
      case 'arbetslagsanstallning':
        return { min: 20, max: 29 };
      default:
        // Introjobb is fully individual (also under 20, and people under threat).
        return { min: 16, max: 67 };
    }
  }
  return { min: 16, max: 67 };
}

export type OrganizationKind = 'integrationspakt_member' | 'city_unit' | 'supplier';

/** Who may post what: Stockholmsjobb only city units; mentor slots members and city units. */
export function mayPost(orgKind: OrganizationKind, kind: OpeningKind): boolean {
  switch (kind) {
    case 'stockholmsjobb':
      return orgKind === 'city_unit';
    case 'mentor':
      return orgKind === 'city_unit' || orgKind === 'integrationspakt_member';
    default:
      return true;
  }
}

export function postingRefusal(orgKind: OrganizationKind, kind: OpeningKind): string | null {
  if (mayPost(orgKind, kind)) return null;
  return kind === 'stockholmsjobb'
    ? 'Bara stadens egna enheter (nämnder, stadsdelsförvaltningar och bolag) kan erbjuda Stockholmsjobb.'
    : 'Mentorskap kan erbjudas av medlemmar i Integrationspakten och stadens enheter.';
}

export const openingStatuses = ['draft', 'published', 'paused', 'filled', 'closed', 'expired'] as const;
export type OpeningStatus = (typeof openingStatuses)[number];
export const openingStatusLabels: Record<OpeningStatus, string> = {
  draft: 'Utkast',
  published: 'Publicerad',
  paused: 'Pausad',
  filled: 'Tillsatt',
  closed: 'Stängd',
  expired: 'Utgången',
};

/**
 * Allowed status transitions. `expired` is set by the system; an admin's unpublish takes a
 * published or paused opening back to draft. The database enforces the same table (trigger).
 */
export const openingTransitions: Record<OpeningStatus, readonly OpeningStatus[]> = {
  draft: ['published', 'closed'],
  published: ['paused', 'filled', 'closed', 'expired', 'draft'],
  paused: ['published', 'filled', 'closed', 'expired', 'draft'],
  filled: ['published', 'closed'],
  closed: [],
  expired: [],
};

export function canTransition(from: OpeningStatus, to: OpeningStatus) {
  return openingTransitions[from].includes(to);
}

/** Actions an employer can take from a status, as labelled buttons. */
export const employerActions: Record<OpeningStatus, Array<{ to: OpeningStatus; label: string }>> = {
  draft: [
    { to: 'published', label: 'Publicera' },
    { to: 'closed', label: 'Stäng utan att publicera' },
  ],
  published: [
    { to: 'paused', label: 'Pausa' },
    { to: 'filled', label: 'Markera som tillsatt' },
    { to: 'closed', label: 'Stäng' },
  ],
  paused: [
    { to: 'published', label: 'Publicera igen' },
    { to: 'filled', label: 'Markera som tillsatt' },
    { to: 'closed', label: 'Stäng' },
  ],
  filled: [
    { to: 'published', label: 'Öppna igen' },
    { to: 'closed', label: 'Stäng' },
  ],
  closed: [],
  expired: [],
};

/** Whether the opening's content can still be edited. */
export function isEditable(status: OpeningStatus) {
  return status === 'draft' || status === 'published' || status === 'paused';
}

/** Should an opening with these dates be expired on `today` (ISO dates compare as strings)? */
export function isPastDue(opening: { applicationDeadline: string; endDate: string }, today: string) {
  return opening.applicationDeadline < today || opening.endDate < today;
}
