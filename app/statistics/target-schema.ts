/** The admin's forms for the statistics' targets and the suppression threshold (shared by page and action). */
import { optionalText, z } from '../forms/validation';
import { indicatorById, indicatorIds, targetSetters } from './indicators';

const valueField = z
  .string({ error: 'Ange målet' })
  .trim()
  .min(1, 'Ange målet')
  .regex(/^\d{1,7}([,.]\d{1,2})?$/, 'Ange målet som ett tal, till exempel 800 eller 5,5')
  .transform((v) => Number(v.replace(',', '.')));

export const targetSchema = z
  .object({
    intent: z.literal('save-target'),
    indicator: z.enum(indicatorIds, { error: 'Välj ett mått' }),
    year: z.coerce
      .number({ error: 'Ange ett år' })
      .int('Ange ett helt år')
      .min(2000, 'Ange ett år mellan 2000 och 2100')
      .max(2100, 'Ange ett år mellan 2000 och 2100'),
    setBy: z.enum(targetSetters, { error: 'Välj vem som satt målet' }),
    value: valueField,
    note: optionalText(200),
  })
  .superRefine((v, ctx) => {
    if (indicatorById[v.indicator].unit === 'share' && v.value > 100) ctx.addIssue({ code: 'custom', path: ['value'], message: 'En andel kan vara högst 100 %' });
  });

export const thresholdSchema = z.object({
  intent: z.literal('save-threshold'),
  threshold: z.coerce
    .number({ error: 'Ange en gräns' })
    .int('Ange ett heltal')
    .min(2, 'Gränsen måste vara mellan 2 och 50')
    .max(50, 'Gränsen måste vara mellan 2 och 50'),
});

export const deleteTargetSchema = z.object({ intent: z.literal('delete-target'), id: z.uuid({ error: 'Okänt mål' }) });
