import type * as v from 'valibot';
import type { ErrorEnvelope } from '../errors/wire-error.ts';
import type { Integration } from '../integration/create-integration.ts';
import type { capabilityCatalog } from '../wire/generated/capabilities.ts';
import type { AuthCredential, ExecutionSummary, Page } from '../wire/generated/models.ts';
import { binaryRunner, inProcessRunner, type BinaryOptions, type ConnectorRunner, type LogOptions } from './connector-runner.ts';
import { HarnessError } from './harness-error.ts';
import { requestSecrets } from './request-secrets.ts';

type Catalog = typeof capabilityCatalog;

/** A capability the harness can call by name: every standard one except `info` (see {@link ConnectorHarness.info}). */
export type HarnessCapability = Exclude<keyof Catalog, 'info'>;

/** The paginated capabilities, which {@link ConnectorHarness.walk} follows. */
export type PaginatedCapability = { [N in HarnessCapability]: Catalog[N]['paginated'] extends true ? N : never }[HarnessCapability];

/** The request payload of capability `N`, as a test writes it (defaults may be left out). */
export type HarnessRequest<N extends HarnessCapability> = Catalog[N]['request'] extends v.GenericSchema
  ? v.InferInput<Catalog[N]['request']>
  : Record<string, never>;

/** The response payload of capability `N`, as the wire carries it. */
export type HarnessResponse<N extends HarnessCapability> = v.InferOutput<Catalog[N]['response']>;

/** A success envelope of capability `N`. */
export interface HarnessSuccessEnvelope<TResponse> {
  response: TResponse;
  page: v.InferOutput<typeof Page> | null;
  raw_data: unknown;
  execution_summary?: v.InferOutput<typeof ExecutionSummary>;
}

/** What a call returned: the typed success envelope, or the wire error envelope. */
export type HarnessResult<TResponse> = { ok: true; envelope: HarnessSuccessEnvelope<TResponse> } | { ok: false; envelope: ErrorEnvelope };

/** The parts of the request envelope around the payload. */
export interface EnvelopeParts {
  /** The single credential; the harness's own by default. */
  auth?: v.InferInput<typeof AuthCredential> | null | undefined;
  /** The credentials (multi-credential style); the harness's own by default. */
  credentials?: v.InferInput<typeof AuthCredential>[] | null | undefined;
  /** The settings; the harness's own by default. */
  settings?: Record<string, unknown> | null | undefined;
  /** The page asked for. */
  page?: { token?: string | null; size?: number | null } | null | undefined;
  /** Whether to ask for the app's raw responses. */
  include_raw_data?: boolean | undefined;
}

/** The credentials and settings every call carries unless it says otherwise. */
export interface HarnessOptions extends LogOptions {
  auth?: v.InferInput<typeof AuthCredential> | null | undefined;
  credentials?: v.InferInput<typeof AuthCredential>[] | null | undefined;
  settings?: Record<string, unknown> | undefined;
}

/** How {@link ConnectorHarness.walk} pages. */
export interface WalkOptions {
  /** The page size to ask for; the connector's default when left out. */
  pageSize?: number | undefined;
  /** The walk fails past this many pages (a list that never ends is a bug); 1000 by default. */
  maxPages?: number | undefined;
  /** Envelope parts for every page (credentials, settings, include_raw_data). */
  parts?: Omit<EnvelopeParts, 'page'> | undefined;
}

/** A whole list, walked page by page. */
export interface WalkResult<TItem> {
  /** Every item of every page, in order. */
  items: TItem[];
  /** How many pages the walk took. */
  pages: number;
  /** The tokens the connector handed out, in order. */
  tokens: string[];
}

/** Calls a connector's capabilities the way the agent does, typed by capability name. */
export interface ConnectorHarness extends AsyncDisposable {
  /** Calls standard capability `name` with a typed request; never throws for a handled error. */
  call<N extends HarnessCapability>(name: N, request: HarnessRequest<N>, parts?: EnvelopeParts): Promise<HarnessResult<HarnessResponse<N>>>;
  /** Calls a custom capability (its types are the author's). */
  callCustom<TResponse = unknown>(name: string, request: unknown, parts?: EnvelopeParts): Promise<HarnessResult<TResponse>>;
  /** Sends a raw request envelope (any JSON text) and returns what the agent would read. */
  send(name: string, json: string): ReturnType<ConnectorRunner['run']>;
  /**
   * Follows page tokens to the end of a list. Fails on an error envelope, a repeated token, an empty
   * page that still hands out a token, or more than `maxPages` pages.
   */
  walk<N extends PaginatedCapability>(
    name: N,
    request: HarnessRequest<N>,
    options?: WalkOptions,
  ): Promise<WalkResult<HarnessResponse<N> extends readonly (infer T)[] ? T : never>>;
  /** Walks a paginated custom capability. */
  walkCustom<TItem = unknown>(name: string, request: unknown, options?: WalkOptions): Promise<WalkResult<TItem>>;
  /** The connector's `info` document. */
  info(): Promise<Record<string, unknown>>;
  /** The full request envelope a call with these parts sends. */
  envelope(request: unknown, parts?: EnvelopeParts): Record<string, unknown>;
  /** Every secret value of the harness's credentials and settings (what cassettes and logs must never hold). */
  secrets(parts?: EnvelopeParts): Set<string>;
  /** The log lines written so far (captured, not printed, unless `printLogs`). */
  logs(): string;
  /** Whether calls spawn the executable. */
  readonly spawned: boolean;
  /** Removes the captured logs. */
  close(): void;
}

/**
 * A test harness over a connector, running in-process through the same `dispatch` the executable uses.
 * Log lines are captured (see `logs()`), so expected errors print nothing unless `printLogs` is set.
 *
 * @example
 * const c = connectorHarness(integration, { auth: { basic: { username: 'u', password: 'p' } }, settings: { host: 'acme.test' } });
 * const result = await c.call('list_accounts', {}, { page: { size: 10 } });
 * if (result.ok) console.log(result.envelope.response[0]?.integration_specific_id);
 * const all = await c.walk('list_accounts', {}, { pageSize: 10 });
 */
export function connectorHarness(integration: Integration<any>, options: HarnessOptions = {}): ConnectorHarness {
  return harness(inProcessRunner(integration, options), options, integration);
}

/**
 * The same harness over an executable: a compiled connector, or an entry point such as
 * `connectors/acme/src/main.ts` (run with this Bun). Each call spawns the process.
 */
connectorHarness.binary = (
  program: string | readonly string[],
  options: HarnessOptions & BinaryOptions = {},
  integration?: Integration<any>,
): ConnectorHarness => harness(binaryRunner(program, options), options, integration);

function harness(runner: ConnectorRunner, options: HarnessOptions, integration: Integration<any> | undefined): ConnectorHarness {
  const envelope = (request: unknown, parts: EnvelopeParts = {}): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    const auth = 'auth' in parts ? parts.auth : options.auth;
    const credentials = 'credentials' in parts ? parts.credentials : options.credentials;
    const settings = 'settings' in parts ? parts.settings : options.settings;
    if (auth !== undefined) out['auth'] = auth;
    if (credentials !== undefined) out['credentials'] = credentials;
    out['request'] = request;
    if (settings !== undefined) out['settings'] = settings;
    if (parts.page !== undefined) out['page'] = parts.page;
    if (parts.include_raw_data !== undefined) out['include_raw_data'] = parts.include_raw_data;
    return out;
  };

  const call = async (name: string, request: unknown, parts?: EnvelopeParts): Promise<HarnessResult<any>> => {
    const run = await runner.run(name, JSON.stringify(envelope(request, parts)));
    const result = run.envelope as { is_error?: unknown };
    return result?.is_error === true ? { ok: false, envelope: result as ErrorEnvelope } : { ok: true, envelope: result as HarnessSuccessEnvelope<any> };
  };

  const walk = async (name: string, request: unknown, walkOptions: WalkOptions = {}): Promise<WalkResult<any>> => {
    const maxPages = walkOptions.maxPages ?? 1000;
    const items: unknown[] = [];
    const tokens: string[] = [];
    let token: string | undefined;
    for (let pages = 1; ; pages++) {
      const page = { ...(token === undefined ? {} : { token }), ...(walkOptions.pageSize === undefined ? {} : { size: walkOptions.pageSize }) };
      const result = await call(name, request, { ...walkOptions.parts, ...(Object.keys(page).length > 0 ? { page } : {}) });
      const where = `${name} page ${pages}${token === undefined ? '' : ` (token ${JSON.stringify(token)})`}`;
      if (!result.ok) throw new HarnessError(`${where} answered ${result.envelope.error.error_code}: ${result.envelope.error.message}`);
      const response = result.envelope.response;
      if (!Array.isArray(response)) throw new HarnessError(`${where} answered a response that is not a list.`);
      items.push(...response);
      const next = result.envelope.page?.token ?? undefined;
      if (next === undefined) return { items, pages, tokens };
      if (response.length === 0)
        throw new HarnessError(`${where} answered an empty page with a next-page token ${JSON.stringify(next)}: a list must end on its last page.`);
      if (tokens.includes(next)) throw new HarnessError(`${where} handed out the token ${JSON.stringify(next)} again: the walk would never end.`);
      if (pages >= maxPages) throw new HarnessError(`${name} did not end within ${maxPages} pages.`);
      tokens.push(next);
      token = next;
    }
  };

  return {
    spawned: runner.spawned,
    call: call as ConnectorHarness['call'],
    callCustom: call as ConnectorHarness['callCustom'],
    send: (name, json) => runner.run(name, json),
    walk: walk as ConnectorHarness['walk'],
    walkCustom: walk as ConnectorHarness['walkCustom'],
    async info() {
      const run = await runner.info();
      const response = (run.envelope as { response?: unknown })?.response;
      if (typeof response !== 'object' || response === null) throw new HarnessError(`info did not answer a response object: ${run.stdout.slice(0, 200)}`);
      return response as Record<string, unknown>;
    },
    envelope,
    secrets: (parts) => requestSecrets(integration, envelope({}, parts)),
    logs: runner.logs,
    close: runner.close,
    [Symbol.asyncDispose]: async () => runner.close(),
  };
}
