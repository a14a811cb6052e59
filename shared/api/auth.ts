import { z } from 'zod';

/** Input of `auth.login`; apart from the contract so the login screen does not load every schema. */
export const loginInputSchema = z.object({
  login: z.string().trim().toLowerCase().min(1, 'Saisissez votre identifiant').max(40),
  password: z.string().min(1, 'Saisissez votre mot de passe').max(200),
});
