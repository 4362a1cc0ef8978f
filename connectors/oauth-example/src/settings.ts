import * as v from 'valibot';

/** The OAuth example's settings: where the customer's tenant lives. */
export const ExampleSettings = v.object({
  /** The tenant's base URL; its authorization server and API live under it. */
  tenant_url: v.pipe(v.string(), v.url('tenant_url must be an absolute URL'), v.title('Tenant URL')),
});

/** The parsed settings a handler receives. */
export type ExampleSettings = v.InferOutput<typeof ExampleSettings>;

/** The tenant URL without a trailing slash, ready for paths to be appended. */
export function tenantUrl(settings: ExampleSettings): string {
  return settings.tenant_url.replace(/\/+$/, '');
}
