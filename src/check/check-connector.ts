import * as v from 'valibot';
import { errorCodes } from '../errors/error-codes.ts';
import type { Integration } from '../integration/create-integration.ts';
import { redactText } from '../logging/redact.ts';
import { connectorHarness, type ConnectorHarness } from '../testing/connector-harness.ts';
import { requestSecrets } from '../testing/request-secrets.ts';
import { capabilityCatalog } from '../wire/generated/capabilities.ts';
import { AuthCredential } from '../wire/generated/models.ts';
import { badRequests } from './bad-requests.ts';
import { minimalValue, type JsonSchema } from './minimal-value.ts';
import { schemaProblems } from './schema-problems.ts';

/**
 * What the check cannot guess, written by the connector's author (`connector-check.json` beside
 * the connector's package.json for `connector check`).
 */
export const CheckFixture = v.strictObject({
  /** The single credential every request carries. */
  auth: v.optional(v.nullable(AuthCredential)),
  /** The credentials, for multi-credential connectors. */
  credentials: v.optional(v.nullable(v.array(AuthCredential))),
  /** The settings every request carries. */
  settings: v.optional(v.record(v.string(), v.unknown())),
  /** A request payload by capability, where the generated minimal one is not enough (ids that must exist). */
  requests: v.optional(v.record(v.string(), v.unknown())),
  /** Capabilities not to run, each with the reason printed in its line (a flow that needs a browser, say). */
  skip: v.optional(v.record(v.string(), v.pipe(v.string(), v.minLength(1)))),
  /** The page size of the walks; small, so that lists span several pages. 2 by default. */
  pageSize: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
});

/** The fixture file's content. */
export type CheckFixture = v.InferOutput<typeof CheckFixture>;

/** How the check runs. */
export interface CheckOptions {
  /** What the check cannot guess; an empty fixture when left out. */
  fixture?: CheckFixture | undefined;
  /** Called with each line as it is decided (the command prints them). */
  onLine?: ((line: string) => void) | undefined;
}

/** One check's outcome. */
export interface CheckOutcome {
  /** What was checked, e.g. `list_accounts walks to the end`. */
  name: string;
  status: 'pass' | 'fail' | 'skip';
  /** Why it failed or was skipped, or what it saw. */
  detail: string;
}

/** Every outcome, and whether the connector passed. */
export interface CheckReport {
  ok: boolean;
  outcomes: CheckOutcome[];
  /** The lines the command prints, summary last. */
  lines: string[];
}

/** Error codes that are a handled refusal of a bad request: the 400 family of the error table. */
export const badRequestFamily: ReadonlySet<string> = new Set(
  Object.entries(errorCodes)
    .filter(([, status]) => status === 400)
    .map(([code]) => code),
);

/** Error codes that say the connector itself broke rather than handled a problem. */
const crashCodes = new Set(['unexpected_error', 'internal_error', 'invalid_response']);

/**
 * Runs the conformance check in-process, for `bun test`: `info` and its schemas, a minimal request
 * to every capability, a corpus of bad requests, every paginated walk, and no secret in any output.
 *
 * @example
 * test('the connector passes the conformance check', async () => {
 *   const report = await checkConnector(integration, { fixture: { auth, settings } });
 *   expect(report.outcomes.filter((o) => o.status === 'fail')).toEqual([]);
 * });
 */
export async function checkConnector(integration: Integration<any>, options: CheckOptions = {}): Promise<CheckReport> {
  const fixture = options.fixture ?? {};
  await using harness = connectorHarness(integration, { auth: fixture.auth, credentials: fixture.credentials, settings: fixture.settings, logLevel: 'DEBUG' });
  return runChecks(harness, fixture, { integration, onLine: options.onLine });
}

/** The checks over any harness (in-process or spawned). */
export async function runChecks(
  harness: ConnectorHarness,
  fixture: CheckFixture,
  context: { integration?: Integration<any> | undefined; onLine?: ((line: string) => void) | undefined },
): Promise<CheckReport> {
  const outcomes: CheckOutcome[] = [];
  const lines: string[] = [];
  const outputs: [string, string][] = [];
  const report = (outcome: CheckOutcome) => {
    outcomes.push(outcome);
    const mark = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP' }[outcome.status];
    const line = `${mark} ${outcome.name}${outcome.detail ? ` — ${outcome.detail}` : ''}`;
    lines.push(line);
    context.onLine?.(line);
  };
  const attempt = async (name: string, body: () => Promise<string>) => {
    try {
      report({ name, status: 'pass', detail: await body() });
    } catch (error) {
      report({ name, status: 'fail', detail: error instanceof Error ? error.message : String(error) });
    }
  };
  const send = async (name: string, json: string) => {
    const run = await harness.send(name, json);
    outputs.push([`the stdout of ${name}`, run.stdout], [`the stderr of ${name}`, run.stderr]);
    if (run.exitCode !== 0) throw new Error(`exit code ${run.exitCode} (an envelope must exit 0)`);
    return run.envelope as Record<string, any>;
  };

  let info: Record<string, any> | undefined;
  await attempt('info is valid and its JSON Schemas compile', async () => {
    info = await harness.info();
    const parsed = v.safeParse(capabilityCatalog.info.response, info);
    if (!parsed.success)
      throw new Error(`info does not match the wire model: ${parsed.issues.map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`).join('; ')}`);
    const problems: string[] = [];
    const schemas: [string, unknown][] = [
      ['request_settings_schema', info['request_settings_schema']],
      ['authentication_schema', info['authentication_schema']],
      ...((info['credentials_schema'] ?? []) as unknown[]).map((schema, index): [string, unknown] => [`credentials_schema[${index}]`, schema]),
    ];
    for (const name of info['capabilities'] as string[]) {
      const entry = info['capability_schema']?.[name];
      if (!entry) problems.push(`capability_schema has no entry for ${name}`);
      else schemas.push([`${name}.argument`, entry.argument], [`${name}.output`, entry.output]);
    }
    for (const [where, schema] of schemas) for (const problem of schemaProblems(schema)) problems.push(`${where} ${problem}`);
    if (problems.length > 0) throw new Error(problems.slice(0, 5).join('; '));
    return `${(info['capabilities'] as string[]).length} capabilities, ${schemas.length} schemas`;
  });
  if (!info) return finish(outcomes, lines, context.onLine);

  const capabilities = info['capabilities'] as string[];
  const skipped = fixture.skip ?? {};
  for (const name of Object.keys(skipped)) {
    if (!capabilities.includes(name)) report({ name: `fixture skips ${name}`, status: 'fail', detail: `the connector has no capability ${name}` });
  }
  for (const name of capabilities) {
    const reason = skipped[name];
    if (reason !== undefined) {
      report({ name, status: 'skip', detail: reason });
      continue;
    }
    const argument = info['capability_schema'][name].argument as JsonSchema;
    const output = info['capability_schema'][name].output as JsonSchema;
    const request = fixture.requests?.[name] ?? minimalValue(argument);
    const standard = Object.hasOwn(capabilityCatalog, name) ? capabilityCatalog[name as keyof typeof capabilityCatalog] : undefined;
    const paginated = standard ? standard.paginated : output['type'] === 'array';

    await attempt(`${name} answers a minimal request`, async () => {
      const envelope = await send(name, JSON.stringify(harness.envelope(request, paginated ? { page: { size: fixture.pageSize ?? 2 } } : {})));
      if (envelope['is_error'] === true) {
        const error = envelope['error'] ?? {};
        if (crashCodes.has(error.error_code)) throw new Error(`${error.error_code}: ${error.message}`);
        return `handled error ${error.error_code}`;
      }
      if (standard) {
        const parsed = v.safeParse(standard.responseEnvelope, envelope);
        if (!parsed.success)
          throw new Error(
            `the envelope does not match the wire model: ${parsed.issues
              .slice(0, 3)
              .map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.message}`)
              .join('; ')}`,
          );
      } else if (!('response' in envelope)) throw new Error('the envelope has no response');
      return 'ok';
    });

    const corpus = badRequests(harness, argument, request, paginated);
    await attempt(`${name} rejects ${corpus.length} bad requests with bad_request`, async () => {
      const wrong: string[] = [];
      for (const bad of corpus) {
        let envelope: Record<string, any>;
        try {
          envelope = await send(name, bad.json);
        } catch (error) {
          wrong.push(`${bad.name}: ${(error as Error).message}`);
          continue;
        }
        const code = envelope['is_error'] === true ? envelope['error']?.error_code : undefined;
        if (code === undefined && bad.mayClamp) continue;
        if (!badRequestFamily.has(code)) wrong.push(`${bad.name}: answered ${code ?? 'success'}${code ? ` (${envelope['error']?.message})` : ''}`);
      }
      if (wrong.length > 0) throw new Error(wrong.slice(0, 3).join('; ') + (wrong.length > 3 ? `; and ${wrong.length - 3} more` : ''));
      return '';
    });

    if (paginated) {
      await attempt(`${name} walks to the end without a repeated token`, async () => {
        const walked = await harness.walkCustom(name, request, { pageSize: fixture.pageSize ?? 2 });
        return `${walked.items.length} items in ${walked.pages} page(s)`;
      });
    }
  }

  await attempt('no secret of the request appears in stdout, stderr or the DEBUG log', async () => {
    const secrets = requestSecrets(context.integration, harness.envelope({}));
    const properties = (info!['request_settings_schema']?.properties ?? {}) as Record<string, JsonSchema>;
    for (const [key, property] of Object.entries(properties)) {
      const value = fixture.settings?.[key];
      if (property['x-secret'] === true && typeof value === 'string' && value.length >= 4) secrets.add(value);
    }
    if (secrets.size === 0) return 'the fixture carries no secret to look for';
    const where: [string, string][] = [...outputs, ['the log file', harness.logs()]];
    for (const [place, text] of where) {
      if (redactText(text, secrets) !== text) throw new Error(`a secret of the request appears in ${place}`);
    }
    return `${secrets.size} secret value(s) looked for`;
  });
  return finish(outcomes, lines, context.onLine);
}

function finish(outcomes: CheckOutcome[], lines: string[], onLine: ((line: string) => void) | undefined): CheckReport {
  const count = (status: CheckOutcome['status']) => outcomes.filter((outcome) => outcome.status === status).length;
  const summary = `connector check: ${outcomes.length} checks, ${count('pass')} passed, ${count('fail')} failed, ${count('skip')} skipped`;
  lines.push(summary);
  onLine?.(summary);
  return { ok: count('fail') === 0, outcomes, lines };
}
