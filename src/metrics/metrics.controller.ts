import { Controller, Get, Res, UseGuards, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../access/public.decorator';
import { Metrics } from '../core/metrics/metrics';
import { MetricsTokenGuard } from './metrics-token.guard';

/** Prometheus exposition on the main port, behind the operator's token (not a tenant's). */
@ApiExcludeController()
@Public()
@UseGuards(MetricsTokenGuard)
@Controller({ path: 'metrics', version: VERSION_NEUTRAL })
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  /** Prometheus text, not the JSON envelope: the handler writes the reply itself. */
  @Get()
  async scrape(@Res() reply: FastifyReply): Promise<void> {
    const { contentType, body } = await this.metrics.exposition();
    await reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  }
}
