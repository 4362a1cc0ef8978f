import * as v from 'valibot';
import { ConnectorError, executionSummary, secret, type CapabilityHandler } from 'lumos-connector-sdk';
import type { CreatedAccount } from 'lumos-connector-sdk/wire';
import { request as CreatableAccount } from 'lumos-connector-sdk/wire/capability/create_account';
import { resolveEntitlement } from './entitlement.ts';
import { grantEntitlement } from './grant-entitlement.ts';
import { quoteIdent } from './quote-ident.ts';
import { findAccount, findRole } from './role-catalog.ts';
import { runDdl } from './run-ddl.ts';
import { scramVerifier } from './scram-verifier.ts';
import type { PostgresSettings } from './settings.ts';
import { withPostgres } from './with-postgres.ts';

/** `create_account`'s payload: the standard one with the login role's name and an optional password. */
export const CreatePostgresAccount = v.object({
  ...CreatableAccount.entries,
  /** The new role's name: any text up to 63 bytes (quotes, spaces and unicode included). */
  username: v.pipe(v.string(), v.minLength(1, 'username must not be empty'), v.title('Username')),
  /** The role's password (printable ASCII); hashed with SCRAM-SHA-256 before it is sent. Without it the role has no password. */
  password: v.nullish(v.pipe(v.string(), v.title('Password'), secret())),
});

/**
 * Creates a login role with the entitlements asked for, in one transaction. A role of that name
 * that is already an account is kept as it is (its password untouched) and only given the missing
 * entitlements: a noop when it holds them all.
 */
export const createAccount: CapabilityHandler<v.InferOutput<typeof CreatePostgresAccount>, v.InferInput<typeof CreatedAccount>, PostgresSettings> = (
  { request, settings, auth, credentials },
  { log },
) => {
  const name = quoteIdent(request.username);
  const verifier = request.password == null || request.password === '' ? undefined : scramVerifier(request.password);
  // The fingerprint identifies the request without being a hash of the password.
  const fingerprinted = { ...request, password: undefined };
  return withPostgres({ settings, auth, credentials }, (sql) =>
    sql.begin(async (tx) => {
      const existing = await findRole(tx, settings, request.username);
      if (existing !== undefined && !existing.is_account) {
        throw new ConnectorError(
          `A role named ${JSON.stringify(request.username)} already exists and is not an account (it has no LOGIN${existing.is_entitlement ? ' and is listed as an entitlement' : ''}).`,
          'invalid_value',
          { appErrorCode: 'postgres.role_exists' },
        );
      }
      if (existing === undefined) {
        const create = `CREATE ROLE ${name} LOGIN`;
        await runDdl(tx, log, verifier ? `${create} PASSWORD '${verifier}'` : create, verifier ? `${create} PASSWORD '<SCRAM-SHA-256 verifier>'` : create);
      }
      const account = await findAccount(tx, settings, request.username);
      let granted = 0;
      for (const wanted of request.entitlements) {
        const entitlement = await resolveEntitlement(tx, settings, wanted.integration_specific_id, wanted.integration_specific_resource_id);
        if (await grantEntitlement(tx, log, account, entitlement)) granted++;
      }
      if (existing === undefined) {
        return {
          response: { id: account.rolname, status: account.status, created: true },
          execution_summary: executionSummary(fingerprinted, 'created', { idempotent: true }),
        };
      }
      const note = 'The role already existed; its password and attributes were left as they are.';
      return {
        response: { id: account.rolname, status: account.status, created: false },
        execution_summary:
          granted > 0
            ? executionSummary(fingerprinted, 'updated', `${note} Granted ${granted} missing entitlement(s).`)
            : executionSummary(fingerprinted, 'noop', note),
      };
    }),
  );
};
