import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { EntityManager } from 'typeorm';
import type { Actor } from '../access/actor';
import { AppConfig, type AssistantProvider } from '../core/config/app-config';
import { deleteOr404, findOr404 } from '../core/database/find-or-404';
import { findPage } from '../core/database/paginate';
import { conflictOnUniqueViolation } from '../core/database/pg-errors';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { ValidationFailedError } from '../core/http/app-error';
import type { PaginationQuery } from '../core/http/pagination.dto';
import type { PaginatedResponse } from '../core/http/responses';
import { type AnsweringAgent, DEFAULT_AGENT } from './agent-defaults';
import { Agent } from './agent.entity';
import { type AgentView, toAgentView } from './agent.view';
import { availableProviders } from './assistant-providers';
import type { CreateAgentDto } from './dto/create-agent.dto';
import type { UpdateAgentDto } from './dto/update-agent.dto';

const NAME_TAKEN = 'An agent with this name already exists';

/** Agents of an organization. All work runs in the actor's tenant transaction (RLS) and filters on its organization. */
@Injectable()
export class AgentsService {
  constructor(
    private readonly tenant: TenantTransaction,
    private readonly config: AppConfig,
    @InjectPinoLogger('agents') private readonly logger: PinoLogger,
  ) {}

  async create(actor: Actor, input: CreateAgentDto): Promise<AgentView> {
    this.assertProviderAvailable(input.provider);
    const saved = await conflictOnUniqueViolation(
      this.tenant.run(actor.organizationId, (manager) => {
        const agents = manager.getRepository(Agent);
        return agents.save(agents.create({ ...DEFAULT_AGENT, ...input, organizationId: actor.organizationId }));
      }),
      NAME_TAKEN,
    );
    this.logger.info({ agentId: saved.id }, 'agent.created');
    return toAgentView(saved, actor);
  }

  list(actor: Actor, page: PaginationQuery): Promise<PaginatedResponse<AgentView>> {
    return this.tenant.run(actor.organizationId, (manager) =>
      findPage(
        manager.getRepository(Agent),
        { where: { organizationId: actor.organizationId }, order: { createdAt: 'ASC', id: 'ASC' } },
        page,
        (agent) => toAgentView(agent, actor),
      ),
    );
  }

  get(actor: Actor, id: string): Promise<AgentView> {
    return this.tenant.run(actor.organizationId, async (manager) =>
      toAgentView(
        await findOr404(manager.getRepository(Agent), { id, organizationId: actor.organizationId }, 'Agent'),
        actor,
      ),
    );
  }

  async update(actor: Actor, id: string, input: UpdateAgentDto): Promise<AgentView> {
    this.assertProviderAvailable(input.provider);
    const saved = await conflictOnUniqueViolation(
      this.tenant.run(actor.organizationId, async (manager) => {
        const agents = manager.getRepository(Agent);
        const agent = await findOr404(agents, { id, organizationId: actor.organizationId }, 'Agent', { lock: true });
        return agents.save(Object.assign(agent, input));
      }),
      NAME_TAKEN,
    );
    this.logger.info({ agentId: saved.id }, 'agent.updated');
    return toAgentView(saved, actor);
  }

  /** Its conversations stay readable; continuing one uses the organization's default agent. */
  remove(actor: Actor, id: string): Promise<void> {
    return this.tenant.run(actor.organizationId, async (manager) => {
      await deleteOr404(manager.getRepository(Agent), { id, organizationId: actor.organizationId }, 'Agent');
      this.logger.info({ agentId: id }, 'agent.deleted');
    });
  }

  /**
   * The agent that answers in the actor's organization, read in the caller's tenant transaction:
   * the named one (else 404), or the organization's first agent, or the built-in default.
   */
  async answering(manager: EntityManager, actor: Actor, agentId: string | null | undefined): Promise<AnsweringAgent> {
    const agents = manager.getRepository(Agent);
    if (agentId) return findOr404(agents, { id: agentId, organizationId: actor.organizationId }, 'Agent');
    const [first] = await agents.find({
      where: { organizationId: actor.organizationId },
      order: { createdAt: 'ASC', id: 'ASC' },
      take: 1,
    });
    return first ?? { ...DEFAULT_AGENT, id: null };
  }

  /** An agent may only name a provider this server is configured for; null means the default. */
  private assertProviderAvailable(provider: AssistantProvider | null | undefined): void {
    if (!provider || availableProviders(this.config).includes(provider)) return;
    throw new ValidationFailedError([
      { field: 'provider', message: `provider ${provider} is not configured on this server` },
    ]);
  }
}
