import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../../../test/harness.ts';
import { constraintColumns, fromDatabaseError } from './errors.ts';

/**
 * A Citus coordinator relays a worker's refusal with its message and detail only, naming the shard
 * (customers_102244) and the shard's constraint — cut and hashed when the name with the shard's number would
 * pass 63 characters. The same errors, as Citus relays them, on every engine.
 */
const relayed = (code: string, message: string) =>
  Object.assign(new Error(message), { code, where: 'while executing command on 127.0.0.1:5441' });
const unknownReference = (constraint: string) =>
  relayed('23503', `insert or update on table "customers_102244" violates foreign key constraint "${constraint}"`);

describe('database refusals relayed from a Citus shard', () => {
  test('a foreign key, a long one, a unique index and a not-null column each name their field', async () => {
    const { db } = await testApp();
    const columns = await constraintColumns(db);
    const issues = (error: Error) => {
      const mapped = fromDatabaseError(error, columns);
      return { code: mapped?.code, details: mapped?.details };
    };
    assert.deepEqual(issues(unknownReference('customers_tenant_id_home_store_id_stores_tenant_id_id_fk_102244')), {
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: 'homeStoreId', message: 'reference_unknown' }] },
    });
    assert.deepEqual(issues(unknownReference('customers_tenant_id_sales_consultant_id_staff_t_4471b3bf_102244')), {
      code: 'VALIDATION_FAILED',
      details: { issues: [{ path: 'salesConsultantId', message: 'reference_unknown' }] },
    });
    // A cut name whose hash names no constraint is not guessed at: a bare 400.
    assert.deepEqual(issues(unknownReference('customers_tenant_id_sales_consultant_id_staff_t_0000beef_102244')), {
      code: 'BAD_REQUEST',
      details: {},
    });
    assert.deepEqual(
      issues(
        relayed(
          '23503',
          'update or delete on table "stores_102043" violates foreign key constraint "customers_tenant_id_home_store_id_stores_tenant_id_id_fk_102267" on table "customers_102267"',
        ),
      ),
      { code: 'CONFLICT', details: { issues: [{ path: 'id', message: 'still_referenced' }] } },
    );
    assert.deepEqual(
      issues(relayed('23505', 'duplicate key value violates unique constraint "stores_code_key_102024"')),
      { code: 'STORE_CODE_TAKEN', details: { issues: [{ path: 'code', message: 'store_code_taken' }] } },
    );
    assert.deepEqual(
      issues(
        relayed('23502', 'null value in column "name" of relation "customers_102270" violates not-null constraint'),
      ),
      { code: 'VALIDATION_FAILED', details: { issues: [{ path: 'name', message: 'required' }] } },
    );
  });
});
