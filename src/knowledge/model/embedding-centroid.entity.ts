import { Column, Entity, PrimaryColumn } from 'typeorm';
import { OrganizationColumn } from '../../core/database/organization-column';

/** One list's centroid of an organization's partition: a unit vector as little-endian float32, like the chunks'. */
@Entity('embedding_centroids')
export class EmbeddingCentroid {
  @OrganizationColumn({ primary: true }) organizationId: string;

  @PrimaryColumn({ type: 'varchar', length: 200 })
  model: string;

  @PrimaryColumn({ type: 'integer' })
  dimensions: number;

  @PrimaryColumn({ type: 'integer' })
  list: number;

  @Column({ type: 'bytea' })
  vector: Buffer;
}
