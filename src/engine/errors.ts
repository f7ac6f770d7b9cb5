/** A profile that cannot be recommended for; the message says what to do. Apart so front ends can name it without loading the engine. */
export class ProfileError extends Error {}
