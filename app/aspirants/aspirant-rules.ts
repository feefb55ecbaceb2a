/**
 * Option lists and labels of the aspirant forms. Pure, shared by the browser and the server; the
 * lists mirror the database enums (aspirant-rules.test.ts keeps them equal).
 */

export const targetGroups = [
  'forsorjningsstod',
  'kaa',
  'uvas',
  'nyanland',
  'funktionsnedsattning',
  'kort_utbildning',
  'langtidsarbetslos',
  'kvinna_svag_stallning',
] as const;
export type TargetGroup = (typeof targetGroups)[number];

export const genders = ['kvinna', 'man', 'annat', 'uppgift_saknas'] as const;
export const genderLabels: Record<(typeof genders)[number], string> = {
  kvinna: 'Kvinna',
  man: 'Man',
  annat: 'Annat',
  uppgift_saknas: 'Uppgift saknas',
};

export const targetGroupLabels: Record<TargetGroup, string> = {
  forsorjningsstod: 'Försörjningsstöd',
  kaa: 'Ung under 20 i det kommunala aktivitetsansvaret (KAA)',
  uvas: 'Ung 20–29 som varken arbetar eller studerar (UVAS)',
  nyanland: 'Nyanländ',
  funktionsnedsattning: 'Funktionsnedsättning (nedsatt arbetsförmåga)',
  kort_utbildning: 'Kort utbildning',
  langtidsarbetslos: 'Långtidsarbetslös',
  kvinna_svag_stallning: 'Kvinna med svag ställning på arbetsmarknaden',
};

export const educationLevels = ['forgymnasial', 'gymnasial', 'eftergymnasial'] as const;
export const educationLabels: Record<(typeof educationLevels)[number], string> = {
  forgymnasial: 'Förgymnasial',
  gymnasial: 'Gymnasial',
  eftergymnasial: 'Eftergymnasial',
};

export const swedishLevelLabels = { none: 'Ingen', basic: 'Grundläggande', good: 'God', fluent: 'Flytande' } as const;

export const languageLevels = ['grundlaggande', 'god', 'flytande', 'modersmal'] as const;
export type LanguageLevel = (typeof languageLevels)[number];
export const languageLevelLabels: Record<(typeof languageLevels)[number], string> = {
  grundlaggande: 'grundläggande',
  god: 'god',
  flytande: 'flytande',
  modersmal: 'modersmål',
};

export const exitReasons = ['arbete', 'studier', 'annat'] as const;
export const exitReasonLabels: Record<(typeof exitReasons)[number], string> = {
  arbete: 'Arbete',
  studier: 'Studier',
  annat: 'Annat',
};

export const activityTypes = ['kartlaggning', 'vagledning', 'praktik', 'stockholmsjobb', 'studier', 'sprakstod', 'mentor', 'annat'] as const;
export const activityTypeLabels: Record<(typeof activityTypes)[number], string> = {
  kartlaggning: 'Kartläggning',
  vagledning: 'Vägledning',
  praktik: 'Praktik',
  stockholmsjobb: 'Stockholmsjobb',
  studier: 'Studier',
  sprakstod: 'Språkstöd',
  mentor: 'Mentorskap',
  annat: 'Annat',
};

export const activityStatuses = ['planned', 'ongoing', 'done', 'cancelled'] as const;
export const activityStatusLabels: Record<(typeof activityStatuses)[number], string> = {
  planned: 'Planerad',
  ongoing: 'Pågår',
  done: 'Genomförd',
  cancelled: 'Avbruten',
};
