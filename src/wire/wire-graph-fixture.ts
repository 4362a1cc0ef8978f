// Runs one call in a fresh process and prints the wire modules it evaluated: the unit test checks
// that a call loads its own capability module and nothing else of the wire.
import { dispatch } from '../dispatch/dispatch.ts';
import { createIntegration } from '../integration/create-integration.ts';

const [name = 'validate_credentials', json = '{}'] = process.argv.slice(2);
const integration = createIntegration({
  appId: 'graph-probe',
  version: '1.0.0',
  description: { userFriendlyName: 'Graph probe', categories: ['DEVELOPERS'] },
  auth: 'token',
});
integration.registerAll({
  validate_credentials: async () => ({ response: { valid: true, unique_tenant_id: 'tenant' } }),
  list_accounts: async () => ({ response: [{ integration_specific_id: '1', email: 'a@example.com' }] }),
});
const result = await dispatch(integration, name, json);
const root = new URL('.', import.meta.url).pathname;
const wire = Object.keys(require.cache)
  .filter((path) => path.startsWith(root))
  .map((path) => path.slice(root.length))
  .sort();
await Bun.write(Bun.stdout, JSON.stringify({ result, wire }));
