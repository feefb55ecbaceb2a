import { roles } from '../auth/roles';
import { emailField, fitsInteger, MAX_INTEGER, requiredText, z } from '../forms/validation';

export const createUserSchema = z
  .object({
    name: requiredText('Ange namn', 120),
    email: emailField(),
    role: z.enum(roles, { error: 'Välj roll' }),
    jobbtorgId: z.coerce.number({ error: 'Välj Jobbtorg' }).int().positive().max(MAX_INTEGER, fitsInteger('Välj Jobbtorg')).optional(),
    organizationId: z.uuid({ error: 'Välj organisation' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.role === 'coach' && v.jobbtorgId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['jobbtorgId'], message: 'En jobbcoach måste höra till ett Jobbtorg' });
    }
    if (v.role === 'employer' && v.organizationId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['organizationId'], message: 'En arbetsgivarkontakt måste höra till en organisation' });
    }
  }, {
    // Also when name or e-mail failed, so every error is shown at once (needs a known role).
    when: (payload) => {
      const role: unknown = typeof payload.value === 'object' && payload.value !== null ? (payload.value as { role?: unknown }).role : undefined;
      return (roles as readonly unknown[]).includes(role);
    },
  })
  .transform((v) => ({
    ...v,
    jobbtorgId: v.role === 'coach' ? v.jobbtorgId! : null,
    organizationId: v.role === 'employer' ? v.organizationId! : null,
  }));

export type CreateUserInput = z.infer<typeof createUserSchema>;

export const userStatusSchema = z.object({
  intent: z.enum(['deactivate', 'reactivate', 'resend-invite']),
  userId: z.uuid(),
});
