/**
 * Event clustering: the public API of the stories stage.
 *
 * @example
 * import { StoryClusterer, arrivalOrder } from './cluster/index.js';
 * const c = new StoryClusterer();
 * for (const a of arrivalOrder(articles)) c.add(a, { copyOf: dedupeTarget(a) });
 * c.stories();
 */
export {
  StoryClusterer,
  DEFAULT_CLUSTER_OPTIONS,
  type ClusterOptions,
  type ClustererState,
  type StoryState,
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
export { Vocabulary } from './vocab.js';
export { arrivalOrder } from './order.js';
