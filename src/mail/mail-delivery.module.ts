import { Module } from '@nestjs/common';
import { MailProcessor } from './mail.processor';

/** The worker side of mail: renders and sends what the API recorded. */
@Module({ providers: [MailProcessor] })
export class MailDeliveryModule {}
