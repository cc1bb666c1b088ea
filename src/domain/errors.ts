/**
 * A request that breaks a rule of the claim graph (a duplicate link, a delete that others depend on).
 * `field` names the form field to show the message next to, when there is one.
 */
export class RuleViolation extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'RuleViolation';
  }
}

/** Something was not found. Routes turn it into a 404. */
export class NotFound extends Error {
  constructor(message = 'Not found') {
    super(message);
    this.name = 'NotFound';
  }
}

/** An edit started from an older version than the one stored. */
export class VersionConflict extends Error {
  constructor(readonly currentVersion: number) {
    super('This record was changed by someone else since you opened it.');
    this.name = 'VersionConflict';
  }
}
