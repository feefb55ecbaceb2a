import type { Faker } from '@faker-js/faker';
import { inArray } from 'drizzle-orm';
import { addDays } from '../../app/aspirants/aspirant-bands';
import { scorePair, type ScoringAdept } from '../../app/mentoring/mentor-rules';
import type { MentorProgramme } from '../../app/openings/opening-rules';
import type { DbOrTx } from '../client.server';
import { adepts, districts, mentorMeetings, mentorPairs, mentors, organizations } from '../schema';
import { createRandom } from './random';

const occupationsUsed = ['5321', '2231', '3411', '4112', '5120', '2512', '3312', '7411'];
const languagePool = ['arabiska', 'somaliska', 'tigrinja', 'dari', 'persiska', 'engelska', 'ukrainska', 'spanska'];
const topics = ['Arbetsmarknaden i branschen', 'CV och personligt brev', 'Språkträning: samtal om vardagen', 'Förberedelse inför intervju', 'Studievägar och validering'];

/**
 * Deterministic synthetic Stockholmsmentor data for the demo: mentors at Integrationspakten
 * members and city units (most approved), adepts in all three programmes, and a handful of pairs
 * in every state with logged meetings, so the start page shows health and follow-up.
 */
export async function insertMentoringDemo(tx: DbOrTx, options: { seed: number; today: string; faker: Faker }) {
  const random = createRandom(options.seed);
  const orgRows = await tx.select({ id: organizations.id }).from(organizations).where(inArray(organizations.kind, ['integrationspakt_member', 'city_unit']));
  const districtIds = (await tx.select({ id: districts.id }).from(districts)).map((d) => d.id);
  const programmes: MentorProgramme[] = ['yrkesmentor', 'sprakmentor', 'ungdomsmentor'];
  const mentorRows = await tx
    .insert(mentors)
    .values(
      Array.from({ length: 14 }, (_, i) => {
        const gender = random.chance(0.55) ? ('kvinna' as const) : ('man' as const);
        const firstName = options.faker.person.firstName(gender === 'man' ? 'male' : 'female');
        const lastName = options.faker.person.lastName();
        const approved = i < 11;
        return {
          firstName,
          lastName,
          gender,
          email: `mentor.${i}@exempel.se`,
          organizationId: random.pick(orgRows).id,
          occupationCode: random.pick(occupationsUsed),
          districtId: random.pick(districtIds),
          languages: [random.pick(languagePool)],
          programmes: [...new Set([random.pick(programmes), random.pick(programmes)])],
          availability: [...new Set(['weekday_evening', random.pick(['weekday_daytime', 'weekend'])])],
          maxAdepts: random.int(1, 3),
          trainingCompletedOn: random.chance(0.7) ? addDays(options.today, -random.int(30, 400)) : null,
          interviewedOn: approved ? addDays(options.today, -random.int(20, 300)) : null,
          status: approved ? ('approved' as const) : ('registered' as const),
          approvedAt: approved ? new Date() : null,
        };
      }),
    )
    .returning();
  const year = Number(options.today.slice(0, 4));
  const adeptRows = await tx
    .insert(adepts)
    .values(
      Array.from({ length: 24 }, (_, i) => {
        const programme = programmes[i % 3]!;
        const gender = random.chance(0.5) ? ('kvinna' as const) : ('man' as const);
        return {
          firstName: options.faker.person.firstName(gender === 'man' ? 'male' : 'female'),
          lastName: options.faker.person.lastName(),
          gender,
          birthYear: programme === 'ungdomsmentor' ? year - random.int(17, 24) : year - random.int(22, 50),
          email: `adept.${i}@exempel.se`,
          programme,
          goalOccupationCode: programme === 'sprakmentor' && random.chance(0.5) ? null : random.pick(occupationsUsed),
          languages: [random.pick(languagePool)],
          swedishLevel: random.pick(['none', 'basic', 'good']),
          districtId: random.pick(districtIds),
          availability: ['weekday_evening'],
          studying: programme === 'ungdomsmentor' && random.chance(0.6),
        };
      }),
    )
    .returning();
  // Pairs: the first eight adepts with an approved mentor offering their programme and free places.
  const taken = new Map<string, number>();
  let made = 0;
  for (const adept of adeptRows) {
    if (made >= 8) break;
    const mentor = mentorRows.find((m) => m.status === 'approved' && m.programmes.includes(adept.programme) && (taken.get(m.id) ?? 0) < m.maxAdepts);
    if (!mentor) continue;
    taken.set(mentor.id, (taken.get(mentor.id) ?? 0) + 1);
    const s: ScoringAdept = { ...adept, programme: adept.programme as MentorProgramme, age: year - adept.birthYear, preferredMentorGender: null };
    const { score, parts } = scorePair({ ...mentor, freeCapacity: 1 }, s);
    const state = made % 4; // 0 active on track, 1 active needing follow-up, 2 confirmed, 3 ended
    const confirmedOn = addDays(options.today, -(state === 1 ? 70 : state === 3 ? 150 : random.int(10, 30)));
    const [pair] = await tx
      .insert(mentorPairs)
      .values({
        mentorId: mentor.id,
        adeptId: adept.id,
        programme: adept.programme,
        score,
        explanation: parts,
        status: state === 2 ? 'confirmed' : state === 3 ? 'ended' : 'active',
        confirmedOn,
        endedOn: state === 3 ? addDays(options.today, -10) : null,
        outcome: state === 3 ? 'work' : null,
        endReason: state === 3 ? 'Adepten fick en tillsvidareanställning.' : null,
      })
      .returning({ id: mentorPairs.id });
    if (state !== 2) {
      const last = state === 1 ? addDays(options.today, -45) : addDays(options.today, -random.int(3, 12));
      await tx.insert(mentorMeetings).values([
        { pairId: pair!.id, metOn: addDays(confirmedOn, 7), minutes: 60, topic: random.pick(topics) },
        ...(last > addDays(confirmedOn, 7) ? [{ pairId: pair!.id, metOn: last, minutes: random.pick([45, 60, 90]), topic: random.pick(topics) }] : []),
      ]);
    }
    made++;
  }
}
