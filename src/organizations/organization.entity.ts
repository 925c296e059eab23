import { Column, Entity, Index } from 'typeorm';
import { TimestampedEntity } from '../core/database/columns';

/** A tenant. Every tenant-owned row points here through `organization_id`. */
@Entity('organizations')
export class Organization extends TimestampedEntity {
  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 80 })
  slug: string;

  /** Owners and admins must use two-factor authentication; until they enrol they can do nothing else. */
  @Column({ type: 'boolean', default: false })
  requireTwoFactor: boolean;
}
