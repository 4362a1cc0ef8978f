// Type tests of the harness: checked by `tsc --noEmit`, not run by bun test.
import { integration } from '../../connectors/mock-connector/src/integration.ts';
import { connectorHarness } from '../../src/testing/index.ts';

const c = connectorHarness(integration, { auth: { basic: { username: 'u', password: 'p' } }, settings: { host: 'acme.test' } });

const listed = await c.call('list_accounts', {}, { page: { size: 10 } });
if (listed.ok) {
  const id: string = listed.envelope.response[0]!.integration_specific_id;
  void id;
} else {
  const code: string = listed.envelope.error.error_code;
  void code;
}

// @ts-expect-error a misspelt capability name is a type error.
await c.call('list_acounts', {});

// @ts-expect-error get_account needs its account_id.
await c.call('get_account', {});

// @ts-expect-error a request field of the wrong type is a type error.
await c.call('get_account', { account_id: 42 });

const walked = await c.walk('list_accounts', {}, { pageSize: 5 });
const status: string | null | undefined = walked.items[0]?.user_status;
void status;

// @ts-expect-error only paginated capabilities can be walked.
await c.walk('get_account', { account_id: 'a' });

const binary = connectorHarness.binary('connectors/mock-connector/src/main.ts');
const validated = await binary.call('validate_credentials', {});
if (validated.ok) {
  const valid: boolean = validated.envelope.response.valid;
  void valid;
}
