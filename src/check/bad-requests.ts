import type { ConnectorHarness } from '../testing/connector-harness.ts';
import { resolveRef, type JsonSchema } from './minimal-value.ts';

/** One malformed request and what it tries. */
export interface BadRequest {
  name: string;
  json: string;
  /** The SDK's page kit bounds an out-of-range size to 1…max (documented), so a success is right too; a crash never is. */
  mayClamp?: true;
}

/**
 * Requests every connector must refuse with a `bad_request`-family error: text that is not JSON, a
 * non-object, a missing or wrongly typed payload, each required key missing or of the wrong type,
 * wrongly typed settings and credentials and, for lists, forged page tokens and bad page sizes.
 */
export function badRequests(harness: ConnectorHarness, argument: JsonSchema, request: unknown, paginated: boolean): BadRequest[] {
  const full = (payload: unknown, parts: Parameters<ConnectorHarness['envelope']>[1] = {}) => harness.envelope(payload, parts);
  const out: BadRequest[] = [
    { name: 'text that is not JSON', json: '{"request": ' },
    { name: 'a JSON array', json: '[]' },
    { name: 'no request key', json: JSON.stringify(withoutKey(full(request), 'request')) },
    { name: 'request is a string', json: JSON.stringify(full('not an object')) },
    { name: 'settings is a list', json: JSON.stringify({ ...full(request), settings: ['not', 'settings'] }) },
  ];
  if (harness.envelope({})['auth'] !== undefined) out.push({ name: 'auth is a number', json: JSON.stringify({ ...full(request), auth: 42 }) });
  const resolved = resolveRef(argument, argument);
  const properties = (resolved['properties'] ?? {}) as Record<string, JsonSchema>;
  if (typeof request === 'object' && request !== null && !Array.isArray(request)) {
    for (const key of (resolved['required'] ?? []) as string[]) {
      out.push({ name: `request.${key} missing`, json: JSON.stringify(full(withoutKey(request as Record<string, unknown>, key))) });
      const wrong = wrongValue(resolveRef(properties[key] ?? {}, argument));
      if (wrong !== undefined) out.push({ name: `request.${key} of the wrong type`, json: JSON.stringify(full({ ...request, [key]: wrong })) });
    }
  }
  if (paginated) {
    out.push(
      { name: 'a forged page token', json: JSON.stringify(full(request, { page: { token: 'forged-page-token' } })) },
      { name: 'a page token of forged JSON', json: JSON.stringify(full(request, { page: { token: btoa(JSON.stringify({ offset: -5, forged: true })) } })) },
      { name: 'page size -1', json: JSON.stringify(full(request, { page: { size: -1 } })), mayClamp: true },
      { name: 'page size "ten"', json: JSON.stringify({ ...full(request), page: { size: 'ten' } }) },
      { name: 'page size 2.5', json: JSON.stringify(full(request, { page: { size: 2.5 } })) },
    );
  }
  return out;
}

function withoutKey(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _, ...rest } = record;
  return rest;
}

/** A value of a type the schema does not accept, or undefined when it accepts anything. */
function wrongValue(schema: JsonSchema): unknown {
  const union = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined;
  const types = new Set<string>(
    union ? union.flatMap((item) => [item['type']].flat()) : [schema['type']].flat().filter((type): type is string => typeof type === 'string'),
  );
  if (types.size === 0 || types.has(undefined as never)) return undefined;
  if (!types.has('object')) return { wrong: 'type' };
  if (!types.has('number') && !types.has('integer')) return 12345;
  if (!types.has('boolean')) return true;
  return undefined;
}
