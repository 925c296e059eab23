import type { FindManyOptions, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import type { PaginationQuery } from '../http/pagination.dto';
import { pageOf, type PaginatedResponse } from '../http/responses';

/** One page of the rows `find` selects (its `where` and `order`), each shown through `view`, with their total. */
export async function findPage<E extends ObjectLiteral, V>(
  repository: Repository<E>,
  find: Omit<FindManyOptions<E>, 'skip' | 'take'>,
  page: PaginationQuery,
  view: (row: E) => V,
): Promise<PaginatedResponse<V>> {
  const [rows, total] = await repository.findAndCount({ ...find, skip: page.skip, take: page.limit });
  return pageOf(rows, total, page, view);
}

/** The same for a query builder that already carries its filters and ordering. */
export async function queryPage<E extends ObjectLiteral, V>(
  builder: SelectQueryBuilder<E>,
  page: PaginationQuery,
  view: (row: E) => V,
): Promise<PaginatedResponse<V>> {
  const [rows, total] = await builder.skip(page.skip).take(page.limit).getManyAndCount();
  return pageOf(rows, total, page, view);
}
