import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '../access/actor';
import { CurrentActor } from '../access/current-actor.decorator';
import { Roles } from '../access/roles.decorator';
import { ApiDataResponse, ApiErrorResponses } from '../core/http/api-docs';
import { BillingService } from './billing.service';
import { BillingView, RedirectView } from './billing.view';
import { CheckoutDto } from './dto/checkout.dto';

@ApiTags('billing')
@ApiErrorResponses(401, 403)
@Controller('billing')
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'The plan that applies, the subscription, and each limit with its usage' })
  @ApiDataResponse(BillingView)
  overview(@CurrentActor() actor: Actor): Promise<BillingView> {
    return this.billing.overview(actor);
  }

  @Post('checkout')
  @Roles('owner')
  @ApiOperation({ summary: 'A Stripe Checkout page to subscribe to a plan; open its url' })
  @ApiDataResponse(RedirectView, 201)
  @ApiErrorResponses(409, 422, 503)
  checkout(@CurrentActor() actor: Actor, @Body() body: CheckoutDto): Promise<RedirectView> {
    return this.billing.checkout(actor, body.plan);
  }

  @Post('portal')
  @Roles('owner')
  @ApiOperation({ summary: 'The Stripe Customer Portal, to change the plan or the card, or cancel; open its url' })
  @ApiDataResponse(RedirectView, 201)
  @ApiErrorResponses(409, 503)
  portal(@CurrentActor() actor: Actor): Promise<RedirectView> {
    return this.billing.portal(actor);
  }
}
