/**
 * Feriejobb rules shared by the application form, the coordinator's pages and the allocation:
 * the summer's first day, who may apply, priority groups and how a youth's ranked interest areas
 * and district become a ranked list of concrete (workplace, period) places. Pure: no I/O.
 */
import { ageOn } from '../aspirants/personnummer';
import { applicantOrderKey, combineOrderKeys, placeOrderKey, type AllocationPlace } from './allocation';

export const FERIEJOBB_MIN_AGE = 16;
export const FERIEJOBB_MAX_AGE = 19;
export const MAX_INTEREST_AREAS = 5;
/** At most this many places per interest area on a youth's list (see ADR 008). */
export const PLACES_PER_AREA = 4;
/** Hours a confirmation link is valid. */
export const CONFIRMATION_VALID_HOURS = 48;
/** Days a youth has to answer an offer, by default. */
export const DEFAULT_ANSWER_DAYS = 7;

/** The first day of the summer: ages are counted on this day. */
export function summerStart(year: number) {
  return `${year}-06-01`;
}

/** The summer applications are for on a given day: this year's until the end of August, then next year's. */
export function applicationYear(today: string) {
  const year = Number(today.slice(0, 4));
  return today.slice(5) <= '08-31' ? year : year + 1;
}

export function ageOnSummerStart(birthDate: string, year: number) {
  return ageOn(birthDate, summerStart(year));
}

/** Null when the youth may apply for `year`'s feriejobb, else the reason in Swedish. */
export function ageRefusal(birthDate: string, year: number): string | null {
  const age = ageOnSummerStart(birthDate, year);
  if (age < FERIEJOBB_MIN_AGE) return `Du behöver ha fyllt ${FERIEJOBB_MIN_AGE} år senast den 1 juni ${year} för att söka feriejobb (du är ${age} år då).`;
  if (age > FERIEJOBB_MAX_AGE) return `Feriejobb är för dig som är ${FERIEJOBB_MIN_AGE}–${FERIEJOBB_MAX_AGE} år den 1 juni ${year} (du är ${age} år då).`;
  return null;
}

/** Under 18 on the summer's first day: a guardian's contact is required. */
export function needsGuardian(birthDate: string, year: number) {
  return ageOnSummerStart(birthDate, year) < 18;
}

export const summerMonths = [6, 7, 8] as const;
export type SummerMonth = (typeof summerMonths)[number];
export const summerMonthLabels: Record<SummerMonth, string> = { 6: 'Juni', 7: 'Juli', 8: 'Augusti' };

/** The summer months a period touches. */
export function monthsOf(startDate: string, endDate: string): number[] {
  const first = Number(startDate.slice(5, 7));
  const last = Number(endDate.slice(5, 7));
  const months: number[] = [];
  for (let m = first; m <= last; m++) months.push(m);
  return months;
}

// ---------------------------------------------------------------------------------------------
// Priority groups (marked by the coordinator after checking them)
// ---------------------------------------------------------------------------------------------

export const priorityGroups = ['first_time', 'school_incomplete', 'disability', 'newcomer', 'social_reasons'] as const;
export type PriorityGroup = (typeof priorityGroups)[number];
export const priorityGroupLabels: Record<PriorityGroup, string> = {
  first_time: 'Söker feriejobb för första gången',
  school_incomplete: 'Har inte fullföljt skolan',
  disability: 'Funktionsnedsättning',
  newcomer: 'Nyanländ',
  social_reasons: 'Sociala skäl',
};

export function priorityGroupMask(groups: readonly string[]): number {
  let mask = 0;
  priorityGroups.forEach((g, i) => {
    if (groups.includes(g)) mask |= 1 << i;
  });
  return mask;
}

export function groupsOfMask(mask: number): PriorityGroup[] {
  return priorityGroups.filter((_, i) => (mask & (1 << i)) !== 0);
}

/** The groups a place puts first: adapted places favour disability, places with language support newcomers. */
export function favouredGroups(details: { adaptedPlace?: boolean; languageSupport?: boolean }): PriorityGroup[] {
  const groups: PriorityGroup[] = [];
  if (details.adaptedPlace) groups.push('disability');
  if (details.languageSupport) groups.push('newcomer');
  return groups;
}

export const priorityClassLabels = ['prioriterad grupp för platsen', 'prioriterad grupp', 'utan prioritet'] as const;

// ---------------------------------------------------------------------------------------------
// From an application to a ranked list of places
// ---------------------------------------------------------------------------------------------

export interface ApplicantForRanking {
  id: string;
  birthDate: string;
  districtId: number;
  preferredDistrictId: number | null;
  interestAreas: readonly string[];
  months: readonly number[];
}

export interface PlaceForRanking extends AllocationPlace {
  area: string;
  districtId: number | null;
  ageMin: number;
  ageMax: number;
  months: readonly number[];
}

export interface PlaceIndex {
  places: PlaceForRanking[];
  /** Place indices per `${area}:${districtId ?? 'x'}`. */
  byAreaDistrict: Map<string, number[]>;
  /** Place indices per area, all districts. */
  byArea: Map<string, number[]>;
  clusterOfDistrict: Map<number, number>;
  districtsOfCluster: Map<number, number[]>;
  /** Each place's part of the tie-breaking noise (placeOrderKey). */
  orderKeys: Float64Array;
}

export function indexPlaces(places: PlaceForRanking[], clusterOfDistrict: Map<number, number>): PlaceIndex {
  const byAreaDistrict = new Map<string, number[]>();
  const byArea = new Map<string, number[]>();
  places.forEach((place, i) => {
    const key = `${place.area}:${place.districtId ?? 'x'}`;
    (byAreaDistrict.get(key) ?? byAreaDistrict.set(key, []).get(key)!).push(i);
    (byArea.get(place.area) ?? byArea.set(place.area, []).get(place.area)!).push(i);
  });
  const districtsOfCluster = new Map<number, number[]>();
  for (const [district, cluster] of clusterOfDistrict) {
    (districtsOfCluster.get(cluster) ?? districtsOfCluster.set(cluster, []).get(cluster)!).push(district);
  }
  for (const list of districtsOfCluster.values()) list.sort((a, b) => a - b);
  const orderKeys = Float64Array.from(places, (p) => placeOrderKey(p.id));
  return { places, byAreaDistrict, byArea, clusterOfDistrict, districtsOfCluster, orderKeys };
}

/**
 * A youth's ranked list of places: interest areas in the youth's order; within an area, places in
 * the preferred district first, then the home district, then the rest of the home cluster, then
 * anywhere else; within a tier in an order drawn from the run's seed (so demand spreads over
 * equal places, reproducibly). Only places whose age window holds the youth's age on the summer's
 * first day and whose months the youth can work; at most PLACES_PER_AREA per area.
 */
export function rankPlaces(applicant: ApplicantForRanking, index: PlaceIndex, year: number, seed: number, perArea = PLACES_PER_AREA): number[] {
  const age = ageOnSummerStart(applicant.birthDate, year);
  const months = new Set(applicant.months);
  const eligible = (p: number) => {
    const place = index.places[p]!;
    return place.capacity > 0 && age >= place.ageMin && age <= place.ageMax && place.months.every((m) => months.has(m));
  };
  const applicantKey = applicantOrderKey(seed, applicant.id);
  const byNoise = (list: number[]) =>
    list
      .map((p) => ({ p, noise: combineOrderKeys(applicantKey, index.orderKeys[p]!) }))
      .sort((a, b) => a.noise - b.noise || a.p - b.p)
      .map((x) => x.p);

  const cluster = index.clusterOfDistrict.get(applicant.districtId);
  const tierDistricts: number[][] = [];
  if (applicant.preferredDistrictId !== null && applicant.preferredDistrictId !== applicant.districtId) tierDistricts.push([applicant.preferredDistrictId]);
  tierDistricts.push([applicant.districtId]);
  const clusterRest = (cluster === undefined ? [] : index.districtsOfCluster.get(cluster) ?? []).filter(
    (d) => d !== applicant.districtId && d !== applicant.preferredDistrictId,
  );
  tierDistricts.push(clusterRest);

  const list: number[] = [];
  const seen = new Set<number>();
  for (const area of applicant.interestAreas) {
    let taken = 0;
    const take = (candidates: number[]) => {
      for (const p of byNoise(candidates.filter((p) => !seen.has(p) && eligible(p)))) {
        if (taken >= perArea) return;
        list.push(p);
        seen.add(p);
        taken++;
      }
    };
    for (const districts of tierDistricts) {
      if (taken >= perArea) break;
      take(districts.flatMap((d) => index.byAreaDistrict.get(`${area}:${d}`) ?? []));
    }
    // Anywhere else (other clusters, workplaces outside Stockholm) only when nearer ones run out.
    if (taken < perArea) take(index.byArea.get(area) ?? []);
  }
  return list;
}
