/** A profile that cannot be recommended for; the message says what to do. Apart so front ends can name it without loading the engine. */
export class ProfileError extends Error {}

/** The shipped background model (models/background.bin) is not where the package keeps it. */
export class BackgroundMissingError extends Error {}
