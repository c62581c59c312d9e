/**
 * Event clustering: the public API of the stories stage.
 *
 * @example
 * import { StoryClusterer, arrivalOrder } from './cluster/index.js';
 * import { DedupeIndex, copyTarget } from './dedupe/index.js';
 * const dedupe = new DedupeIndex();
 * const stories = new StoryClusterer();
 * for (const a of arrivalOrder(articles)) stories.add(a, { copyOf: copyTarget(dedupe.add(a)) });
 * stories.consolidate(); // only at the end of a finished batch (evaluation, recluster)
 * stories.stories();     // [{ id: 'a1', members: ['a1', 'a7'] }, …]
 */
export {
  StoryClusterer,
  DEFAULT_CLUSTER_OPTIONS,
  type ClusterOptions,
  type ClustererState,
  type StoryState,
  type StoryMerge,
  type AddResult,
  type AddExtra,
} from './clusterer.js';
export {
  featurize,
  extractNames,
  sStem,
  normalizeNumber,
  timeOf,
  DEFAULT_FEATURE_WEIGHTS,
  type ArticleFeatures,
  type FeaturizeOptions,
  type FeatureWeights,
} from './features.js';
export { Vocabulary, featureHash, bucketOf, FEATURE_BITS, FEATURE_BUCKETS, type VocabularyState } from './vocab.js';
export { arrivalOrder } from './order.js';
