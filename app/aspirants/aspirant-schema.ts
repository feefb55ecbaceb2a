import { requiredText, storableDate, z } from '../forms/validation';
import {
  activityStatuses,
  activityTypes,
  educationLevels,
  exitReasons,
  genders,
  languageLevelLabels,
  languageLevels,
  targetGroups,
} from './aspirant-rules';
import { parsePersonnummer } from './personnummer';
import { swedishLevels } from '../openings/opening-rules';

/**
 * The aspirant forms, shared by the form (client validation) and the actions. Pure: whether the
 * personnummer is already enrolled, the SSYK codes exist and who may write is the service's job.
 */

const isoDate = (empty: string) => storableDate({ error: (iss) => (iss.input === undefined ? empty : 'Ange ett datum som ÅÅÅÅ-MM-DD') });
const optionalDate = storableDate({ error: 'Ange ett datum som ÅÅÅÅ-MM-DD' }).optional();
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());
const optionalText = (max: number) => z.string().trim().max(max, `Högst ${max} tecken`).optional();

const levelByLabel = new Map<string, (typeof languageLevels)[number]>(
  languageLevels.map((l) => [languageLevelLabels[l].toLowerCase(), l] as const),
);

/** "arabiska: modersmål" per line → [{ language, level }]. */
const languageLines = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const result: Array<{ language: string; level: (typeof languageLevels)[number] }> = [];
    const lines = (value ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
    if (lines.length > 10) ctx.addIssue({ code: 'custom', message: 'Högst 10 språk' });
    for (const line of lines) {
      const match = /^([^:]{1,40}):\s*(.+)$/.exec(line);
      const level = match ? levelByLabel.get(match[2]!.trim().toLowerCase()) : undefined;
      if (!match || !level) {
        ctx.addIssue({ code: 'custom', message: `Skriv "språk: nivå" med nivån grundläggande, god, flytande eller modersmål (rad "${line.slice(0, 40)}")` });
        continue;
      }
      const language = match[1]!.trim().toLowerCase();
      if (!result.some((r) => r.language === language)) result.push({ language, level });
    }
    return result;
  });

/** "5321: 3" per line (SSYK code, years of experience) → [{ code, years }]. */
const occupationLines = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const result: Array<{ code: string; years: number }> = [];
    const lines = (value ?? '').split('\n').map((s) => s.trim()).filter(Boolean);
    if (lines.length > 10) ctx.addIssue({ code: 'custom', message: 'Högst 10 yrken' });
    for (const line of lines) {
      const match = /^([0-9]{4})(?:\s*:\s*([0-9]{1,2}))?$/.exec(line);
      if (!match) {
        ctx.addIssue({ code: 'custom', message: `Skriv en SSYK-kod med fyra siffror och antal år, till exempel "5321: 3" (rad "${line.slice(0, 40)}")` });
        continue;
      }
      if (!result.some((r) => r.code === match[1])) result.push({ code: match[1]!, years: Number(match[2] ?? 0) });
    }
    return result;
  });

export const personnummerField = z
  .string({ error: 'Ange personnummer' })
  .trim()
  .min(1, 'Ange personnummer')
  .transform((value, ctx) => {
    const parsed = parsePersonnummer(value);
    if (parsed.ok) return parsed.value;
    ctx.addIssue({
      code: 'custom',
      message:
        parsed.reason === 'format'
          ? 'Ange personnumret som ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN'
          : 'Personnumret är inte giltigt: kontrollera datum och kontrollsiffra',
    });
    return z.NEVER;
  });

const hoursPerWeek = z.preprocess(
  (v) => (v === '' || v === undefined ? undefined : typeof v === 'number' ? String(v) : v),
  z
    .string()
    .pipe(
      z.coerce
        .number<string>({ error: 'Ange timmar per vecka som ett heltal' })
        .int('Ange timmar per vecka som ett heltal')
        .min(1, 'Timmar per vecka måste vara minst 1')
        .max(40, 'Timmar per vecka får vara högst 40'),
    )
    .optional(),
);

export const aspirantSchema = z
  .object({
    firstName: requiredText('Ange förnamn', 100),
    lastName: requiredText('Ange efternamn', 100),
    personnummer: personnummerField,
    gender: z.enum(genders, { error: 'Välj kön' }),
    /** A district id, or "utanfor" for someone living outside Stockholm. */
    district: z
      .string({ error: 'Välj stadsdelsområde, eller "Utanför Stockholm"' })
      .regex(/^([0-9]{1,4}|utanfor)$/, 'Välj stadsdelsområde, eller "Utanför Stockholm"'),
    targetGroups: z.array(z.enum(targetGroups, { error: 'Välj målgrupper i listan' })).optional().transform((v) => [...new Set(v ?? [])]),
    languages: languageLines,
    swedishLevel: z.enum(swedishLevels, { error: 'Välj nivå i svenska' }),
    education: z.enum(educationLevels, { error: 'Välj utbildningsnivå' }),
    completedUpperSecondary: checkbox,
    occupations: occupationLines,
    drivingLicence: checkbox,
    availableFrom: optionalDate,
    hoursPerWeek,
    adaptationNeeds: optionalText(2000),
    consent: checkbox,
    enrolledOn: isoDate('Ange inskrivningsdatum'),
    notes: optionalText(5000),
  })
  .superRefine((value, ctx) => {
    if (value.education === 'forgymnasial' && value.completedUpperSecondary) {
      ctx.addIssue({ code: 'custom', path: ['completedUpperSecondary'], message: 'Med förgymnasial utbildning är gymnasiet inte fullföljt' });
    }
  });
export type AspirantInput = z.infer<typeof aspirantSchema>;

export const actionPlanSchema = z
  .object({
    goal: requiredText('Beskriv målet med handlingsplanen', 2000),
    createdOn: isoDate('Ange datum för handlingsplanen'),
    reviewedOn: optionalDate,
  })
  .superRefine((value, ctx) => {
    if (value.reviewedOn && value.reviewedOn < value.createdOn) {
      ctx.addIssue({ code: 'custom', path: ['reviewedOn'], message: 'Uppföljningen kan inte vara före planens datum' });
    }
  });
export type ActionPlanInput = z.infer<typeof actionPlanSchema>;

export const activitySchema = z
  .object({
    activityId: z.uuid().optional(),
    type: z.enum(activityTypes, { error: 'Välj typ av aktivitet' }),
    description: requiredText('Beskriv aktiviteten', 2000),
    startOn: isoDate('Ange startdatum'),
    endOn: isoDate('Ange slutdatum'),
    status: z.enum(activityStatuses, { error: 'Välj status' }),
    followUpOn: optionalDate,
    followUpResult: optionalText(2000),
  })
  .superRefine((value, ctx) => {
    if (value.endOn < value.startOn) ctx.addIssue({ code: 'custom', path: ['endOn'], message: 'Slutdatum kan inte vara före startdatum' });
    if (value.followUpOn && value.followUpOn < value.startOn) {
      ctx.addIssue({ code: 'custom', path: ['followUpOn'], message: 'Uppföljningen kan inte vara före startdatum' });
    }
  });
export type ActivityInput = z.infer<typeof activitySchema>;

export const exitSchema = z.object({
  exitedOn: isoDate('Ange datum för utskrivning'),
  exitReason: z.enum(exitReasons, { error: 'Välj orsak till utskrivningen' }),
});
export type ExitInput = z.infer<typeof exitSchema>;

/** The follow-up six months after exit: does the person support themselves? (the statistics' indicator) */
export const selfSupportSchema = z.object({
  checkedOn: isoDate('Ange datum för uppföljningen'),
  selfSupporting: z.enum(['ja', 'nej'], { error: 'Välj om personen är självförsörjande' }),
});
export type SelfSupportInput = z.infer<typeof selfSupportSchema>;
