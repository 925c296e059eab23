import { Controller, Headers, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../access/public.decorator';
import { ApiErrorResponses, ApiMessageResponse } from '../../core/http/api-docs';
import { RawBody } from '../../core/http/raw-body';
import { MessageResponse } from '../../core/http/responses';
import { StripeWebhookReceiver } from './stripe-webhook-receiver';

/** Stripe's deliveries; public, authenticated by the signature instead. Its body is kept raw (see http-app). */
export const STRIPE_WEBHOOK_ROUTE = '/v1/billing/webhooks/stripe';

@ApiTags('billing')
@Public()
@Controller('billing/webhooks')
export class StripeWebhookController {
  constructor(private readonly receiver: StripeWebhookReceiver) {}

  @Post('stripe')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stripe webhook endpoint: verified, stored once and processed in the background' })
  @ApiHeader({ name: 'Stripe-Signature', required: true, schema: { type: 'string', maxLength: 1_000 } })
  @ApiBody({ schema: { type: 'object', description: 'A Stripe event, exactly as Stripe signed it' } })
  @ApiMessageResponse(200)
  @ApiErrorResponses(400, 404, 413, 415, 503)
  async receive(
    @RawBody() rawBody: Buffer | undefined,
    @Headers('stripe-signature') signature: string | undefined,
  ): Promise<MessageResponse> {
    await this.receiver.receive(rawBody, signature);
    return new MessageResponse('Event received');
  }
}
