import { requiredText, storableDate, z } from '../forms/validation';
import {
  ageWindow,
  feriejobbInterestAreas,
  meetingFrequencies,
  mentorProgrammes,
  openingKinds,
  praktikLevels,
  stockholmsjobbSubtypes,
  swedishLevels,
} from './opening-rules';

/**
 * The opening form: a discriminated union on `kind`, shared by the form (client validation)
 * and the action/service. Field names are flat so every error sits next to its input.
 * Pure: whether the SSYK code exists and who may post is checked by the service.
 */

const DAY_MS = 86_400_000;
export function daysBetween(from: string, to: string) {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

const TIME = /^([01][0-9]|2[0-3]):[0-5][0-9]$/;
const validDate = (value: unknown): value is string => storableDate().safeParse(value).success;
const validTime = (value: unknown): value is string => typeof value === 'string' && TIME.test(value);
function hasKnownKind(value: unknown) {
  return typeof value === 'object' && value !== null && (openingKinds as readonly unknown[]).includes((value as { kind?: unknown }).kind);
}

const isoDate = (empty: string) => storableDate({ error: (iss) => (iss.input === undefined ? empty : 'Ange ett datum som ÅÅÅÅ-MM-DD') });
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());
/** A required whole number from a form field: "Ange …" when empty, "… som ett heltal" when not a number. */
const intIn = (label: string, min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : v),
    z.string({ error: `Ange ${label}` }).pipe(
      z.coerce
        .number<string>({ error: `Ange ${label} som ett heltal` })
        .int(`Ange ${label} som ett heltal`)
        .min(min, `${capitalise(label)} måste vara minst ${min}`)
        .max(max, `${capitalise(label)} får vara högst ${max}`),
    ),
  );
function capitalise(s: string) {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
const optionalText = (max: number) => z.string().trim().max(max, `Högst ${max} tecken`).optional();
/** One item per line (textarea) → trimmed list without empty lines. */
const lines = (maxItems: number, maxLength: number) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? '').split('\n').map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(z.string().max(maxLength, `Varje rad får ha högst ${maxLength} tecken`)).max(maxItems, `Högst ${maxItems} rader`));
/** Comma-separated languages → list. */
const languageList = z
  .string()
  .optional()
  .transform((v) => [...new Set((v ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))])
  .pipe(z.array(z.string().max(40, 'Ett språk får ha högst 40 tecken')).max(15, 'Högst 15 språk'));
const ssykCode = (empty: string) =>
  z.string({ error: empty }).trim().regex(/^[0-9]{4}$/, 'Välj ett yrke (en SSYK-kod med fyra siffror)');

const common = {
  title: requiredText('Ange en rubrik', 120),
  description: requiredText('Beskriv platsen och arbetsuppgifterna', 5000),
  workplaceAddress: requiredText('Ange arbetsplatsens adress', 200),
  /** A district id, or "utanfor" for a workplace outside Stockholm. */
  district: z
    .string({ error: 'Välj stadsdelsområde, eller "Utanför Stockholm"' })
    .regex(/^([0-9]{1,4}|utanfor)$/, 'Välj stadsdelsområde, eller "Utanför Stockholm"'),
  occupationCode: ssykCode('Välj yrke (SSYK)'),
  places: intIn('antal platser', 1, 500),
  startDate: isoDate('Ange startdatum'),
  endDate: isoDate('Ange slutdatum'),
  applicationDeadline: isoDate('Ange sista ansökningsdag'),
  swedishLevel: z.enum(swedishLevels, { error: 'Välj krav på svenska' }),
  swedishRequired: checkbox,
  languages: languageList,
  drivingLicence: checkbox,
  criminalRecordRequired: checkbox,
  contactName: requiredText('Ange kontaktperson', 120),
  contactEmail: z
    .string({ error: 'Ange kontaktpersonens e-postadress' })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: 'Ange en giltig e-postadress, till exempel namn@exempel.se' })),
  contactPhone: optionalText(40),
  supervisorName: requiredText('Ange handledare på arbetsplatsen', 120),
  supervisorPhone: optionalText(40),
  adaptations: optionalText(2000),
};

const ageFields = {
  ageMin: z.coerce.number({ error: 'Ange lägsta ålder som ett heltal' }).int('Ange lägsta ålder som ett heltal').optional(),
  ageMax: z.coerce.number({ error: 'Ange högsta ålder som ett heltal' }).int('Ange högsta ålder som ett heltal').optional(),
};

export const openingSchema = z
  .discriminatedUnion(
    'kind',
    [
      z.object({
        kind: z.literal('stockholmsjobb'),
        ...common,
        ...ageFields,
        subtype: z.enum(stockholmsjobbSubtypes, { error: 'Välj anställningsform' }),
        hoursPerWeek: intIn('timmar per vecka', 1, 40),
        wageSubsidy: checkbox,
        learningGoals: lines(10, 300),
        combinableWithStudies: checkbox,
      }),
      z.object({
        kind: z.literal('feriejobb'),
        ...common,
        ageMin: intIn('lägsta ålder', 16, 19),
        ageMax: intIn('högsta ålder', 16, 19),
        interestArea: z.enum(feriejobbInterestAreas, { error: 'Välj intresseområde' }),
        totalHours: intIn('antal timmar totalt', 1, 90),
        dailyStart: z.string({ error: 'Ange när arbetsdagen börjar' }).regex(TIME, 'Ange en tid som TT:MM'),
        dailyEnd: z.string({ error: 'Ange när arbetsdagen slutar' }).regex(TIME, 'Ange en tid som TT:MM'),
        languageSupport: checkbox,
        adaptedPlace: checkbox,
      }),
      z.object({
        kind: z.literal('praktik'),
        ...common,
        ...ageFields,
        level: z.enum(praktikLevels, { error: 'Välj typ av praktik' }),
        lengthWeeks: intIn('längd i veckor', 1, 52),
        canLeadToEmployment: checkbox,
      }),
      z.object({
        kind: z.literal('mentor'),
        ...common,
        programme: z.enum(mentorProgrammes, { error: 'Välj mentorprogram' }),
        mentorOccupationCode: ssykCode('Välj mentorns yrke (SSYK)'),
        meetingFrequency: z.enum(meetingFrequencies, { error: 'Välj hur ofta ni träffas' }),
      }),
    ],
    { error: 'Välj vilken sorts plats det är' },
  )
  .superRefine(
    (v, ctx) => {
      const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
      // This also runs when other fields failed (see `when`), so each rule only looks at inputs
      // that are themselves valid; an invalid one already has its own error.
      const start = validDate(v.startDate) ? v.startDate : null;
      const end = validDate(v.endDate) ? v.endDate : null;
      const deadline = validDate(v.applicationDeadline) ? v.applicationDeadline : null;
      if (start && end && end <= start) issue('endDate', 'Slutdatum måste vara efter startdatum');
      if (start && deadline && deadline > start) issue('applicationDeadline', 'Sista ansökningsdag måste vara senast startdagen');
      if (start && (start > '2100-01-01' || start < '2000-01-01')) issue('startDate', 'Ange ett rimligt startdatum');

      if (v.kind !== 'mentor') {
        const window = ageWindow(v.kind, v.kind === 'stockholmsjobb' ? v.subtype : null);
        const ageMin = Number.isInteger(v.ageMin) ? v.ageMin : undefined;
        const ageMax = Number.isInteger(v.ageMax) ? v.ageMax : undefined;
        // A feriejobb's age fields are held to the window by their own rule already.
        if (v.kind !== 'feriejobb') {
          if (ageMin !== undefined && (ageMin < window.min || ageMin > window.max)) {
            issue('ageMin', `Lägsta ålder måste ligga mellan ${window.min} och ${window.max} år för den här sortens plats`);
          }
          if (ageMax !== undefined && (ageMax < window.min || ageMax > window.max)) {
            issue('ageMax', `Högsta ålder måste ligga mellan ${window.min} och ${window.max} år för den här sortens plats`);
          }
        }
        if (ageMin !== undefined && ageMax !== undefined && ageMin > ageMax) issue('ageMax', 'Högsta ålder kan inte vara lägre än lägsta ålder');
      }

      if (v.kind === 'feriejobb') {
        if (start) {
          const [year] = start.split('-');
          const summerStart = `${year}-06-01`;
          const summerEnd = `${year}-08-31`;
          if (start < summerStart || start > summerEnd) issue('startDate', 'Feriejobb ligger på sommaren: startdatum mellan 1 juni och 31 augusti');
          if (end && end > summerEnd) issue('endDate', 'Feriejobb ligger på sommaren: slutdatum senast 31 augusti');
          if (end && daysBetween(start, end) + 1 > 21) issue('endDate', 'En feriejobbsperiod är högst tre veckor');
        }
        const dailyStart = validTime(v.dailyStart) ? v.dailyStart : null;
        const dailyEnd = validTime(v.dailyEnd) ? v.dailyEnd : null;
        if (dailyStart && dailyStart < '06:00') issue('dailyStart', 'Arbetet får börja tidigast 06:00');
        if (dailyEnd && dailyEnd > '19:00') issue('dailyEnd', 'Arbetet får sluta senast 19:00');
        if (dailyStart && dailyEnd && dailyEnd <= dailyStart) issue('dailyEnd', 'Arbetsdagen måste sluta efter att den börjat');
      }

      if (v.kind === 'mentor' && start && end) {
        const days = daysBetween(start, end);
        if (days < 90 || days > 366) issue('endDate', 'En mentorsperiod är mellan 3 och 12 månader (oftast 6–8 månader)');
      }
    },
    {
      // Also when other fields failed (an empty title, say), so the form shows every error at
      // once, not the date rules only after the rest are fixed. Needs a known kind.
      when: (payload) => hasKnownKind(payload.value),
    },
  );

export type OpeningInput = z.infer<typeof openingSchema>;

/** The part of an input that is specific to its kind, stored as the opening's `details`. */
export function kindDetails(input: OpeningInput) {
  switch (input.kind) {
    case 'stockholmsjobb':
      return {
        subtype: input.subtype,
        hoursPerWeek: input.hoursPerWeek,
        wageSubsidy: input.wageSubsidy,
        learningGoals: input.learningGoals,
        combinableWithStudies: input.combinableWithStudies,
      };
    case 'feriejobb':
      return {
        interestArea: input.interestArea,
        totalHours: input.totalHours,
        dailyStart: input.dailyStart,
        dailyEnd: input.dailyEnd,
        languageSupport: input.languageSupport,
        adaptedPlace: input.adaptedPlace,
      };
    case 'praktik':
      return { level: input.level, lengthWeeks: input.lengthWeeks, canLeadToEmployment: input.canLeadToEmployment };
    case 'mentor':
      return { programme: input.programme, mentorOccupationCode: input.mentorOccupationCode, meetingFrequency: input.meetingFrequency };
  }
}

/** The subtype-like value each kind is filtered by (subtype, interest area, level, programme). */
export function kindSubtype(input: OpeningInput): string {
  switch (input.kind) {
    case 'stockholmsjobb':
      return input.subtype;
    case 'feriejobb':
      return input.interestArea;
    case 'praktik':
      return input.level;
    case 'mentor':
      return input.programme;
  }
}

export const transitionSchema = z.object({
  to: z.enum(['published', 'paused', 'filled', 'closed'], { error: 'Ogiltig åtgärd' }),
});

export const unpublishSchema = z.object({
  reason: requiredText('Ange varför platsen avpubliceras; texten skickas till kontaktpersonen', 1000),
});
