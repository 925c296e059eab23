import { Entity } from 'typeorm';
import { IntegerColumn, TimestampColumn, VarcharColumn } from '../../core/database/column-kinds';
import { OrganizationColumn } from '../../core/database/organization-column';

/**
 * The coarse partition of one organization's vectors of one model and length: how many lists
 * it has, how many vectors it was trained on (the worker retrains when the organization has
 * doubled or halved since), and its generation (bumped by each training, so a process's cached
 * centroids know when they are stale). Its centroids are `embedding_centroids`.
 */
@Entity('embedding_partitions')
export class EmbeddingPartition {
  @OrganizationColumn({ primary: true }) organizationId: string;

  @VarcharColumn(200, { primary: true }) model: string;

  @IntegerColumn({ primary: true }) dimensions: number;

  @IntegerColumn() lists: number;

  @IntegerColumn() trainedOn: number;

  @IntegerColumn() generation: number;

  @TimestampColumn() trainedAt: Date;
}
