import { Body, Controller, type DynamicModule, Get, Injectable, Module, Post, Query } from '@nestjs/common';
import { IsEmail, IsInt, IsString, Length, Max, Min } from 'class-validator';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { AppModule } from '../../src/app.module';
import { Public } from '../../src/access/public.decorator';
import type { AppConfig } from '../../src/core/config/app-config';
import { NotFoundError, RateLimitedError } from '../../src/core/http/app-error';
import { PaginationQuery } from '../../src/core/http/pagination.dto';
import { MessageResponse, PaginatedResponse } from '../../src/core/http/responses';

class ProbeBody {
  @IsEmail() email: string;
  @IsString() @Length(1, 20) name: string;
  @IsInt() @Min(1) @Max(10) count: number;
}

@Injectable()
class ProbeService {
  constructor(@InjectPinoLogger('probe') private readonly logger: PinoLogger) {}

  handle(body: ProbeBody): ProbeBody {
    this.logger.info({ count: body.count }, 'probe.handled');
    return body;
  }
}

/** Routes that exercise the HTTP contract before any domain exists. Test-only. */
@Public()
@Controller('probe')
class ProbeController {
  constructor(private readonly service: ProbeService) {}

  @Post()
  create(@Body() body: ProbeBody): ProbeBody {
    return this.service.handle(body);
  }

  @Get('page')
  page(@Query() query: PaginationQuery): PaginatedResponse<number> {
    return new PaginatedResponse([1, 2], 2, query.skip, query.limit);
  }

  @Get('message')
  message(): MessageResponse {
    return new MessageResponse('Done');
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundError('Ticket');
  }

  @Get('limited')
  limited(): never {
    throw new RateLimitedError(7);
  }

  @Get('boom')
  boom(): never {
    throw new Error('relation "secret_table" does not exist at /srv/app/internal.ts:42');
  }
}

@Module({ controllers: [ProbeController], providers: [ProbeService] })
class ProbeModule {}

export const withContractFixture = (config: AppConfig): DynamicModule => ({
  module: class ContractFixtureRoot {},
  imports: [AppModule.forRoot(config), ProbeModule],
});
