import { Module } from '@nestjs/common';
import { QueueDashboard } from './queue-dashboard';

/** The operators' queue dashboard (API process only). */
@Module({ providers: [QueueDashboard] })
export class QueueDashboardModule {}
