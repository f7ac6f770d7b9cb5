// Reading fields of parsed JSON (API responses), where any field may be missing or of another type.
import { squeeze } from './clean-text.ts';

export type Fields = Record<string, unknown>;

export function isObject(value: unknown): value is Fields {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value);
}

/** A string field, squeezed; undefined when it is not a string or holds only spaces. */
export function textField(value: unknown): string | undefined {
  return typeof value === 'string' ? squeeze(value) || undefined : undefined;
}

/** A link that is a web address (not a path, a `file:` or `javascript:` URL). */
export function webUrl(url: string | undefined): string | undefined {
  return url && /^https?:\/\//i.test(url) ? url : undefined;
}
