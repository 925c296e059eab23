import { Ticket } from './ticket.entity';
import { applyStatus } from './ticket-status';

const at = (iso: string) => new Date(iso);

function ticket(status: Ticket['status'], resolvedAt: Date | null = null, closedAt: Date | null = null): Ticket {
  return Object.assign(new Ticket(), { id: 'x', status, resolvedAt, closedAt });
}

describe('applyStatus', () => {
  it('stamps resolvedAt when a ticket is resolved', () => {
    const t = ticket('open');
    applyStatus(t, 'resolved', at('2026-01-01T00:00:00Z'));
    expect([t.resolvedAt, t.closedAt]).toEqual([at('2026-01-01T00:00:00Z'), null]);
  });

  it('keeps resolvedAt and stamps closedAt when a resolved ticket is closed', () => {
    const t = ticket('resolved', at('2026-01-01T00:00:00Z'));
    applyStatus(t, 'closed', at('2026-01-02T00:00:00Z'));
    expect([t.resolvedAt, t.closedAt]).toEqual([at('2026-01-01T00:00:00Z'), at('2026-01-02T00:00:00Z')]);
  });

  it('stamps both when an open ticket is closed directly', () => {
    const t = ticket('open');
    applyStatus(t, 'closed', at('2026-01-03T00:00:00Z'));
    expect([t.resolvedAt, t.closedAt]).toEqual([at('2026-01-03T00:00:00Z'), at('2026-01-03T00:00:00Z')]);
  });

  it('clears both when a closed ticket is reopened', () => {
    const t = ticket('closed', at('2026-01-01T00:00:00Z'), at('2026-01-02T00:00:00Z'));
    applyStatus(t, 'open');
    expect([t.status, t.resolvedAt, t.closedAt]).toEqual(['open', null, null]);
  });

  it('clears closedAt only when a closed ticket goes back to resolved', () => {
    const t = ticket('closed', at('2026-01-01T00:00:00Z'), at('2026-01-02T00:00:00Z'));
    applyStatus(t, 'resolved');
    expect([t.resolvedAt, t.closedAt]).toEqual([at('2026-01-01T00:00:00Z'), null]);
  });

  it('changes nothing when the status does not change', () => {
    const t = ticket('resolved', at('2026-01-01T00:00:00Z'));
    applyStatus(t, 'resolved', at('2026-02-01T00:00:00Z'));
    expect(t.resolvedAt).toEqual(at('2026-01-01T00:00:00Z'));
  });
});
