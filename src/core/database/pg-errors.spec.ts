import { QueryFailedError } from 'typeorm';
import { ConflictError } from '../http/app-error';
import { conflictOnUniqueViolation } from './pg-errors';

const queryError = (code: string): QueryFailedError =>
  new QueryFailedError('INSERT ...', [], Object.assign(new Error('refused'), { code }));

describe('conflictOnUniqueViolation', () => {
  it('turns a unique violation into a 409 with the given message', async () => {
    const answer = conflictOnUniqueViolation(Promise.reject(queryError('23505')), 'Name taken');
    await expect(answer).rejects.toBeInstanceOf(ConflictError);
    await expect(answer).rejects.toThrow('Name taken');
  });

  it('passes any other failure, and any success, through unchanged', async () => {
    const foreignKey = queryError('23503');
    await expect(conflictOnUniqueViolation(Promise.reject(foreignKey), 'Name taken')).rejects.toBe(foreignKey);
    await expect(conflictOnUniqueViolation(Promise.resolve('row'), 'Name taken')).resolves.toBe('row');
  });
});
