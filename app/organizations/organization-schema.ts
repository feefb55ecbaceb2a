import { luhnCheckDigit } from '../../db/seed/random';
import { fitsInteger, MAX_INTEGER, requiredText, searchText, storableDate, z } from '../forms/validation';

export const organizationKinds = ['integrationspakt_member', 'city_unit', 'supplier'] as const;
export const cityUnitTypes = ['namnd', 'stadsdelsforvaltning', 'bolag'] as const;
export const membershipLevels = ['member', 'plus'] as const;

export const organizationKindLabels: Record<(typeof organizationKinds)[number], string> = {
  integrationspakt_member: 'Medlem i Integrationspakten',
  city_unit: 'Stadens enhet',
  supplier: 'Leverantör (upphandlade platser)',
};
export const cityUnitTypeLabels: Record<(typeof cityUnitTypes)[number], string> = {
  namnd: 'Nämnd/fackförvaltning',
  stadsdelsforvaltning: 'Stadsdelsförvaltning',
  bolag: 'Kommunalt bolag',
};
export const membershipLevelLabels: Record<(typeof membershipLevels)[number], string> = {
  member: 'Medlem',
  plus: 'Plusmedlem (jobbpartnerskap)',
};

/** Swedish organisationsnummer: ten digits with a Luhn check digit, written NNNNNN-NNNN. */
export function normalizeOrgNumber(value: string): string | null {
  const digits = value.replace(/[\s-]/g, '');
  if (!/^[0-9]{10}$/.test(digits)) return null;
  if (luhnCheckDigit(digits.slice(0, 9)) !== digits[9]) return null;
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

function hasKnown(value: unknown, key: string, allowed: readonly string[]) {
  return typeof value === 'object' && value !== null && allowed.includes((value as Record<string, unknown>)[key] as string);
}

const isoDate = storableDate({ error: 'Ange ett datum som ÅÅÅÅ-MM-DD' });

export const createOrganizationSchema = z
  .object({
    name: requiredText('Ange organisationens namn', 160),
    orgNumber: z
      .string()
      .trim()
      .optional()
      .transform((v, ctx) => {
        if (!v) return null;
        const normalized = normalizeOrgNumber(v);
        if (!normalized) {
          ctx.addIssue({ code: 'custom', message: 'Ange ett giltigt organisationsnummer, till exempel 556677-8899' });
          return z.NEVER;
        }
        return normalized;
      }),
    kind: z.enum(organizationKinds, { error: 'Välj typ av organisation' }),
    cityUnitType: z.enum(cityUnitTypes, { error: 'Välj typ av enhet' }).optional(),
    membershipLevel: z.enum(membershipLevels, { error: 'Välj medlemsnivå' }).optional(),
    districtId: z.coerce.number({ error: 'Välj stadsdelsområde' }).int().positive().max(MAX_INTEGER, fitsInteger('Välj stadsdelsområde')).optional(),
    partnershipSignedOn: isoDate.optional(),
    partnershipTerms: z.string().trim().max(4000, 'Högst 4000 tecken').optional(),
    jobbspar: z.string().trim().max(2000, 'Högst 2000 tecken').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'city_unit' && !v.cityUnitType) {
      ctx.addIssue({ code: 'custom', path: ['cityUnitType'], message: 'Välj vilken sorts enhet i staden det är' });
    }
    if (v.kind === 'integrationspakt_member' && !v.membershipLevel) {
      ctx.addIssue({ code: 'custom', path: ['membershipLevel'], message: 'Välj medlemsnivå' });
    }
    if (v.kind === 'integrationspakt_member' && v.membershipLevel === 'plus') {
      if (!v.partnershipSignedOn) {
        ctx.addIssue({ code: 'custom', path: ['partnershipSignedOn'], message: 'En Plusmedlem har ett jobbpartnerskap: ange när det undertecknades' });
      }
      if (!v.partnershipTerms) {
        ctx.addIssue({ code: 'custom', path: ['partnershipTerms'], message: 'Beskriv kraven i jobbpartnerskapet' });
      }
    }
    if (v.kind !== 'city_unit' && !v.orgNumber) {
      ctx.addIssue({ code: 'custom', path: ['orgNumber'], message: 'Ange organisationsnummer' });
    }
  }, {
    // Also when other fields failed, so the form shows every error at once, not the rest only
    // after the first are fixed. Needs a known kind to know which fields are required.
    when: (payload) => hasKnown(payload.value, 'kind', organizationKinds),
  })
  .transform((v) => ({
    name: v.name,
    orgNumber: v.orgNumber,
    kind: v.kind,
    cityUnitType: v.kind === 'city_unit' ? v.cityUnitType! : null,
    membershipLevel: v.kind === 'integrationspakt_member' ? v.membershipLevel! : null,
    districtId: v.districtId ?? null,
    partnership:
      v.kind === 'integrationspakt_member' && v.membershipLevel === 'plus'
        ? {
            signedOn: v.partnershipSignedOn!,
            terms: v.partnershipTerms!,
            jobbspar: (v.jobbspar ?? '')
              .split('\n')
              .map((s) => s.trim())
              .filter(Boolean),
          }
        : null,
  }));

export type CreateOrganizationInput = z.infer<typeof createOrganizationSchema>;

export const organizationStatusSchema = z.object({
  intent: z.enum(['deactivate', 'reactivate']),
  organizationId: z.uuid(),
});

export const organizationFilterSchema = z.object({
  q: searchText(100).optional().catch(undefined),
  kind: z.enum(organizationKinds).optional().catch(undefined),
  membershipLevel: z.enum(membershipLevels).optional().catch(undefined),
  districtId: z.coerce.number().int().positive().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(1000).default(1).catch(1),
});
export type OrganizationFilter = z.infer<typeof organizationFilterSchema>;
