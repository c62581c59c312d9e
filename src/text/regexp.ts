/**
 * A string matched literally inside a regular expression: every character with a meaning in a
 * pattern is escaped.
 *
 * @example new RegExp(escapeRegExp('U.S. (AP)')).test('the U.S. (AP) report') // true
 */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
