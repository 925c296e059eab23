import { Column, JoinColumn, ManyToOne, type ObjectType } from 'typeorm';
import { snake } from './snake-naming.strategy';

/**
 * A uuid column holding a foreign key (put it on `ticketId`), with its many-to-one relation to
 * `target` (a class, or a table name) declared on `relation` (`ticket`); declare
 * `ticket?: Ticket` beside it only where code loads it. Deleting the referenced row deletes
 * this one or, with `nullable`, clears the column.
 */
export function ReferenceColumn(
  target: string | (() => ObjectType<unknown>),
  relation: string,
  { nullable = false }: { nullable?: boolean } = {},
): PropertyDecorator {
  return (entity, propertyKey) => {
    Column({ type: 'uuid', ...(nullable ? { nullable } : {}) })(entity, propertyKey);
    ManyToOne(target, { onDelete: nullable ? 'SET NULL' : 'CASCADE' })(entity, relation);
    JoinColumn({ name: snake(String(propertyKey)) })(entity, relation);
  };
}
