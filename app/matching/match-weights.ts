/**
 * The weights of the match score: configuration in the database (match_weight_versions), edited
 * by admins, versioned. These defaults are version 1 (migration 0006 inserts the same values).
 */
import { z } from '../forms/validation';

export const weightFields = {
  occupation4: { label: 'Samma yrke (4 siffror)', max: 100 },
  occupation3: { label: 'Samma yrkesgrupp (3 siffror)', max: 100 },
  occupation2: { label: 'Samma huvudgrupp (2 siffror)', max: 100 },
  occupation1: { label: 'Samma yrkesområde (1 siffra)', max: 100 },
  experiencePerYear: { label: 'Per års erfarenhet i yrket', max: 20 },
  experienceMaxYears: { label: 'Högst antal år som räknas', max: 40 },
  sameDistrict: { label: 'Samma stadsdelsområde', max: 100 },
  sameCluster: { label: 'Samma kluster', max: 100 },
  languagePerMatch: { label: 'Per språk som platsen efterfrågar', max: 50 },
  languageMaxMatches: { label: 'Högst antal språk som räknas', max: 10 },
  swedishMeets: { label: 'Svenska på kravnivå', max: 50 },
  swedishPerLevelBelow: { label: 'Avdrag per nivå under kravet på svenska', max: 50 },
  availability: { label: 'Kan arbeta platsens timmar', max: 50 },
  priorityGroup: { label: 'Prioriterad målgrupp för platsens anställningsform', max: 50 },
} as const;
export type WeightKey = keyof typeof weightFields;
export type MatchWeights = Record<WeightKey, number>;
export const weightKeys = Object.keys(weightFields) as WeightKey[];

export const defaultMatchWeights: MatchWeights = {
  occupation4: 30,
  occupation3: 20,
  occupation2: 12,
  occupation1: 6,
  experiencePerYear: 2,
  experienceMaxYears: 5,
  sameDistrict: 15,
  sameCluster: 10,
  languagePerMatch: 5,
  languageMaxMatches: 2,
  swedishMeets: 5,
  swedishPerLevelBelow: 15,
  availability: 10,
  priorityGroup: 10,
};

const weight = (key: WeightKey) => {
  const { label, max } = weightFields[key];
  return z.preprocess(
    (v) => (typeof v === 'number' ? String(v) : v),
    z
      .string({ error: `Ange ${label.toLowerCase()}` })
      .trim()
      .min(1, `Ange ett värde för ”${label}”`)
      .pipe(
        z.coerce
          .number<string>({ error: 'Ange ett heltal' })
          .int('Ange ett heltal')
          .min(0, 'Värdet får inte vara negativt')
          .max(max, `Värdet får vara högst ${max}`),
      ),
  );
};

/** Pairs whose order keeps the score monotone: the first must be at least the second. */
const orderedPairs: Array<[WeightKey, WeightKey]> = [
  ['occupation4', 'occupation3'],
  ['occupation3', 'occupation2'],
  ['occupation2', 'occupation1'],
  ['sameDistrict', 'sameCluster'],
];

/**
 * The admin's form. The occupation weights must fall with distance in the SSYK hierarchy and the
 * district weight must be at least the cluster weight: otherwise a closer match could score less.
 * Each order check runs as soon as its two fields are valid, so every error shows at once.
 */
export const matchWeightsSchema = orderedPairs.reduce(
  (schema, [higher, lower]) =>
    schema.refine((w) => w[lower] <= w[higher], {
      path: [lower],
      message: `Får inte vara högre än ”${weightFields[higher].label}”`,
      // Skip only when a field of the pair is itself invalid; another order error on it (a custom
      // issue from a neighbouring pair in the chain) must not hide this one.
      when: (payload) => payload.issues.every((issue) => issue.code === 'custom' || (issue.path?.[0] !== higher && issue.path?.[0] !== lower)),
    }),
  z.object({
    ...(Object.fromEntries(weightKeys.map((k) => [k, weight(k)])) as Record<WeightKey, ReturnType<typeof weight>>),
    note: z.string({ error: 'Beskriv varför vikterna ändras' }).trim().min(3, 'Beskriv varför vikterna ändras').max(500, 'Högst 500 tecken'),
  }) as z.ZodType<Record<WeightKey, number> & { note: string }, Record<string, unknown>>,
);
export type MatchWeightsInput = z.output<typeof matchWeightsSchema>;

/** Reads stored weights leniently: a key missing from an older version takes its default. */
export function weightsFromStored(stored: unknown): MatchWeights {
  const source = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<string, unknown>;
  return Object.fromEntries(
    weightKeys.map((k) => {
      const v = source[k];
      return [k, typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : defaultMatchWeights[k]];
    }),
  ) as MatchWeights;
}
