import { z } from 'zod';
import { choice, requiredText } from '../http/fields';
import { MIN_PASSWORD_LENGTH } from './password';
import { ROLES } from './roles';
import { english } from '../http/localized';

const email = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
  z
    .string({ message: english('account.invalid.emailRequired') })
    .min(1, english('account.invalid.emailRequired'))
    .max(254, english('account.invalid.emailTooLong'))
    .email(english('account.invalid.email')),
);

// Passwords are taken as typed: no trimming, no control-character stripping.
const password = z
  .string({ message: english('account.invalid.passwordRequired') })
  .min(1, english('account.invalid.passwordRequired'))
  .max(1000, english('account.invalid.passwordTooLong'));

export const loginSchema = z.object({
  email,
  password,
  next: z.string().max(2000).optional().catch(undefined),
});

export const newPasswordSchema = password.min(
  MIN_PASSWORD_LENGTH,
  english('account.invalid.passwordTooShort', { min: String(MIN_PASSWORD_LENGTH) }),
);

export const newUserSchema = z.object({
  email,
  display_name: requiredText(200, 'field.name'),
  role: choice(ROLES, 'field.user.role'),
  password: newPasswordSchema,
});

export const userAccessSchema = z.object({
  role: choice(ROLES, 'field.user.role'),
  status: choice(['active', 'disabled'] as const, 'field.user.status'),
});

export const newTokenSchema = z.object({
  name: requiredText(100, 'field.name'),
});
