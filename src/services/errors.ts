/**
 * Errors a person can act on. Services throw them; the bot turns each into one localized
 * sentence (`errors-<code>`), so a refusal never leaves the user guessing.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? code);
    this.name = new.target.name;
  }
}

/** The actor may not do this: wrong role, another school, someone else's child. */
export class NotAllowed extends DomainError {
  constructor(message?: string) {
    super("not-allowed", message);
  }
}

export class NotFound extends DomainError {
  constructor(message?: string) {
    super("not-found", message);
  }
}

export type InviteProblem = "unknown" | "expired" | "used" | "revoked" | "own" | "wrong-kind" | "already-linked" | "pupil";

/** An invite that cannot be used, and why. */
export class InviteUnavailable extends DomainError {
  constructor(readonly reason: InviteProblem) {
    super(`invite-${reason}`);
  }
}

export class InvalidInput extends DomainError {
  constructor(readonly field: string) {
    super("invalid-input", `invalid ${field}`);
  }
}
