import { z } from 'zod';
import { choice, requiredText } from '../http/fields';
import { MIN_PASSWORD_LENGTH } from './password';
import { ROLES } from './roles';

const email = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z
    .string({ message: 'The email address is required.' })
    .min(1, 'The email address is required.')
    .max(254, 'The email address is too long.')
    .email('The email address is not valid.'),
);

// Passwords are taken as typed: no trimming, no control-character stripping.
const password = z
  .string({ message: 'The password is required.' })
  .min(1, 'The password is required.')
  .max(1000, 'The password must be at most 1000 characters.');

export const loginSchema = z.object({
  email,
  password,
  next: z.string().max(2000).optional().catch(undefined),
});

export const newPasswordSchema = password.min(MIN_PASSWORD_LENGTH, `The password must be at least ${MIN_PASSWORD_LENGTH} characters.`);

export const newUserSchema = z.object({
  email,
  display_name: requiredText(200, 'The name'),
  role: choice(ROLES, 'The role'),
  password: newPasswordSchema,
});

export const userAccessSchema = z.object({
  role: choice(ROLES, 'The role'),
  status: choice(['active', 'disabled'] as const, 'The status'),
});

export const newTokenSchema = z.object({
  name: requiredText(100, 'The name'),
});
