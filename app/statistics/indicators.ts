/**
 * The indicators the city follows up (the 2022 operating plan, DOMAIN.md "What is followed up"),
 * each with its definition in words: what is counted, out of what, and which date places an
 * event in a tertial. The SQL that computes them is the statistics_facts view (migration 0010);
 * the two must say the same thing, and tests/integration/statistics.test.ts checks the view
 * against hand-made fixtures and an independent query.
 */

export const indicatorIds = [
  'stockholmsjobb_aspirants',
  'stockholmsjobb_places',
  'feriejobb_youths',
  'feriejobb_places',
  'stockholmsjobb_outcome_3m',
  'exit_work_or_studies',
  'exit_within_12_months',
  'self_supporting_6m',
  'action_plan_5_days',
  'enrolment_months',
  'enrolment_months_youth',
  'mentor_pairs',
  'work_through_partnership',
] as const;
export type IndicatorId = (typeof indicatorIds)[number];

/** people: distinct people; places and pairs: not people; share: numerator/denominator; average: months. */
export type IndicatorUnit = 'people' | 'places' | 'pairs' | 'share' | 'average';

export const groups = ['all', 'newcomers', 'youths', 'disability'] as const;
export type Group = (typeof groups)[number];
export const groupLabels: Record<Group, string> = {
  all: 'Alla',
  newcomers: 'Nyanlända',
  youths: 'Unga 16–29 år',
  disability: 'Personer med funktionsnedsättning',
};

export const dimensions = ['cluster', 'jobbtorg', 'district', 'organization', 'partner', 'kind', 'subtype'] as const;
export type Dimension = (typeof dimensions)[number];
export const dimensionLabels: Record<Dimension, string> = {
  cluster: 'Kluster',
  jobbtorg: 'Jobbtorg',
  district: 'Stadsdelsområde',
  organization: 'Organisation',
  partner: 'Partnerskap',
  kind: 'Typ av plats',
  subtype: 'Inriktning',
};

/**
 * The partner category of an organisation on the event's date (the view's `partner` column): a
 * Plusmedlem, or a member with a jobbpartnerskap in force that day, is a partner.
 */
export const partnerCategories = ['partner', 'member', 'city_unit', 'supplier'] as const;
export type PartnerCategory = (typeof partnerCategories)[number];
export const partnerCategoryLabels: Record<PartnerCategory, string> = {
  partner: 'Plusmedlem / jobbpartnerskap',
  member: 'Medlem i Integrationspakten',
  city_unit: 'Stadens enheter',
  supplier: 'Leverantör',
};

export const targetSetters = ['kf', 'namnd'] as const;
export type TargetSetter = (typeof targetSetters)[number];
export const targetSetterLabels: Record<TargetSetter, string> = {
  kf: 'Kommunfullmäktige',
  namnd: 'Arbetsmarknadsnämnden',
};

export interface IndicatorDefinition {
  id: IndicatorId;
  label: string;
  unit: IndicatorUnit;
  /** What is counted (for a share: the numerator). */
  counts: string;
  /** For shares and averages: out of whom. */
  outOf?: string;
  /** The date that places an event in a tertial. */
  dated: string;
  /** How people are counted once. */
  once?: string;
  groups: readonly Group[];
  dimensions: readonly Dimension[];
  /** Averages of enrolment time: a lower value is better. */
  lowerIsBetter?: boolean;
}

const ALL_GROUPS = groups;
const ONCE_A_YEAR =
  'Varje person räknas en gång per år: i den tertial, hos den organisation och på det Jobbtorg där hens första händelse under året hörde hemma.';
const ASPIRANT_DIMENSIONS = ['cluster', 'jobbtorg', 'district'] as const;

export const indicators: readonly IndicatorDefinition[] = [
  {
    id: 'stockholmsjobb_aspirants',
    label: 'Aspiranter som fått ett Stockholmsjobb',
    unit: 'people',
    counts: 'Aspiranter med en placering (tillsatt eller avslutad) på ett Stockholmsjobb.',
    dated: 'Placeringens startdatum.',
    once: ONCE_A_YEAR,
    groups: ALL_GROUPS,
    dimensions: ['cluster', 'jobbtorg', 'district', 'organization', 'partner', 'subtype'],
  },
  {
    id: 'stockholmsjobb_places',
    label: 'Tillhandahållna platser för Stockholmsjobb',
    unit: 'places',
    counts: 'Antal platser i Stockholmsjobb som har publicerats.',
    dated: 'Platsens startdatum.',
    groups: [],
    dimensions: ['cluster', 'district', 'organization', 'partner', 'subtype'],
  },
  {
    id: 'feriejobb_youths',
    label: 'Ungdomar som fått feriejobb i stadens regi',
    unit: 'people',
    counts: 'Ungdomar 16–19 år som tackat ja till ett erbjudet feriejobb i stadens fördelning.',
    dated: 'Feriejobbets startdatum.',
    once: 'Varje ungdom räknas en gång per år (en ansökan per sommar och personnummer).',
    groups: ['all', 'newcomers', 'disability'],
    dimensions: ['cluster', 'district', 'organization', 'partner', 'subtype'],
  },
  {
    id: 'feriejobb_places',
    label: 'Tillhandahållna platser för feriejobb',
    unit: 'places',
    counts: 'Antal platser i feriejobb som har publicerats.',
    dated: 'Platsens startdatum.',
    groups: [],
    dimensions: ['cluster', 'district', 'organization', 'partner', 'subtype'],
  },
  {
    id: 'stockholmsjobb_outcome_3m',
    label: 'Andel som arbetar eller studerar 3 månader efter avslutat Stockholmsjobb',
    unit: 'share',
    counts: 'Uppföljningar där personen arbetar eller studerar.',
    outOf: 'Registrerade uppföljningar 3 månader efter ett avslutat Stockholmsjobb (utfallet "okänt" räknas i nämnaren); en person räknas med sin första uppföljning under året.',
    dated: 'Uppföljningsdagen: tre månader efter sista dagen på Stockholmsjobbet.',
    once: ONCE_A_YEAR,
    groups: ALL_GROUPS,
    dimensions: ['cluster', 'jobbtorg', 'district', 'organization', 'partner', 'subtype'],
  },
  {
    id: 'exit_work_or_studies',
    label: 'Andel avslutade aspiranter som går direkt till arbete eller studier',
    unit: 'share',
    counts: 'Avslutade aspiranter med avslutsorsak arbete eller studier.',
    outOf: 'Alla aspiranter som avslutats från Jobbtorg.',
    dated: 'Avslutsdatum.',
    groups: ALL_GROUPS,
    dimensions: ASPIRANT_DIMENSIONS,
  },
  {
    id: 'exit_within_12_months',
    label: 'Andel som avslutats till arbete eller studier inom 12 månader från inskrivning',
    unit: 'share',
    counts: 'Aspiranter som avslutats till arbete eller studier senast 12 månader efter inskrivningen.',
    outOf: 'Aspiranter för vilka 12 månader har gått sedan inskrivningen.',
    dated: 'Dagen då 12 månader har gått sedan inskrivningen.',
    groups: ALL_GROUPS,
    dimensions: ASPIRANT_DIMENSIONS,
  },
  {
    id: 'self_supporting_6m',
    label: 'Andel självförsörjande 6 månader efter avslut',
    unit: 'share',
    counts: 'Avslutade aspiranter som enligt uppföljningen är självförsörjande.',
    outOf: 'Avslutade aspiranter med registrerad uppföljning 6 månader efter avslut.',
    dated: 'Dagen sex månader efter avslutet.',
    groups: ALL_GROUPS,
    dimensions: ASPIRANT_DIMENSIONS,
  },
  {
    id: 'action_plan_5_days',
    label: 'Andel inskrivna med individuell handlingsplan efter 5 dagar',
    unit: 'share',
    counts: 'Inskrivna vars handlingsplan upprättades senast fem kalenderdagar efter inskrivningen.',
    outOf: 'Alla inskrivna (de som skrivits in de senaste fem dagarna räknas först när tiden gått ut eller planen finns). Aspiranter som anonymiserats efter lagringstiden räknas inte, eftersom deras handlingsplan då är raderad.',
    dated: 'Inskrivningsdatum.',
    groups: ALL_GROUPS,
    dimensions: ASPIRANT_DIMENSIONS,
  },
  {
    id: 'enrolment_months',
    label: 'Genomsnittlig inskrivningstid (månader)',
    unit: 'average',
    counts: 'Medelvärdet av tiden från inskrivning till avslut, i månader (dagar delat med 30,4375, en genomsnittlig månad).',
    outOf: 'Aspiranter som avslutats från Jobbtorg.',
    dated: 'Avslutsdatum.',
    groups: ALL_GROUPS,
    dimensions: ASPIRANT_DIMENSIONS,
    lowerIsBetter: true,
  },
  {
    id: 'enrolment_months_youth',
    label: 'Genomsnittlig inskrivningstid för unga 18–29 år (månader)',
    unit: 'average',
    counts: 'Medelvärdet av tiden från inskrivning till avslut, i månader (dagar delat med 30,4375, en genomsnittlig månad).',
    outOf: 'Aspiranter som var 18–29 år vid inskrivningen och som avslutats från Jobbtorg.',
    dated: 'Avslutsdatum.',
    groups: ['all', 'newcomers', 'disability'],
    dimensions: ASPIRANT_DIMENSIONS,
    lowerIsBetter: true,
  },
  {
    id: 'mentor_pairs',
    label: 'Matchade par i mentorskapsprogrammen',
    unit: 'pairs',
    counts: 'Par i Stockholmsmentor som bekräftats (bekräftade, aktiva eller avslutade par). Kön och ålder (från födelseåret) är adeptens; adepter räknas som nyanlända, eftersom Stockholmsmentor vänder sig till nyanlända.',
    dated: 'Dagen då paret bekräftades.',
    groups: ['all', 'youths'],
    dimensions: ['cluster', 'district', 'organization', 'partner', 'subtype'],
  },
  {
    id: 'work_through_partnership',
    label: 'Kvinnor och män från verksamheterna som fått arbete genom partnerskapen',
    unit: 'people',
    counts:
      'Aspiranter vars uppföljning efter en placering visar arbete hos en Plusmedlem eller en organisation med jobbpartnerskap, och adepter vars mentorskap avslutats med arbete när mentorns organisation var Plusmedlem eller hade ett jobbpartnerskap som gällde den dagen. Adepter räknas som nyanlända.',
    dated: 'Uppföljningsdagen (aspiranter) eller dagen då mentorskapet avslutades (adepter).',
    once: ONCE_A_YEAR,
    groups: ALL_GROUPS,
    dimensions: ['cluster', 'jobbtorg', 'district', 'organization', 'partner', 'kind'],
  },
];

export const indicatorById = Object.fromEntries(indicators.map((i) => [i.id, i])) as Record<IndicatorId, IndicatorDefinition>;

/** Indicators that count people, whose cells are suppressed below the threshold. */
export function countsPeople(unit: IndicatorUnit): boolean {
  return unit !== 'places';
}
