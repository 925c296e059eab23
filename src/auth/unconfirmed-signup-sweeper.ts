import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import { DataSource, LessThan } from 'typeorm';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { PeriodicPass } from '../core/lifecycle/periodic-pass';
import { Organization } from '../organizations/organization.entity';
import { organizationIds } from '../organizations/organization-ids';
import { User } from '../users/user.entity';

const SWEEP_INTERVAL_MS = 3_600_000;

/**
 * A signup whose link expired unused leaves an organization nobody can enter. The worker
 * removes those once an hour (with everything under them), organization by organization.
 */
@Injectable()
export class UnconfirmedSignupSweeper implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly periodic = new PeriodicPass(
    () => this.sweepAll(),
    (error) => this.logger.warn({ err: error }, 'auth.signup_sweep_failed'),
  );

  constructor(
    private readonly dataSource: DataSource,
    private readonly tenant: TenantTransaction,
    @InjectPinoLogger('signup-sweeper') private readonly logger: PinoLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.periodic.start(SWEEP_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    this.periodic.stop();
  }

  /** One pass (none while another runs). Returns how many organizations it removed. */
  runOnce(): Promise<number> {
    return this.periodic.runOnce();
  }

  private async sweepAll(): Promise<number> {
    let removed = 0;
    for await (const id of organizationIds(this.dataSource)) if (await this.sweep(id)) removed++;
    return removed;
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
