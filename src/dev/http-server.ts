import { dispatch } from '../dispatch/dispatch.ts';
import { buildAppInfo } from '../info/app-info.ts';
import { buildInfo } from '../info/info.ts';
import type { Integration } from '../integration/create-integration.ts';
import { redactLogText } from '../logging/logger.ts';
import { renderDocsPage } from './docs-page.ts';

/** Options of the development server. */
export interface DevServerOptions {
  /** The port; 0 picks a free one. Default 8000. */
  port?: number;
  /** The address to bind; loopback unless told otherwise. */
  hostname?: string;
  /** The largest request body accepted, in bytes (default 64 MiB). */
  maxBodyBytes?: number;
  /** Whether to log each request on stderr (default true). */
  logRequests?: boolean;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}): Response =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

const problem = (status: number, message: string, headers: Record<string, string> = {}): Response => json(status, { error: message }, headers);

/**
 * Serves the connector over HTTP for local development: `POST /<capability>` takes the same JSON
 * envelope as `--json` and answers what the CLI prints; `GET /openapi.json`, `/docs`, `/info`, `/healthz`.
 */
export function startDevServer(integration: Integration<any>, options: DevServerOptions = {}): ReturnType<typeof Bun.serve> {
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024 * 1024;
  const logRequests = options.logRequests ?? true;
  let openApi: Record<string, unknown> | undefined;
  const document = () => (openApi ??= buildAppInfo(integration));

  const route = async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url);
    const name = pathname.slice(1);
    const reads: Record<string, () => Response> = {
      healthz: () => json(200, { status: 'ok', app_id: integration.appId, version: integration.version }),
      'openapi.json': () => json(200, document()),
      info: () => json(200, { response: buildInfo(integration) }),
      docs: () => new Response(renderDocsPage(document()), { headers: { 'content-type': 'text/html; charset=utf-8' } }),
      '': () => new Response(null, { status: 302, headers: { location: '/docs' } }),
    };
    if (Object.hasOwn(reads, name)) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return problem(405, `${pathname} answers GET only.`, { allow: 'GET, HEAD' });
      return reads[name]!();
    }
    if (!integration.capabilities.has(name)) return problem(404, `No capability '${name}'. See /docs for the ones this connector has.`);
    if (request.method !== 'POST') return problem(405, `Call ${pathname} with POST and the request envelope as a JSON body.`, { allow: 'POST' });
    const type = request.headers.get('content-type') ?? '';
    if (!/^application\/json\b/i.test(type)) return problem(415, `Send the request envelope as application/json (got ${type || 'no content type'}).`);
    const length = Number(request.headers.get('content-length') ?? '0');
    if (length > maxBodyBytes) return problem(413, `The body is larger than ${maxBodyBytes} bytes.`);
    const body = await request.text();
    if (Buffer.byteLength(body) > maxBodyBytes) return problem(413, `The body is larger than ${maxBodyBytes} bytes.`);
    const result = await dispatch(integration, name, body);
    return json(200, result.envelope);
  };

  return Bun.serve({
    port: options.port ?? 8000,
    hostname: options.hostname ?? '127.0.0.1',
    maxRequestBodySize: maxBodyBytes + 1024,
    async fetch(request) {
      const started = performance.now();
      const response = await route(request).catch((error: unknown) => problem(500, `The server failed: ${(error as Error).message}`));
      if (logRequests) {
        const path = new URL(request.url).pathname;
        const line = `${new Date().toISOString()} ${request.method} ${path} ${response.status} ${(performance.now() - started).toFixed(1)}ms\n`;
        (require('node:fs') as typeof import('node:fs')).writeSync(2, redactLogText(line));
      }
      return response;
    },
    error: (error) => problem(500, `The server failed: ${error.message}`),
  });
}
