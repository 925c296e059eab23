import type { FindOptionsWhere, ObjectLiteral, Repository } from 'typeorm';
import { NotFoundError } from '../http/app-error';

/**
 * The one row matching `where`, or `NotFoundError(thing)`. `lock` holds it (FOR UPDATE) until
 * the transaction ends, for a read-modify-write that must not interleave with another.
 * `where` carries the organization filter: another tenant's row and a missing one read the same.
 */
export async function findOr404<E extends ObjectLiteral>(
  repository: Repository<E>,
  where: FindOptionsWhere<E>,
  thing: string,
  { lock = false }: { lock?: boolean } = {},
): Promise<E> {
  const row = await repository.findOne({ where, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!row) throw new NotFoundError(thing);
  return row;
}

/** Deletes the rows matching `where`, or raises `NotFoundError(thing)` when there were none. */
export async function deleteOr404<E extends ObjectLiteral>(
  repository: Repository<E>,
  where: FindOptionsWhere<E>,
  thing: string,
): Promise<void> {
  const { affected } = await repository.delete(where);
  if (!affected) throw new NotFoundError(thing);
}
