/**
 * A count with its noun, for messages and pages: "1 article", "3 articles", "2 people".
 *
 * @example plural(1, 'outlet') // '1 outlet'
 * @example plural(2, 'person', 'people') // '2 people'
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
