import { Column, JoinColumn, ManyToOne, OneToOne, type ObjectType, PrimaryColumn } from 'typeorm';
import { snake } from './snake-naming.strategy';

export interface ReferenceOptions {
  /** Deleting the referenced row clears the column instead of deleting this row. */
  nullable?: boolean;
  /** The column is (part of) this table's primary key. */
  primary?: boolean;
  /** At most one row references each target row (a one-to-one relation). */
  oneToOne?: boolean;
}

/**
 * A uuid column holding a foreign key (put it on `ticketId`), with its many-to-one relation to
 * `target` (a class, or a table name) declared on `relation` (`ticket`); declare
 * `ticket?: Ticket` beside it only where code loads it. Deleting the referenced row deletes
 * this one or, with `nullable`, clears the column.
 */
export function ReferenceColumn(
  target: string | (() => ObjectType<unknown>),
  relation: string,
  { nullable = false, primary = false, oneToOne = false }: ReferenceOptions = {},
): PropertyDecorator {
  return (entity, propertyKey) => {
    const column = primary ? PrimaryColumn('uuid') : Column({ type: 'uuid', ...(nullable ? { nullable } : {}) });
    column(entity, propertyKey);
    (oneToOne ? OneToOne : ManyToOne)(target, { onDelete: nullable ? 'SET NULL' : 'CASCADE' })(entity, relation);
    JoinColumn({ name: snake(String(propertyKey)) })(entity, relation);
  };
}
