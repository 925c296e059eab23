import { readFileSync } from 'node:fs';
import type { INestApplicationContext } from '@nestjs/common';
import type { Actor } from '../access/actor';
import { randomToken } from '../core/crypto/secret-token';
import { InvitationsService } from '../invitations/invitations.service';
import type { DelegableRole } from '../access/roles';
import type { TicketPriority, TicketStatus } from '../tickets/ticket.entity';
import { TicketsService } from '../tickets/tickets.service';

/** The shape of scripts/demo/tickets.json. */
interface DemoTickets {
  agents: Array<{ key: string; name: string; email: string; role: DelegableRole }>;
  tickets: Array<{
    subject: string;
    description: string;
    status: TicketStatus;
    priority: TicketPriority;
    requester: string;
    assignee: string | null;
    tags: string[];
    comments: Array<{ by: string; body: string; internal?: boolean }>;
  }>;
}

/** Invites and signs up the team, then files the tickets and their comments as the team members would. */
export async function seedTickets(app: INestApplicationContext, owner: Actor, file: string): Promise<void> {
  const demo = JSON.parse(readFileSync(file, 'utf8')) as DemoTickets;
  const invitations = app.get(InvitationsService);
  const tickets = app.get(TicketsService);
  const team = new Map<string, Actor>([['owner', owner]]);
  for (const agent of demo.agents) {
    const { token } = await invitations.create(owner, { email: agent.email, role: agent.role });
    if (!token) throw new Error('seed-demo runs with MAIL_DISABLED=true, so invitation tokens come back to it');
    // The seed runs on this machine: loopback is the client address the sign-up throttle sees.
    const session = await invitations.accept({ token, name: agent.name, password: randomToken(12) }, '127.0.0.1');
    team.set(agent.key, { organizationId: owner.organizationId, role: session.user.role, userId: session.user.id });
  }
  const member = (key: string): Actor => {
    const actor = team.get(key);
    if (!actor) throw new Error(`tickets.json names an unknown team member: ${key}`);
    return actor;
  };
  for (const ticket of demo.tickets) {
    const created = await tickets.create(owner, {
      subject: ticket.subject,
      description: ticket.description,
      status: ticket.status,
      priority: ticket.priority,
      requesterEmail: ticket.requester,
      assigneeId: ticket.assignee ? member(ticket.assignee).userId : null,
      tags: ticket.tags,
    });
    for (const comment of ticket.comments) {
      await tickets.addComment(member(comment.by), created.id, { body: comment.body, internal: comment.internal });
    }
  }
}
