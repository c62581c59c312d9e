/**
 * Entities stage: proper-name mentions (people, organisations, places) with offsets, roles and
 * affiliations, and descriptions standing for them ("the woman", `kind: 'description'`);
 * resolution of name variants and descriptions into canonical entities; keys for clustering.
 *
 * @example
 * const mentions = extractMentions(article);
 * const resolver = new EntityResolver();
 * const ids = resolver.add(mentions, { storyId });   // Map<Mention, entity id> (names; descriptions with { descriptions: true })
 * resolver.entities();                               // Entity[] with variants, roles, affiliations
 * entityKeys(article);                               // ["g:country:IRN", "p:hsn|dkn", "s:dkn", …]
 */
export type { Entity, EntityType, Mention, Variant } from './types.js';
export { entityText, extractMentions, extractMentionsFromText } from './extract.js';
export { EntityResolver, entityKey, entityKeyCounts, entityKeys, resolveMentions, type Resolution, type ResolverState } from './resolve.js';
export { lookupPlace, demonymCountry, type Place } from './gazetteer.js';
// name lexicon, for stages that read names without resolving them (clustering's event slots)
export { isGivenName } from './names.js';
// name matching, for stages that compare names without resolving them (citations in briefs)
export { skeleton } from './names.js';
export { NAME_SUFFIXES, ORG_WORDS, PLACE_WORDS } from './lexicon.js';
