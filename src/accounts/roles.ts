// Who may do what. Routes ask these questions; nothing else decides.

export const ROLES = ['admin', 'editor', 'reporter'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user as the request sees it (res.locals.user). */
export interface CurrentUser {
  id: number;
  email: string;
  display_name: string;
  role: Role;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Editors and admins publish, retract and rate; reporters write drafts. */
export function canPublish(role: Role): boolean {
  return role === 'editor' || role === 'admin';
}

/** Anyone signed in sees drafts; readers (no user) see published and retracted records only. */
export function seesDrafts(user: CurrentUser | null | undefined): boolean {
  return !!user;
}
