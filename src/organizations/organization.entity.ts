import { Entity, Index } from 'typeorm';
import { BooleanColumn, VarcharColumn } from '../core/database/column-kinds';
import { TimestampedEntity } from '../core/database/columns';

/** A tenant. Every tenant-owned row points here through `organization_id`. */
@Entity('organizations')
export class Organization extends TimestampedEntity {
  @VarcharColumn(120) name: string;

  @Index({ unique: true })
  @VarcharColumn(80)
  slug: string;

  /** Owners and admins must use two-factor authentication; until they enrol they can do nothing else. */
  @BooleanColumn({ default: false }) requireTwoFactor: boolean;
}
