/**
 * The forms of matching and the placement pipeline, shared by the pages and the services. Pure.
 */
import { todayInStockholm } from '../dates';
import { storableDate, z } from '../forms/validation';
import { declineReasons, endReasons, followUpOutcomes, withdrawReasons } from './match-rules';

const isoDate = (empty: string) => storableDate({ error: (iss) => (iss.input === undefined || iss.input === '' ? empty : 'Ange ett datum som ÅÅÅÅ-MM-DD') });
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Högst ${max} tecken`)
    .optional()
    .transform((v) => (v ? v : null));
const uuid = (message: string) => z.string({ error: message }).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, message);

export const idParam = z.object({ id: uuid('Okänt id') });

/** A coach proposes an aspirant for an opening; the message goes to the employer as written. */
export const proposeSchema = z.object({
  openingId: uuid('Välj en plats'),
  aspirantId: uuid('Välj en aspirant'),
  message: optionalText(2000),
});
export type ProposeInput = z.output<typeof proposeSchema>;

/** Every step of the pipeline, one form per target status. */
export const moveSchema = z.discriminatedUnion(
  'to',
  [
    z.object({ to: z.literal('reviewed'), note: optionalText(2000) }),
    z.object({
      to: z.literal('interview'),
      interviewDate: isoDate('Ange dag för intervjun').refine((d) => d >= todayInStockholm(), 'Intervjun kan inte bokas bakåt i tiden'),
      interviewTime: z.string({ error: 'Ange tid för intervjun' }).regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, 'Ange tid som TT:MM, till exempel 09:30'),
      interviewPlace: z.string({ error: 'Ange var intervjun hålls' }).trim().min(1, 'Ange var intervjun hålls').max(300, 'Högst 300 tecken'),
      note: optionalText(2000),
    }),
    z.object({ to: z.literal('offer'), note: optionalText(2000) }),
    z.object({
      to: z.literal('placed'),
      startDate: isoDate('Ange startdatum'),
      endDate: isoDate('Ange slutdatum'),
      supervisorEmail: z
        .string()
        .trim()
        .toLowerCase()
        .optional()
        .transform((v) => (v ? v : null))
        .pipe(z.email({ error: 'Ange en giltig e-postadress, till exempel namn@exempel.se' }).max(254).nullable()),
    }),
    z.object({
      to: z.literal('ended'),
      endDate: isoDate('Ange sista dagen'),
      endReason: z.enum(endReasons, { error: 'Välj hur placeringen slutade' }),
    }),
    z.object({
      to: z.literal('declined'),
      reason: z.enum(declineReasons, { error: 'Välj ett skäl' }),
      comment: optionalText(1000),
    }),
    z.object({
      to: z.literal('withdrawn'),
      reason: z.enum(withdrawReasons, { error: 'Välj ett skäl' }),
      comment: optionalText(1000),
    }),
  ],
  { error: 'Okänt steg' },
).superRefine((input, ctx) => {
  if (input.to === 'placed' && input.endDate < input.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Slutdatum kan inte vara före startdatum' });
  }
});
export type MoveInput = z.output<typeof moveSchema>;

export const followUpSchema = z
  .object({
    followUpId: uuid('Okänd uppföljning'),
    outcome: z.enum(followUpOutcomes, { error: 'Välj vad personen gör nu' }),
    employerOrganizationId: z
      .string()
      .optional()
      .transform((v) => (v ? v : null))
      .pipe(uuid('Välj en organisation i listan').nullable()),
  })
  .superRefine((input, ctx) => {
    if (input.employerOrganizationId && input.outcome !== 'arbete') {
      ctx.addIssue({ code: 'custom', path: ['employerOrganizationId'], message: 'Arbetsgivare anges bara när personen arbetar' });
    }
  });
export type FollowUpInput = z.output<typeof followUpSchema>;
