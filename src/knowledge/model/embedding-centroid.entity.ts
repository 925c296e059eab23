import { Entity } from 'typeorm';
import { BytesColumn, IntegerColumn, VarcharColumn } from '../../core/database/column-kinds';
import { OrganizationColumn } from '../../core/database/organization-column';

/** One list's centroid of an organization's partition: a unit vector as little-endian float32, like the chunks'. */
@Entity('embedding_centroids')
export class EmbeddingCentroid {
  @OrganizationColumn({ primary: true }) organizationId: string;

  @VarcharColumn(200, { primary: true }) model: string;

  @IntegerColumn({ primary: true }) dimensions: number;

  @IntegerColumn({ primary: true }) list: number;

  @BytesColumn() vector: Buffer;
}
