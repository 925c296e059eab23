import { QueryFailedError } from 'typeorm';
import { isDependencyUnavailable } from './dependency-unavailable';

const withCode = (message: string, code: string): Error => Object.assign(new Error(message), { code });
const queryFailed = (driverError: Error): QueryFailedError => new QueryFailedError('SELECT 1', [], driverError);

describe('isDependencyUnavailable', () => {
  it.each([
    ['a refused connection', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['a reset connection', withCode('read ECONNRESET', 'ECONNRESET')],
    ['pg losing the server mid-query', new Error('Connection terminated unexpectedly')],
    ['pg-pool timing out on connect', new Error('timeout exceeded when trying to connect')],
    [
      'PostgreSQL shutting down (57P01)',
      queryFailed(withCode('terminating connection due to administrator command', '57P01')),
    ],
    ['a connection exception (08006)', queryFailed(withCode('connection failure', '08006'))],
    ['too many connections (53300)', withCode('sorry, too many clients already', '53300')],
    ['ioredis with Redis away', new Error("Stream isn't writeable and enableOfflineQueue options is false")],
    ['ioredis on a closed connection', new Error('Connection is closed.')],
    [
      'ioredis giving up retries',
      new Error(
        'Reached the max retries per request limit (which is 1). Refer to "maxRetriesPerRequest" option for details.',
      ),
    ],
    ['several refused addresses', Object.assign(new AggregateError([withCode('x', 'ECONNREFUSED')], ''), {})],
  ])('recognises %s', (_label, error) => {
    expect(isDependencyUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', queryFailed(withCode('duplicate key value violates unique constraint', '23505'))],
    ['a syntax error', queryFailed(withCode('syntax error at or near "SELEC"', '42601'))],
    ['a statement timeout', queryFailed(withCode('canceling statement due to statement timeout', '57014'))],
    ['an RLS refusal', queryFailed(withCode('new row violates row-level security policy', '42501'))],
    ['a Redis command error', new Error('WRONGTYPE Operation against a key holding the wrong kind of value')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a message that only mentions a connection', new Error('Connection settings are invalid for tenant')],
    ['something that is not an Error', { code: 'ECONNREFUSED' }],
  ])('leaves %s alone', (_label, error) => {
    expect(isDependencyUnavailable(error)).toBe(false);
  });
});
