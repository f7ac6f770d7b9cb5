// How a use case says that what it was given cannot be used; front ends turn these into their
// own form (a line on stderr, an HTTP status).

/** A failure the person can fix (a file that cannot be read, an author not in the library): one line, no stack. */
export class InputError extends Error {
  /** `about` names the input at fault (`author`, `name`), for front ends that point at fields. */
  constructor(
    message: string,
    readonly about?: string,
  ) {
    super(message);
  }
}

/** What was named does not exist (a profile, a listing). */
export class NotFoundError extends InputError {}

/** What was to be made exists already (a profile of that name). */
export class ConflictError extends InputError {}
