import { Global, Module } from '@nestjs/common';
import { Mailer } from './mailer';

/** The producer side of mail, available to every domain that announces something by mail. */
@Global()
@Module({ providers: [Mailer], exports: [Mailer] })
export class MailModule {}
