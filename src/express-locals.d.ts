// What the middleware puts on `res.locals`, so route code reads it typed instead of as `any`.
import type { CurrentUser } from './accounts/roles';
import type { Locale } from './messages';

declare global {
  namespace Express {
    interface Locals {
      /** The interface language, chosen by src/http/locale.ts. */
      locale: Locale;
      /** The signed-in newsroom user (session or API token), or null for a reader. */
      user: CurrentUser | null;
      /** How the user was identified: a session cookie, an API token, or not at all. */
      authVia: 'session' | 'token' | null;
      sessionId: string | null;
      /** The CSRF token forms must echo; null for API token requests. */
      csrfToken: string | null;
      canonicalUrl: string;
      currentPath: string;
      backPath: string;
    }
  }
}
