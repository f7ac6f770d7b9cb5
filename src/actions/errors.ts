// How a use case says that what it was given cannot be used.

/** A failure the person can fix (a file that cannot be read, a folder without archives): one line, no stack. */
export class InputError extends Error {}
