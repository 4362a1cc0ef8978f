import * as v from 'valibot';
import { ConnectorError, executionSummary, secret, type CapabilityHandler } from 'lumos-connector-sdk';
import type { CreatedAccount } from 'lumos-connector-sdk/wire';
import { request as CreatableAccount } from 'lumos-connector-sdk/wire/capability/create_account';
import { changeMembership, checkGroupEntitlement } from './change-membership.ts';
import { scimClient } from './scim-client.ts';
import { ScimUser } from './scim-user.ts';
import type { ScimSettings } from './settings.ts';
import { accountStatus } from './to-account.ts';

/** The User schema's URN (RFC 7643 §4.1). */
const userSchema = 'urn:ietf:params:scim:schemas:core:2.0:User';

/** `create_account`'s payload: the standard one with the new User's attributes. */
export const CreateScimAccount = v.object({
  ...CreatableAccount.entries,
  /** The User's userName, unique on the server. */
  username: v.pipe(v.string(), v.minLength(1, 'username must not be empty'), v.title('Username')),
  email: v.nullish(v.pipe(v.string(), v.email(), v.title('E-mail'))),
  given_name: v.nullish(v.pipe(v.string(), v.title('Given name'))),
  family_name: v.nullish(v.pipe(v.string(), v.title('Family name'))),
  display_name: v.nullish(v.pipe(v.string(), v.title('Display name'))),
  external_id: v.nullish(v.pipe(v.string(), v.title('External id'), v.description("The User's id in the system that provisions it."))),
  /** The initial password, sent once to the server, which never returns it. */
  password: v.nullish(v.pipe(v.string(), v.title('Password'), secret())),
});

/** The User a create_account request describes, as SCIM JSON. */
function newUser(request: v.InferOutput<typeof CreateScimAccount>) {
  const name = { ...(request.given_name ? { givenName: request.given_name } : {}), ...(request.family_name ? { familyName: request.family_name } : {}) };
  return {
    schemas: [userSchema],
    userName: request.username,
    active: true,
    ...(Object.keys(name).length > 0 ? { name } : {}),
    ...(request.display_name ? { displayName: request.display_name } : {}),
    ...(request.external_id ? { externalId: request.external_id } : {}),
    ...(request.email ? { emails: [{ value: request.email, type: 'work', primary: true }] } : {}),
    ...(request.password ? { password: request.password } : {}),
  };
}

/**
 * Creates an active User with POST /Users, then adds it to the groups asked for. A userName the
 * server already has is a `bad_request` carrying the server's scimType (uniqueness).
 */
export const createAccount: CapabilityHandler<v.InferOutput<typeof CreateScimAccount>, v.InferInput<typeof CreatedAccount>, ScimSettings> = async (args) => {
  const { request, settings } = args;
  for (const wanted of request.entitlements) checkGroupEntitlement(settings.groups_as_entitlements, wanted.entitlement_type, wanted.integration_specific_id);
  const client = scimClient(args);
  const user = await client.post('/Users', { body: newUser(request), schema: ScimUser });
  for (const wanted of request.entitlements) {
    try {
      await changeMembership(client, wanted.integration_specific_id, user.id, 'add');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ConnectorError(
        `The User ${JSON.stringify(request.username)} was created (id ${JSON.stringify(user.id)}), but adding it to the group ${JSON.stringify(wanted.integration_specific_id)} failed: ${reason}`,
        error instanceof ConnectorError ? error.code : 'api_error',
        { appErrorCode: 'scim.partially_created', cause: error },
      );
    }
  }
  // The fingerprint identifies the request without carrying the password.
  return {
    response: { id: user.id, status: accountStatus(user) ?? 'ACTIVE', created: true },
    execution_summary: executionSummary({ ...request, password: undefined }, 'created'),
  };
};
