import { Injectable } from '@nestjs/common';
import { InjectPinoLogger, PinoLogger } from 'nestjs-pino';
import type { Actor } from '../auth/actor';
import { AppConfig, type AssistantProvider } from '../core/config/app-config';
import { isUniqueViolation } from '../core/database/pg-errors';
import { TenantTransaction } from '../core/database/tenant-transaction';
import { ConflictError, NotFoundError, ValidationFailedError } from '../core/http/app-error';
import type { PaginationQuery } from '../core/http/pagination.dto';
import { PaginatedResponse } from '../core/http/responses';
import { DEFAULT_AGENT } from './agent-defaults';
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
    const saved = await this.uniqueName(() =>
      this.tenant.run(actor.organizationId, (manager) => {
        const agents = manager.getRepository(Agent);
        return agents.save(agents.create({ ...DEFAULT_AGENT, ...input, organizationId: actor.organizationId }));
      }),
    );
    this.logger.info({ agentId: saved.id }, 'agent.created');
    return toAgentView(saved, actor);
  }

  list(actor: Actor, page: PaginationQuery): Promise<PaginatedResponse<AgentView>> {
    return this.tenant.run(actor.organizationId, async (manager) => {
      const [agents, total] = await manager.getRepository(Agent).findAndCount({
        where: { organizationId: actor.organizationId },
        order: { createdAt: 'ASC', id: 'ASC' },
        skip: page.skip,
        take: page.limit,
      });
      return new PaginatedResponse(
        agents.map((agent) => toAgentView(agent, actor)),
        total,
        page.skip,
        page.limit,
      );
    });
  }

  get(actor: Actor, id: string): Promise<AgentView> {
    return this.tenant.run(actor.organizationId, async (manager) => {
      const agent = await manager.getRepository(Agent).findOneBy({ id, organizationId: actor.organizationId });
      if (!agent) throw new NotFoundError('Agent');
      return toAgentView(agent, actor);
    });
  }

  async update(actor: Actor, id: string, input: UpdateAgentDto): Promise<AgentView> {
    this.assertProviderAvailable(input.provider);
    const saved = await this.uniqueName(() =>
      this.tenant.run(actor.organizationId, async (manager) => {
        const agents = manager.getRepository(Agent);
        const agent = await agents.findOne({
          where: { id, organizationId: actor.organizationId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!agent) throw new NotFoundError('Agent');
        return agents.save(Object.assign(agent, input));
      }),
    );
    this.logger.info({ agentId: saved.id }, 'agent.updated');
    return toAgentView(saved, actor);
  }

  /** Its conversations stay readable; continuing one uses the organization's default agent. */
  remove(actor: Actor, id: string): Promise<void> {
    return this.tenant.run(actor.organizationId, async (manager) => {
      const { affected } = await manager.getRepository(Agent).delete({ id, organizationId: actor.organizationId });
      if (!affected) throw new NotFoundError('Agent');
      this.logger.info({ agentId: id }, 'agent.deleted');
    });
  }

  /** An agent may only name a provider this server is configured for; null means the default. */
  private assertProviderAvailable(provider: AssistantProvider | null | undefined): void {
    if (!provider || availableProviders(this.config).includes(provider)) return;
    throw new ValidationFailedError([
      { field: 'provider', message: `provider ${provider} is not configured on this server` },
    ]);
  }

  private async uniqueName<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isUniqueViolation(error)) throw new ConflictError(NAME_TAKEN);
      throw error;
    }
  }
}
