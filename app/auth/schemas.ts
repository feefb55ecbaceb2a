import { emailField, newPasswordField, z } from '../forms/validation';

export const loginSchema = z.object({
  email: emailField('Ange din e-postadress'),
  password: z.string({ error: 'Ange ditt lösenord' }).min(1, 'Ange ditt lösenord').max(200, 'Lösenordet är för långt'),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({
  email: emailField('Ange din e-postadress'),
});

export const newPasswordSchema = z
  .object({
    password: newPasswordField(),
    confirm: z.string({ error: 'Upprepa lösenordet' }),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'Lösenorden är inte likadana' });

export const changePasswordSchema = z
  .object({
    current: z.string({ error: 'Ange ditt nuvarande lösenord' }).min(1, 'Ange ditt nuvarande lösenord'),
    password: newPasswordField(),
    confirm: z.string({ error: 'Upprepa det nya lösenordet' }),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'Lösenorden är inte likadana' });
