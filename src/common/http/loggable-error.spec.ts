import { QueryFailedError } from 'typeorm';
import { loggableError } from './loggable-error';

describe('loggableError', () => {
  it('keeps the kind, message and code of a database error, never its SQL, parameters or detail', () => {
    const driverError = Object.assign(new Error('new row violates check constraint'), {
      code: '23514',
      detail: 'Failing row contains (anna@example.com, 010190-123A)',
    });
    const error = new QueryFailedError('INSERT INTO customers VALUES ($1, $2)', ['anna@example.com', '010190-123A'], driverError);
    const logged = JSON.stringify(loggableError(error));
    expect(logged).toContain('23514');
    expect(logged).toContain('QueryFailedError');
    expect(logged).not.toContain('anna@example.com');
    expect(logged).not.toContain('INSERT INTO');
  });
});
