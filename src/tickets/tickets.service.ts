import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { EntityManager } from 'typeorm';
import { actorId, type Actor } from '../access/actor';
import { newId } from '../core/database/columns';
import { deleteOr404, findOr404 } from '../core/database/find-or-404';
import { findPage } from '../core/database/paginate';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { ConflictError, ValidationFailedError } from '../core/http/app-error';
import type { PaginationQuery } from '../core/http/pagination.dto';
import { type PaginatedResponse, pageOf } from '../core/http/responses';
import { User } from '../users/user.entity';
import type { CreateCommentDto } from './dto/create-comment.dto';
import type { CreateTicketDto } from './dto/create-ticket.dto';
import type { ListTicketsQuery } from './dto/list-tickets.query';
import type { UpdateTicketDto } from './dto/update-ticket.dto';
import { TicketComment } from './ticket-comment.entity';
import { INSERT_TICKET } from './ticket-insert.sql';
import { TICKET_ROW_COLUMNS, type TicketRow, ticketListSql } from './ticket-list.sql';
import { applyStatus, type TicketState } from './ticket-status';
import { Ticket } from './ticket.entity';
import { type CommentView, toCommentView, toTicketView, type TicketView } from './ticket.view';

const STALE_VERSION = 'The ticket was changed since you read it; reload and try again';

/** Tickets and their comments. All work runs in the actor's tenant transaction (RLS) and filters on its organization. */
@Injectable()
export class TicketsService {
  constructor(
    private readonly tenant: TenantTransaction,
    @InjectPinoLogger('tickets') private readonly logger: PinoLogger,
  ) {}

  async create(actor: Actor, input: CreateTicketDto): Promise<TicketView> {
    const state: TicketState = { status: 'open', resolvedAt: null, closedAt: null };
    applyStatus(state, input.status ?? 'open');
    // A hot path: one statement (assignee check, counter and insert) in one round trip, a plain row back.
    const [[ticket]] = (await this.tenant.batch(actor.organizationId, {
      sql: INSERT_TICKET,
      parameters: [
        newId(),
        actor.organizationId,
        input.subject,
        input.description ?? '',
        state.status,
        input.priority ?? 'normal',
        input.requesterEmail ?? null,
        input.assigneeId ?? null,
        input.tags ?? [],
        actorId(actor),
        state.resolvedAt,
        state.closedAt,
      ],
    })) as [TicketRow[]];
    if (!ticket) throw notAssignable();
    this.logger.info({ ticketId: ticket.id, number: ticket.number }, 'ticket.created');
    return toTicketView(ticket);
  }

  async list(actor: Actor, query: ListTicketsQuery): Promise<PaginatedResponse<TicketView>> {
    // A hot path: SQL text and plain rows, no query builder and no entity hydration; the page and
    // its total (apart: a window count over the page would read every row of the organization)
    // leave together, in one round trip.
    const { where, orderBy, parameters } = ticketListSql(actor, query);
    const n = parameters.length;
    const [tickets, [{ total }]] = (await this.tenant.batch(
      actor.organizationId,
      {
        sql: `SELECT ${TICKET_ROW_COLUMNS} FROM tickets t WHERE ${where} ORDER BY ${orderBy} LIMIT $${n + 1} OFFSET $${n + 2}`,
        parameters: [...parameters, query.limit, query.skip],
      },
      { sql: `SELECT COUNT(*)::int AS total FROM tickets t WHERE ${where}`, parameters },
    )) as [TicketRow[], Array<{ total: number }>];
    return pageOf(tickets, total, query, toTicketView);
  }

  get(actor: Actor, id: string): Promise<TicketView> {
    return this.tenant.run(actor.organizationId, async (manager) => toTicketView(await this.find(manager, actor, id)));
  }

  /** Applies the changes if `version` is still current; a stale version is 409 and changes nothing. */
  update(actor: Actor, id: string, input: UpdateTicketDto): Promise<TicketView> {
    return this.tenant.run(actor.organizationId, async (manager) => {
      const ticket = await this.find(manager, actor, id, true);
      const { version, status, ...changes } = input;
      if (ticket.version !== version) throw new ConflictError(STALE_VERSION);
      if (changes.assigneeId) await this.assertAssignable(manager, actor, changes.assigneeId);
      Object.assign(ticket, changes);
      if (status) applyStatus(ticket, status);
      const saved = await manager.getRepository(Ticket).save(ticket);
      this.logger.info({ ticketId: saved.id, version: saved.version }, 'ticket.updated');
      return toTicketView(saved);
    });
  }

  remove(actor: Actor, id: string): Promise<void> {
    return this.tenant.run(actor.organizationId, async (manager) => {
      await deleteOr404(manager.getRepository(Ticket), { id, organizationId: actor.organizationId }, 'Ticket');
      this.logger.info({ ticketId: id }, 'ticket.deleted');
    });
  }

  listComments(actor: Actor, ticketId: string, page: PaginationQuery): Promise<PaginatedResponse<CommentView>> {
    return this.tenant.run(actor.organizationId, async (manager) => {
      await this.find(manager, actor, ticketId);
      const where = { organizationId: actor.organizationId, ticketId };
      const order = { createdAt: 'ASC', id: 'ASC' } as const;
      return findPage(manager.getRepository(TicketComment), { where, order }, page, toCommentView);
    });
  }

  addComment(actor: Actor, ticketId: string, input: CreateCommentDto): Promise<CommentView> {
    return this.tenant.run(actor.organizationId, async (manager) => {
      await this.find(manager, actor, ticketId);
      const comments = manager.getRepository(TicketComment);
      const comment = await comments.save(
        comments.create({
          organizationId: actor.organizationId,
          ticketId,
          authorId: actorId(actor),
          body: input.body,
          internal: input.internal ?? false,
        }),
      );
      this.logger.info({ ticketId, commentId: comment.id }, 'ticket.commented');
      return toCommentView(comment);
    });
  }

  private find(manager: EntityManager, actor: Actor, id: string, lock = false): Promise<Ticket> {
    return findOr404(manager.getRepository(Ticket), { id, organizationId: actor.organizationId }, 'Ticket', { lock });
  }

  /** An assignee must be a user of the actor's organization; elsewhere or nowhere reads the same. */
  private async assertAssignable(manager: EntityManager, actor: Actor, userId: string): Promise<void> {
    const exists = await manager.getRepository(User).existsBy({ id: userId, organizationId: actor.organizationId });
    if (!exists) throw notAssignable();
  }
}

const notAssignable = (): ValidationFailedError =>
  new ValidationFailedError([{ field: 'assigneeId', message: 'assigneeId must be a user of this organization' }]);
