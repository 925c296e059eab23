/**
 * A provider-neutral token estimate: about four characters per token for English text. Good
 * enough to bound what we send; the providers count exactly and report it as usage.
 */
export const estimateTokens = (text: string): number => Math.ceil(text.length / 4);
