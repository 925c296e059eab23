import { Module } from '@nestjs/common';
import { AppConfig } from '../core/config/app-config';
import { createStripeClient, STRIPE } from './stripe-client';

/** The Stripe client (or null while billing is off), for the API and the worker. */
@Module({
  providers: [{ provide: STRIPE, inject: [AppConfig], useFactory: createStripeClient }],
  exports: [STRIPE],
})
export class StripeModule {}
