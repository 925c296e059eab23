import { QueryFailedError } from 'typeorm';
import { serializeError } from './error-serializer';

describe('serializeError', () => {
  it('keeps a failed statement’s SQL text and SQLSTATE, never its parameters or PostgreSQL’s quoting message', () => {
    const driverError = Object.assign(new Error('invalid input syntax for type uuid: "secret-prompt-text"'), {
      code: '22P02',
      detail: 'Key (email)=(someone@example.com) already exists.',
      table: 'agents',
    });
    const failed = new QueryFailedError(
      'UPDATE agents SET system_prompt = $1 WHERE id = $2',
      ['secret-prompt-text', 'id'],
      driverError,
    );
    const serialized = JSON.stringify(serializeError(failed));
    expect(JSON.parse(serialized)).toMatchObject({
      query: 'UPDATE agents SET system_prompt = $1 WHERE id = $2',
      code: '22P02',
      table: 'agents',
    });
    expect(serialized).not.toContain('secret-prompt-text');
    expect(serialized).not.toContain('someone@example.com');
  });

  it('leaves other errors in pino’s standard form, without a parameters field', () => {
    const error = Object.assign(new Error('boom'), { parameters: ['hash'] });
    expect(serializeError(error)).toMatchObject({ type: 'Error', message: 'boom' });
    expect(JSON.stringify(serializeError(error))).not.toContain('hash');
  });
});
