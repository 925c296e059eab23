import { formatPassage } from '../prompt/build-prompt';
import type { AnswerRequest } from '../prompt/prompt';
import type { AnswerPart, AnswerProvider } from './answer-provider';

export const EXTRACTIVE_INTRO =
  'No language model is configured, so this is not a generated answer. These passages of your knowledge base best match the question:';
export const EXTRACTIVE_NOTHING_FOUND =
  'No language model is configured, and no passage of your knowledge base matches the question.';

/** No model: the retrieved passages themselves, plainly introduced as such, one delta each. */
export class ExtractiveProvider implements AnswerProvider {
  // eslint-disable-next-line @typescript-eslint/require-await -- an async generator, like the providers that do await
  async *stream(request: AnswerRequest, signal: AbortSignal): AsyncGenerator<AnswerPart> {
    if (request.passages.length === 0) {
      yield { type: 'text', text: EXTRACTIVE_NOTHING_FOUND };
    } else {
      yield { type: 'text', text: EXTRACTIVE_INTRO };
      for (const [index, passage] of request.passages.entries()) {
        if (signal.aborted) return;
        yield { type: 'text', text: `\n\n${formatPassage(passage, index)}` };
      }
    }
    if (!signal.aborted) yield { type: 'finish', finishReason: 'stop', usage: null };
  }
}
