/**
 * The text-search configuration of chunks and queries. Indexing and searching must use the same
 * one, or queries stop matching: changing it means re-indexing every document.
 */
export const SEARCH_LANGUAGE = 'english';
