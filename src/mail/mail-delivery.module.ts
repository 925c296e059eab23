import { Module } from '@nestjs/common';
import { MailReconciler } from './mail-reconciler';
import { MailProcessor } from './mail.processor';

/** The worker side of mail: renders and sends what the API recorded, and queues what never reached the queue. */
@Module({ providers: [MailProcessor, MailReconciler] })
export class MailDeliveryModule {}
