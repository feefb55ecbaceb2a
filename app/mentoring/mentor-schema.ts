import { genders } from '../aspirants/aspirant-rules';
import { emailField, fitsInteger, languageList, MAX_INTEGER, optionalPhone, optionalText, requiredText, storableDate, z } from '../forms/validation';
import { swedishLevels } from '../openings/opening-rules';
import { availabilities, mentorProgrammes, pairOutcomes } from './mentor-rules';

const ssyk = (message: string) => z.string({ error: message }).regex(/^[0-9]{4}$/, message);
const optionalSsyk = z.preprocess((v) => (v === '' ? undefined : v), ssyk('Välj ett yrke i listan').optional());
const optionalDistrict = z.preprocess(
  (v) => (v === '' ? undefined : v),
  z.coerce.number<string>().int().positive('Välj ett stadsdelsområde i listan').max(MAX_INTEGER, fitsInteger('Välj ett stadsdelsområde i listan')).optional(),
);
const languages = languageList;
const pastOrToday = (today: string, empty: string) =>
  storableDate({ error: (iss) => (iss.input === undefined || iss.input === '' ? empty : 'Ange ett datum som ÅÅÅÅ-MM-DD') }).refine(
    (d) => d <= today,
    'Datumet kan inte vara senare än i dag',
  );
const optionalPastDate = (today: string) => z.preprocess((v) => (v === '' ? undefined : v), pastOrToday(today, 'Ange ett datum').optional());

export function mentorSchema(today: string) {
  return z.object({
    firstName: requiredText('Ange förnamn', 100),
    lastName: requiredText('Ange efternamn', 100),
    gender: z.enum(genders, { error: 'Välj kön' }),
    email: emailField(),
    phone: optionalPhone,
    organizationId: z.uuid({ error: 'Välj organisation' }),
    occupationCode: ssyk('Välj mentorns yrke (SSYK)'),
    districtId: optionalDistrict,
    languages,
    programmes: z.array(z.enum(mentorProgrammes, { error: 'Välj program i listan' }), { error: 'Välj minst ett program' }).min(1, 'Välj minst ett program'),
    availability: z.array(z.enum(availabilities, { error: 'Välj tider i listan' }), { error: 'Välj när mentorn kan träffas' }).min(1, 'Välj när mentorn kan träffas'),
    maxAdepts: z.coerce.number<string>({ error: 'Ange hur många adepter samtidigt (1–5)' }).int('Ange ett heltal').min(1, 'Minst 1 adept').max(5, 'Högst 5 adepter samtidigt'),
    trainingCompletedOn: optionalPastDate(today),
    interviewedOn: optionalPastDate(today),
    /** The published mentor slot the mentor is registered from, if any. */
    openingId: z.preprocess((v) => (v === '' ? undefined : v), z.uuid({ error: 'Ogiltig mentorskapsplats' }).optional()),
  });
}

/** Approving a mentor: the interview date is required (approval follows an interview). */
export function approveSchema(today: string) {
  return z.object({ interviewedOn: pastOrToday(today, 'Ange datum för intervjun'), trainingCompletedOn: optionalPastDate(today) });
}

export function adeptSchema(today: string) {
  const year = Number(today.slice(0, 4));
  return z
    .object({
      firstName: requiredText('Ange förnamn', 100),
      lastName: requiredText('Ange efternamn', 100),
      gender: z.enum(genders, { error: 'Välj kön' }),
      birthYear: z.coerce
        .number<string>({ error: 'Ange födelseår' })
        .int('Ange födelseår som fyra siffror')
        .min(year - 67, `Födelseår från ${year - 67}`)
        .max(year - 16, `Adepten behöver vara minst 16 år (född ${year - 16} eller tidigare)`),
      email: emailField(),
      phone: optionalPhone,
      programme: z.enum(mentorProgrammes, { error: 'Välj program' }),
      goalOccupationCode: optionalSsyk,
      languages,
      swedishLevel: z.enum(swedishLevels, { error: 'Välj nivå i svenska' }),
      districtId: optionalDistrict,
      availability: z.array(z.enum(availabilities, { error: 'Välj tider i listan' }), { error: 'Välj när adepten kan träffas' }).min(1, 'Välj när adepten kan träffas'),
      studying: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
      preferredMentorGender: z.preprocess((v) => (v === '' ? undefined : v), z.enum(genders, { error: 'Välj i listan' }).optional()),
      coordinatorNotes: optionalText(2000),
    })
    .superRefine((v, ctx) => {
      if (v.programme === 'yrkesmentor' && !v.goalOccupationCode) {
        ctx.addIssue({ code: 'custom', path: ['goalOccupationCode'], message: 'Yrkesmentor kräver ett yrkesmål (SSYK)' });
      }
      if (v.programme === 'ungdomsmentor' && Number.isInteger(v.birthYear) && year - v.birthYear > 29) {
        ctx.addIssue({ code: 'custom', path: ['birthYear'], message: 'Ungdomsmentor är för adepter upp till 29 år' });
      }
    });
}

export function meetingSchema(today: string) {
  return z.object({
    metOn: pastOrToday(today, 'Ange datum för mötet'),
    minutes: z.coerce.number<string>({ error: 'Ange mötets längd i minuter' }).int('Ange minuter som ett heltal').min(5, 'Minst 5 minuter').max(600, 'Högst 600 minuter'),
    topic: requiredText('Beskriv kort vad ni pratade om', 500),
  });
}

export function endPairSchema(today: string) {
  return z.object({
    endedOn: pastOrToday(today, 'Ange slutdatum'),
    outcome: z.enum(pairOutcomes, { error: 'Välj utfall' }),
    reason: requiredText('Beskriv varför paret avslutas', 1000),
  });
}
