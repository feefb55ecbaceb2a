import { genders } from '../aspirants/aspirant-rules';
import { personnummerField } from '../aspirants/aspirant-schema';
import { emailField, fitsInteger, languageList, MAX_INTEGER, optionalPhone, optionalText, requiredText, z } from '../forms/validation';
import { feriejobbInterestAreas } from '../openings/opening-rules';
import { ageRefusal, type MAX_INTEREST_AREAS, needsGuardian, priorityGroups, summerMonths } from './feriejobb-rules';

const districtId = (message: string) =>
  z.coerce.number<string>({ error: message }).int(message).positive(message).max(MAX_INTEGER, fitsInteger(message));
const optionalDistrictId = z.preprocess((v) => (v === '' ? undefined : v), districtId('Välj ett stadsdelsområde i listan').optional());
const areaChoice = z.preprocess((v) => (v === '' ? undefined : v), z.enum(feriejobbInterestAreas, { error: 'Välj ett intresseområde i listan' }).optional());
const optionalEmail = z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), emailField().optional());

/** Ranked choices area1 … area5 in the form. */
export const areaFields = ['area1', 'area2', 'area3', 'area4', 'area5'] as const satisfies { length: typeof MAX_INTEREST_AREAS };

/**
 * The public application form for `year`'s summer. The age rule (16–19 on 1 June) and the
 * guardian rule (under 18 on 1 June) depend on the year, so the schema is made per year.
 */
export function applicationSchema(year: number) {
  return z
    .object({
      personnummer: personnummerField,
      firstName: requiredText('Ange förnamn', 100),
      lastName: requiredText('Ange efternamn', 100),
      gender: z.enum(genders, { error: 'Välj kön' }),
      email: emailField('Ange din e-postadress: dit skickar vi bekräftelsen'),
      phone: optionalPhone,
      districtId: districtId('Välj stadsdelsområdet där du bor'),
      area1: z.enum(feriejobbInterestAreas, { error: 'Välj minst ett intresseområde' }),
      area2: areaChoice,
      area3: areaChoice,
      area4: areaChoice,
      area5: areaChoice,
      preferredDistrictId: optionalDistrictId,
      months: z
        .array(z.coerce.number<string>().pipe(z.union(summerMonths.map((m) => z.literal(m)) as never as [z.ZodLiteral<6>, z.ZodLiteral<7>, z.ZodLiteral<8>])), {
          error: 'Välj minst en månad du kan arbeta',
        })
        .min(1, 'Välj minst en månad du kan arbeta')
        .transform((v) => [...new Set(v)].sort()),
      languages: languageList,
      adaptationNeeds: optionalText(1000),
      guardianName: optionalText(200),
      guardianEmail: optionalEmail,
      guardianPhone: optionalPhone,
      consent: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.literal(true, { error: 'Du behöver samtycka för att vi ska kunna behandla din ansökan' })),
    })
    .superRefine(
      (v, ctx) => {
        const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
        const birthDate = typeof v.personnummer === 'object' && v.personnummer ? v.personnummer.birthDate : null;
        if (birthDate) {
          const refusal = ageRefusal(birthDate, year);
          if (refusal) issue('personnummer', refusal);
          else if (needsGuardian(birthDate, year)) {
            if (!v.guardianName) issue('guardianName', 'Du är under 18 år den 1 juni: ange namnet på en vårdnadshavare');
            if (!v.guardianEmail && !v.guardianPhone) issue('guardianPhone', 'Ange vårdnadshavarens e-postadress eller telefonnummer');
          }
        }
        const chosen = areaFields.map((f) => v[f]);
        const seen = new Set<string>();
        let gap = false;
        chosen.forEach((area, i) => {
          if (!area) {
            gap = true;
            return;
          }
          if (gap) issue(areaFields[i]!, 'Fyll i valen i ordning: lämna inget tomt val före det här');
          if (seen.has(area)) issue(areaFields[i]!, 'Du har redan valt det här intresseområdet');
          seen.add(area);
        });
      },
      { when: (payload) => typeof payload.value === 'object' && payload.value !== null },
    )
    .transform((v) => ({
      ...v,
      interestAreas: areaFields.map((f) => v[f]).filter((a): a is NonNullable<typeof a> => Boolean(a)),
      preferredDistrictId: v.preferredDistrictId ?? null,
      phone: v.phone ?? null,
      guardianEmail: v.guardianEmail ?? null,
      guardianPhone: v.guardianPhone ?? null,
    }));
}

export type ApplicationInput = z.infer<ReturnType<typeof applicationSchema>>;

/** The coordinator checks priority groups on an application. */
export const prioritySchema = z.object({
  priorityGroups: z
    .array(z.enum(priorityGroups, { error: 'Välj prioriteringsgrupper i listan' }))
    .optional()
    .transform((v) => [...new Set(v ?? [])]),
});

/** Starting an allocation run (its round follows from the published ones). */
export function runSchema(today: string) {
  return z.object({
    answerDeadline: z.iso
      .date({ error: (iss) => (iss.input === undefined || iss.input === '' ? 'Ange sista svarsdag' : 'Ange ett datum som ÅÅÅÅ-MM-DD') })
      .refine((d) => d > today, 'Sista svarsdag måste vara efter i dag'),
    seed: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce
        .number<string>({ error: 'Fröet är ett heltal' })
        .int('Fröet är ett heltal')
        .min(1, 'Fröet är ett heltal från 1 till 2147483646')
        .max(2147483646, 'Fröet är ett heltal från 1 till 2147483646')
        .optional(),
    ),
  });
}

/** The youth's answer to an offer. */
export const answerSchema = z.object({
  answer: z.enum(['accept', 'decline'], { error: 'Välj om du tackar ja eller nej' }),
});
