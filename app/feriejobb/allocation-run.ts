/**
 * One allocation run, the pure part: from applications and places to the stored instance (the
 * exact input of both modes, with the seed), and from the two assignments to the figures the
 * coordinator reviews (placed, blocking pairs, the price of fairness).
 */
import { lotteryNumber, seatsTaken, type AllocationInstance, type Assignment, type Explanation } from './allocation';
import { indexPlaces, priorityGroupMask, rankPlaces, type ApplicantForRanking, type PlaceForRanking } from './feriejobb-rules';

export interface StoredInstance extends AllocationInstance {
  version: 1;
  year: number;
  seed: number;
  perArea: number;
  places: (AllocationInstance['places'][number] & { area: string; districtId: number | null })[];
}

export interface RunInput {
  year: number;
  seed: number;
  perArea: number;
  applicants: (ApplicantForRanking & { priorityGroups: string[] })[];
  places: PlaceForRanking[];
  clusterOfDistrict: Map<number, number>;
}

/** The instance both modes solve. Applicants and places are sorted by id, so the stored input does not depend on read order. */
export function buildInstance(input: RunInput): StoredInstance {
  const places = [...input.places].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = indexPlaces(places, input.clusterOfDistrict);
  const applicants = [...input.applicants]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((applicant) => ({
      id: applicant.id,
      prefs: rankPlaces(applicant, index, input.year, input.seed, input.perArea),
      groups: priorityGroupMask(applicant.priorityGroups),
      lottery: lotteryNumber(input.seed, applicant.id),
    }));
  return {
    version: 1,
    year: input.year,
    seed: input.seed,
    perArea: input.perArea,
    applicants,
    places: places.map((p) => ({ id: p.id, capacity: p.capacity, favoured: p.favoured, area: p.area, districtId: p.districtId })),
  };
}

export interface FairnessCell {
  key: string;
  fair: number;
  max: number;
}

export interface PriceOfFairness {
  /** How many more youths max coverage places. */
  extraPlaced: number;
  byArea: FairnessCell[];
  /** Keyed by district id ('x' for places outside Stockholm). */
  byDistrict: FairnessCell[];
  /** The places max coverage fills more of, most first (at most 25). */
  places: FairnessCell[];
}

export function priceOfFairness(instance: StoredInstance, fair: Assignment, max: Assignment): PriceOfFairness {
  const fairSeats = seatsTaken(instance, fair);
  const maxSeats = seatsTaken(instance, max);
  const byArea = new Map<string, FairnessCell>();
  const byDistrict = new Map<string, FairnessCell>();
  const places: FairnessCell[] = [];
  let extra = 0;
  instance.places.forEach((place, p) => {
    const f = fairSeats[p]!;
    const m = maxSeats[p]!;
    extra += m - f;
    const add = (map: Map<string, FairnessCell>, key: string) => {
      const cell = map.get(key) ?? map.set(key, { key, fair: 0, max: 0 }).get(key)!;
      cell.fair += f;
      cell.max += m;
    };
    add(byArea, place.area);
    add(byDistrict, String(place.districtId ?? 'x'));
    if (m > f) places.push({ key: place.id, fair: f, max: m });
  });
  const byGain = (a: FairnessCell, b: FairnessCell) => b.max - b.fair - (a.max - a.fair) || (a.key < b.key ? -1 : 1);
  return {
    extraPlaced: extra,
    byArea: [...byArea.values()].sort(byGain),
    byDistrict: [...byDistrict.values()].sort(byGain),
    places: places.sort(byGain).slice(0, 25),
  };
}

/**
 * An applicant's explanation as stored with the run's results: the refused places by id. The
 * applicant's whole list is in the run's stored input, not repeated per result row.
 */
export interface StoredExplanation extends Omit<Explanation, 'refusals'> {
  refusals: (Explanation['refusals'][number] & { placeId: string })[];
}

export function storedExplanation(instance: StoredInstance, explanation: Explanation): StoredExplanation {
  return { ...explanation, refusals: explanation.refusals.map((r) => ({ ...r, placeId: instance.places[r.place]!.id })) };
}
