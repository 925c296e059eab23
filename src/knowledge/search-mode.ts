/** How a search ranks: by words, by meaning (embeddings), or both fused. */
export const SEARCH_MODES = ['lexical', 'semantic', 'hybrid'] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];

/** Why a search answered lexically although it asked for meaning. */
export type SearchFallback = 'embedding_unavailable' | 'embedding_not_configured';
