import type { Faker } from '@faker-js/faker';
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client.server';
import { actionPlans, activities, aspirants, districts, jobbtorg, searchOutbox, users, type NewActivity, type NewAspirant } from '../schema';
import { createRandom, testPersonnummer } from './random';
import { addDays } from '../../app/aspirants/aspirant-bands';

/**
 * Deterministic synthetic aspirants for the demo (size knob). Every personnummer is from
 * Skatteverket's test series (last four digits 98xx), never a real person's. Names come from the
 * seeded faker (sv) mixed with names common in Stockholm's suburbs.
 */
export interface AspirantSeedOptions {
  count: number;
  seed?: number;
  /** Enrolment dates are laid out backwards from this date. */
  today: string;
  faker: Faker;
}

const extraFirstNames = {
  kvinna: ['Amina', 'Fatima', 'Hodan', 'Sara', 'Leila', 'Nour', 'Yasmin', 'Hanna', 'Maryam', 'Ayan', 'Elif', 'Zahra'],
  man: ['Mohammed', 'Ali', 'Ahmed', 'Yusuf', 'Abdi', 'Omar', 'Hassan', 'Mustafa', 'Elias', 'Dawit', 'Karim', 'Samir'],
};
const extraLastNames = ['Hassan', 'Yusuf', 'Abdi', 'Said', 'Ahmadi', 'Mohamed', 'Warsame', 'Haddad', 'Yilmaz', 'Tesfaye', 'Kaya', 'Nazari'];
const occupationCodes = ['5311', '5321', '5330', '9111', '5152', '9412', '5312', '3423', '9622', '4410', '4322', '5120', '5223', '2512', '3512'];
const languagePool = ['arabiska', 'somaliska', 'tigrinja', 'dari', 'persiska', 'engelska', 'turkiska', 'spanska', 'polska', 'kurdiska'];
/** Action-plan goals the demo draws from (the statistics history too). */
export const planGoals = [
  'Anställning inom vård och omsorg efter en period med praktik och språkstöd.',
  'Börja studera på komvux för att fullfölja gymnasiet, parallellt med extrajobb.',
  'Ett Stockholmsjobb som steg mot en tillsvidareanställning inom staden.',
  'Arbete inom lager och logistik; truckkort och praktik först.',
  'Stärka svenskan genom språkpraktik och därefter söka jobb inom service.',
];
const activityTemplates: Array<{ type: NewActivity['type']; description: string; days: number }> = [
  { type: 'kartlaggning', description: 'Kartläggning av erfarenheter, intressen och behov av stöd.', days: 14 },
  { type: 'vagledning', description: 'Studie- och yrkesvägledning inför val av inriktning.', days: 30 },
  { type: 'praktik', description: 'Praktik på en arbetsplats inom önskat yrkesområde, med handledare.', days: 60 },
  { type: 'sprakstod', description: 'Språkstöd två förmiddagar i veckan.', days: 90 },
  { type: 'stockholmsjobb', description: 'Stockholmsjobb i en av stadens verksamheter.', days: 180 },
  { type: 'studier', description: 'Kurs på komvux i svenska som andraspråk.', days: 120 },
];


/** Jobbtorg weights: Kista and Farsta get most, so the demo coaches have a real caseload. */
const weights: Record<string, number> = { kista: 5, farsta: 5, 'unga-kista': 1, city: 1, vallingby: 1, 'unga-globen': 1, skarholmen: 1, 'unga-skarholmen': 1 };

export async function insertAspirants(tx: DbOrTx, options: AspirantSeedOptions) {
  const random = createRandom(options.seed ?? 2027);
  const { faker, today } = options;
  const offices = await tx.select().from(jobbtorg);
  const districtRows = await tx.select({ id: districts.id, clusterId: districts.clusterId }).from(districts);
  const coaches = await tx.select({ id: users.id, jobbtorgId: users.jobbtorgId }).from(users).where(eq(users.role, 'coach'));
  const weighted = offices.flatMap((o) => Array<typeof o>(weights[o.slug] ?? 1).fill(o));
  const used = new Set<string>();
  const todayYear = Number(today.slice(0, 4));

  const rows: NewAspirant[] = [];
  for (let i = 0; i < options.count; i++) {
    // Every office gets at least one; the rest follow the weights.
    const office = i < offices.length ? offices[i]! : random.pick(weighted);
    const officeCoaches = coaches.filter((c) => c.jobbtorgId === office.id);
    const gender = random.chance(0.04) ? random.pick(['annat', 'uppgift_saknas'] as const) : random.chance(0.5) ? 'kvinna' : 'man';
    const sex = gender === 'man' ? 'male' : 'female';
    const firstName = random.chance(0.5) ? faker.person.firstName(sex) : random.pick(extraFirstNames[gender === 'man' ? 'man' : 'kvinna']);
    const lastName = random.chance(0.5) ? faker.person.lastName() : random.pick(extraLastNames);
    // Youth offices serve 16–29; the others everyone of working age, born 1960–2009.
    const birthYear = office.youth ? random.int(Math.max(1960, todayYear - 29), Math.min(2009, todayYear - 17)) : random.int(1960, 2007);
    let pnr: string;
    let birthDate: string;
    do {
      birthDate = `${birthYear}-${String(random.int(1, 12)).padStart(2, '0')}-${String(random.int(1, 28)).padStart(2, '0')}`;
      pnr = testPersonnummer(birthDate, random.int(980, 989), { coordination: random.chance(0.05) });
    } while (used.has(pnr));
    used.add(pnr);
    const enrolledOn = addDays(today, -random.int(1, 540));
    const exited = random.chance(0.12);
    const education = random.pick(['forgymnasial', 'gymnasial', 'gymnasial', 'eftergymnasial'] as const);
    const age = todayYear - birthYear;
    const groups = new Set<string>();
    if (random.chance(0.5)) groups.add('forsorjningsstod');
    if (age < 20 && random.chance(0.6)) groups.add('kaa');
    if (age >= 20 && age <= 29 && random.chance(0.5)) groups.add('uvas');
    if (random.chance(0.25)) groups.add('nyanland');
    if (random.chance(0.12)) groups.add('funktionsnedsattning');
    if (education === 'forgymnasial') groups.add('kort_utbildning');
    if (random.chance(0.2)) groups.add('langtidsarbetslos');
    if (gender === 'kvinna' && random.chance(0.2)) groups.add('kvinna_svag_stallning');
    const language = random.pick(languagePool);
    const consent = random.chance(0.6);
    const district = random.chance(0.8) ? random.pick(districtRows.filter((d) => d.clusterId === office.clusterId)) : random.chance(0.8) ? random.pick(districtRows) : null;
    rows.push({
      jobbtorgId: office.id,
      coachUserId: officeCoaches.length ? random.pick(officeCoaches).id : null,
      firstName,
      lastName,
      personnummer: pnr,
      birthDate,
      gender,
      districtId: district?.id ?? null,
      targetGroups: [...groups],
      languages: [
        { language: 'svenska', level: random.pick(['grundlaggande', 'god', 'flytande'] as const) },
        ...(language === 'engelska' ? [] : [{ language, level: 'modersmal' as const }]),
        ...(random.chance(0.4) ? [{ language: 'engelska', level: random.pick(['grundlaggande', 'god'] as const) }] : []),
      ].filter((l, idx, all) => all.findIndex((x) => x.language === l.language) === idx),
      swedishLevel: random.pick(['none', 'basic', 'good', 'fluent'] as const),
      education,
      completedUpperSecondary: education !== 'forgymnasial' && random.chance(0.8),
      occupations: [...new Set([random.pick(occupationCodes), random.pick(occupationCodes)])].map((code) => ({ code, years: random.int(0, 6) })),
      drivingLicence: random.chance(0.35),
      availableFrom: addDays(today, random.int(0, 60)),
      hoursPerWeek: random.pick([20, 25, 30, 40, 40]),
      adaptationNeeds: groups.has('funktionsnedsattning') ? 'Behöver möjlighet till pauser och ett lugnt arbetsplatsområde.' : null,
      consentAt: consent ? new Date(`${enrolledOn}T10:00:00Z`) : null,
      consentScope: consent ? 'profile_summary' : null,
      enrolledOn,
      exitedOn: exited ? addDays(enrolledOn, Math.min(random.int(30, 400), Math.max(0, Math.floor((Date.parse(today) - Date.parse(enrolledOn)) / 86_400_000)))) : null,
      exitReason: exited ? random.pick(['arbete', 'arbete', 'studier', 'annat'] as const) : null,
      notes: random.chance(0.3) ? 'Motiverad och vill komma i arbete snabbt. Uppföljningssamtal varannan vecka.' : null,
    });
  }
  if (!rows.length) return [];
  const inserted: Array<{ id: string; enrolledOn: string }> = [];
  for (let i = 0; i < rows.length; i += 1000) {
    inserted.push(...(await tx.insert(aspirants).values(rows.slice(i, i + 1000)).returning({ id: aspirants.id, enrolledOn: aspirants.enrolledOn })));
  }

  for (let i = 0; i < inserted.length; i += 5000) {
    await tx.insert(searchOutbox).values(inserted.slice(i, i + 5000).map((a) => ({ indexName: 'aspirants', documentId: a.id, op: 'upsert' as const })));
  }

  // About two in three have an action plan, most within the 5 days; some with activities.
  const plans = inserted
    .filter(() => random.chance(0.65))
    .map((a) => ({ aspirantId: a.id, goal: random.pick(planGoals), createdOn: addDays(a.enrolledOn, random.chance(0.85) ? random.int(0, 5) : random.int(6, 20)) }))
    .filter((p) => p.createdOn <= today);
  if (!plans.length) return inserted;
  // In chunks: one INSERT may carry at most 65,535 parameters (large seeds, e.g. the benchmark).
  const planRows: Array<{ id: string; createdOn: string }> = [];
  for (let i = 0; i < plans.length; i += 1000) {
    planRows.push(...(await tx.insert(actionPlans).values(plans.slice(i, i + 1000)).returning({ id: actionPlans.id, createdOn: actionPlans.createdOn })));
  }
  const activityRows: NewActivity[] = planRows.flatMap((plan) => {
    let start = plan.createdOn;
    return Array.from({ length: random.int(1, 3) }, () => {
      const t = random.pick(activityTemplates);
      const endOn = addDays(start, t.days);
      const status = endOn < today ? (random.chance(0.85) ? 'done' : 'cancelled') : start <= today ? 'ongoing' : 'planned';
      const row: NewActivity = {
        actionPlanId: plan.id,
        type: t.type,
        description: t.description,
        startOn: start,
        endOn,
        status,
        followUpOn: addDays(start, Math.min(30, t.days)),
        followUpResult: status === 'done' ? 'Genomförd enligt plan.' : null,
      };
      start = addDays(endOn, 1);
      return row;
    });
  });
  for (let i = 0; i < activityRows.length; i += 1000) await tx.insert(activities).values(activityRows.slice(i, i + 1000));
  return inserted;
}
