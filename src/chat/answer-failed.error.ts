import { AppError } from '../core/http/app-error';
import { PROVIDER_FAILURES, type ProviderFailureCode } from './providers/provider-failure';

/** The whole-answer route's form of a provider failure; the stream sends it as an `error` event instead. */
export class AnswerFailedError extends AppError {
  readonly status = 503;
  readonly code = 'service_unavailable';

  constructor(readonly reason: ProviderFailureCode) {
    super(PROVIDER_FAILURES[reason]);
  }
}
