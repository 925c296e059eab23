import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource, LessThan } from 'typeorm';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { Organization } from '../organizations/organization.entity';
import { PeriodicSweep } from '../organizations/periodic-sweep';
import { User } from '../users/user.entity';

const SWEEP_INTERVAL_MS = 3_600_000;

/**
 * A signup whose link expired unused leaves an organization nobody can enter. The worker
 * removes those once an hour (with everything under them), organization by organization.
 */
@Injectable()
export class UnconfirmedSignupSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly passes: PeriodicSweep;

  constructor(
    dataSource: DataSource,
    private readonly tenant: TenantTransaction,
    @InjectPinoLogger('signup-sweeper') private readonly logger: PinoLogger,
  ) {
    this.passes = new PeriodicSweep(
      dataSource,
      async (id) => Number(await this.sweep(id)),
      logger,
      'auth.signup_sweep_failed',
    );
  }

  onApplicationBootstrap(): void {
    this.passes.start(SWEEP_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    this.passes.stop();
  }

  /** One pass; overlapping passes are skipped. Returns how many organizations it removed. */
  runOnce(): Promise<number> {
    return this.passes.runOnce();
  }

  private sweep(organizationId: string): Promise<boolean> {
    return this.tenant.run(organizationId, async (manager) => {
      // An unconfirmed owner is the only user such an organization can have; the lock settles a
      // confirmation arriving at the same moment.
      const expired = await manager.getRepository(User).findOne({
        where: { organizationId, status: 'unconfirmed', signupConfirmationExpiresAt: LessThan(new Date()) },
        lock: { mode: 'pessimistic_write' },
      });
      if (!expired) return false;
      await manager.getRepository(Organization).delete({ id: organizationId });
      this.logger.info({ organizationId }, 'auth.unconfirmed_signup_removed');
      return true;
    });
  }
}
