import { Column, type ColumnOptions } from 'typeorm';

/** Everything a column may add to its kind: nullable, default, select... */
type ColumnExtras = Omit<ColumnOptions, 'type' | 'length'>;

// One decorator per kind of column the schema uses, so an entity reads as its table.

export const UuidColumn = (extras: ColumnExtras = {}): PropertyDecorator => Column({ type: 'uuid', ...extras });

export const TextColumn = (extras: ColumnExtras = {}): PropertyDecorator => Column({ type: 'text', ...extras });

export const IntegerColumn = (extras: ColumnExtras = {}): PropertyDecorator => Column({ type: 'integer', ...extras });

export const BooleanColumn = (extras: ColumnExtras = {}): PropertyDecorator => Column({ type: 'boolean', ...extras });

/** A point in time, stored with its zone (`timestamptz`). */
export const TimestampColumn = (extras: ColumnExtras = {}): PropertyDecorator =>
  Column({ type: 'timestamptz', ...extras });

/** Raw bytes (`bytea`): file contents, vectors as little-endian float32. */
export const BytesColumn = (extras: ColumnExtras = {}): PropertyDecorator => Column({ type: 'bytea', ...extras });

export const VarcharColumn = (length: number, extras: ColumnExtras = {}): PropertyDecorator =>
  Column({ type: 'varchar', length, ...extras });

/** A SHA-256 digest in hex: how tokens, secrets and contents are kept and compared. */
export const HashColumn = (extras: ColumnExtras = {}): PropertyDecorator =>
  Column({ type: 'char', length: 64, ...extras });
