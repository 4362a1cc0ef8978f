type Schema = Record<string, any>;

/**
 * Renders an OpenAPI document (`app_info`) as a self-contained API explorer (no CDN: nothing outside
 * the machine is reachable): settings and credential forms built from their schemas and shared by
 * every call, a request example per capability with every required field, and a "Next page" button
 * that sends the returned page token.
 */
export function renderDocsPage(document: Schema): string {
  const info = document['info'] ?? {};
  const paths = Object.entries((document['paths'] ?? {}) as Record<string, any>);
  const envelopeOf = (item: any): Schema => item.post?.requestBody?.content?.['application/json']?.schema ?? {};
  // The connection: the settings and credential schemas, from the first capability whose envelope has them.
  const common = (key: string) => paths.map(([, item]) => envelopeOf(item).properties?.[key]).find((schema) => schema !== undefined);
  const settings = resolve(document, common('settings'));
  const auth = resolve(document, common('auth'));
  const credentials = common('credentials');
  const sections = paths
    .map(([path, item]) => {
      const operation = item.post ?? {};
      const name = path.slice(1);
      const envelope = envelopeOf(item);
      const request = resolve(document, envelope.properties?.request) ?? {};
      const paginated = envelope.properties?.page !== undefined;
      const example = JSON.stringify(exampleOf(document, request) ?? {}, null, 2);
      const title = humanName(name);
      const lines = [operation.summary, operation.description].filter((text: unknown) => typeof text === 'string' && text !== '' && text !== title);
      return `<section class="capability" id="${escapeHtml(name)}" data-capability="${escapeHtml(name)}">
  <h2><span class="method">POST</span> <code>${escapeHtml(path)}</code> <span class="tag">${escapeHtml((operation.tags ?? []).join(', '))}</span></h2>
  ${[...new Set(lines)].map((text) => `<p>${escapeHtml(String(text))}</p>`).join('\n  ')}
  <details><summary>Request payload schema</summary><pre>${escapeHtml(JSON.stringify(request, null, 2))}</pre></details>
  <form class="try" data-path="${escapeHtml(path)}"${paginated ? ' data-paginated="true"' : ''}>
    <label>Request payload (<code>request</code>)<textarea name="request" rows="${Math.min(12, example.split('\n').length + 1)}" spellcheck="false">${escapeHtml(example)}</textarea></label>
    ${paginated ? '<label class="inline">Page size <input name="size" type="number" min="1" placeholder="default"></label>' : ''}
    <button type="submit">Send</button>
    <button type="button" class="next" hidden>Next page</button>
    <pre class="result" aria-live="polite"></pre>
  </form>
</section>`;
    })
    .join('\n');
  const toc = paths.map(([path]) => `<li><a href="#${escapeHtml(path.slice(1))}">${escapeHtml(path.slice(1))}</a></li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title ?? 'Connector')} — connector API</title>
<style>
  body { font: 15px/1.5 system-ui, sans-serif; margin: 0; display: grid; grid-template-columns: 16rem 1fr; color: #1d1d1f; }
  nav { background: #f4f4f6; padding: 1rem; height: 100vh; overflow: auto; position: sticky; top: 0; }
  nav ul { list-style: none; padding: 0; margin: 0; } nav li { margin: .2rem 0; } nav a { color: #2451a6; text-decoration: none; }
  main { padding: 1rem 2rem; max-width: 60rem; }
  section.capability, section.connection { border-top: 1px solid #ddd; padding: .5rem 0 1rem; }
  .method { background: #2a7a3b; color: white; border-radius: 3px; padding: 0 .4rem; font-size: .8rem; }
  .tag { color: #777; font-size: .8rem; font-weight: normal; }
  pre { background: #f7f7f9; padding: .5rem; overflow: auto; max-height: 24rem; }
  textarea { width: 100%; font-family: ui-monospace, monospace; display: block; }
  fieldset { border: 1px solid #ddd; margin: .5rem 0; } fieldset label { display: grid; grid-template-columns: 14rem 1fr; gap: .5rem; margin: .2rem 0; }
  label.inline { display: inline-block; margin: .3rem 1rem .3rem 0; } .required { color: #b00; }
</style>
</head>
<body>
<nav><strong>${escapeHtml(info.title ?? '')}</strong> <small>v${escapeHtml(String(info.version ?? ''))}</small><ul><li><a href="#connection">Settings and credentials</a></li>${toc}</ul>
<p><a href="/openapi.json">openapi.json</a></p></nav>
<main>
<h1>${escapeHtml(info.title ?? 'Connector')}</h1>
<p>${escapeHtml(info.description ?? '')}</p>
<p>Each capability takes the request envelope as a JSON body and answers exactly what the connector executable prints. The settings and credentials below go with every call.</p>
<section class="connection" id="connection">
  <h2>Settings and credentials</h2>
  ${settings ? fieldsetFor(document, 'settings', 'Settings', settings) : '<p>This connector has no settings.</p>'}
  ${auth ? credentialFieldsets(document, auth) : ''}
  ${credentials ? `<label>Credentials (<code>credentials</code>, JSON)<textarea name="credentials" rows="6" spellcheck="false">${escapeHtml(JSON.stringify(exampleOf(document, resolve(document, credentials)) ?? [], null, 2))}</textarea></label><details><summary>Credentials schema</summary><pre>${escapeHtml(JSON.stringify(resolve(document, credentials), null, 2))}</pre></details>` : ''}
  ${!auth && !credentials ? '<p>This connector takes no credentials.</p>' : ''}
</section>
${sections}
</main>
<script>
${clientScript}
</script>
</body>
</html>
`;
}

/** The value a person would start from: defaults, the first enum value, and every required field filled. */
export function exampleOf(document: Schema, schema: Schema | undefined, depth = 0): unknown {
  const resolved = resolve(document, schema);
  if (resolved === undefined || depth > 8) return undefined;
  if ('default' in resolved) return resolved['default'];
  if (Array.isArray(resolved['enum'])) return resolved['enum'][0];
  const variant = resolved['anyOf'] ?? resolved['oneOf'];
  if (Array.isArray(variant)) return exampleOf(document, variant[0], depth + 1);
  switch (resolved['type']) {
    case 'object': {
      const example: Record<string, unknown> = {};
      for (const key of (resolved['required'] ?? []) as string[]) example[key] = exampleOf(document, resolved['properties']?.[key], depth + 1) ?? null;
      return example;
    }
    case 'array':
      return (resolved['minItems'] ?? 0) > 0 ? [exampleOf(document, resolved['items'], depth + 1)] : [];
    case 'string':
      return (
        (
          {
            email: 'someone@example.com',
            uri: 'https://example.com',
            url: 'https://example.com',
            'date-time': '2026-01-01T00:00:00Z',
            date: '2026-01-01',
          } as Record<string, string>
        )[resolved['format']] ?? ''
      );
    case 'integer':
    case 'number':
      return resolved['minimum'] ?? 0;
    case 'boolean':
      return false;
    default:
      return undefined;
  }
}

function resolve(document: Schema, schema: Schema | undefined): Schema | undefined {
  let current = schema;
  for (let hops = 0; current?.['$ref'] !== undefined && hops < 16; hops++) {
    const name = String(current['$ref']).replace('#/components/schemas/', '');
    current = document['components']?.['schemas']?.[name];
  }
  return current;
}

/** One input per field of a flat object schema; a nested value is a JSON text field. */
function fieldsetFor(document: Schema, path: string, legend: string, schema: Schema): string {
  const required = new Set<string>(schema['required'] ?? []);
  const fields = Object.entries((schema['properties'] ?? {}) as Record<string, Schema>).map(([key, raw]) => {
    const field = resolve(document, raw) ?? {};
    const name = `${path}.${key}`;
    const label = `${escapeHtml(field['title'] ?? key)} <code>${escapeHtml(key)}</code>${required.has(key) ? ' <span class="required">required</span>' : ''}`;
    const value = field['default'];
    const common = `name="${escapeHtml(name)}" data-type="${escapeHtml(String(field['type'] ?? 'json'))}"${required.has(key) ? ' data-required="true"' : ''}`;
    let input: string;
    if (Array.isArray(field['enum'])) {
      input = `<select ${common}>${required.has(key) ? '' : '<option value=""></option>'}${field['enum'].map((option: unknown) => `<option${option === value ? ' selected' : ''}>${escapeHtml(String(option))}</option>`).join('')}</select>`;
    } else if (field['type'] === 'boolean') {
      input = `<input type="checkbox" ${common}${value === true ? ' checked' : ''}>`;
    } else if (field['type'] === 'string' || field['type'] === 'integer' || field['type'] === 'number') {
      const type = field['x-secret'] ? 'password' : field['type'] === 'string' ? 'text' : 'number';
      input = `<input type="${type}" ${common}${value === undefined ? '' : ` value="${escapeHtml(String(value))}"`}${field['description'] ? ` placeholder="${escapeHtml(String(field['description']))}"` : ''}>`;
    } else {
      input = `<textarea ${common} rows="2" spellcheck="false">${value === undefined ? '' : escapeHtml(JSON.stringify(value))}</textarea>`;
    }
    return `<label>${label}${input}</label>`;
  });
  return `<fieldset class="envelope-part" data-part="${escapeHtml(path.split('.')[0]!)}"><legend>${escapeHtml(legend)}</legend>${fields.join('')}</fieldset>
  <details><summary>${escapeHtml(legend)} schema</summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>`;
}

/** The `auth` credential: a form for each kind the connector accepts. */
function credentialFieldsets(document: Schema, auth: Schema): string {
  return Object.entries((auth['properties'] ?? {}) as Record<string, Schema>)
    .map(([kind, raw]) => fieldsetFor(document, `auth.${kind}`, `Credential (${kind})`, resolve(document, raw) ?? {}))
    .join('\n  ');
}

/** `list_accounts` → `List Accounts`, the summary `app_info` derives from a name. */
function humanName(name: string): string {
  return name
    .split('_')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

const clientScript = String.raw`
/** The settings and credentials of the connection section, as the envelope carries them. */
function connection() {
  const envelope = {};
  for (const input of document.querySelectorAll('.envelope-part [name]')) {
    const path = input.name.split('.');
    let value;
    if (input.dataset.type === 'boolean') value = input.checked;
    else if (input.value === '') { if (input.dataset.required) value = input.dataset.type === 'string' ? '' : null; else continue; }
    else if (input.dataset.type === 'integer' || input.dataset.type === 'number') value = Number(input.value);
    else if (input.dataset.type === 'string') value = input.value;
    else { try { value = JSON.parse(input.value); } catch { value = input.value; } }
    let target = envelope;
    for (const key of path.slice(0, -1)) target = target[key] ??= {};
    target[path.at(-1)] = value;
  }
  const credentials = document.querySelector('textarea[name=credentials]');
  if (credentials) envelope.credentials = JSON.parse(credentials.value);
  if (!envelope.auth && !credentials) envelope.auth = null;
  return envelope;
}

async function send(form, page) {
  const out = form.querySelector('.result');
  const next = form.querySelector('button.next');
  next.hidden = true;
  out.textContent = '…';
  try {
    const envelope = { request: JSON.parse(form.elements.request.value || '{}'), ...connection() };
    if (form.dataset.paginated) {
      const size = form.elements.size.value ? Number(form.elements.size.value) : undefined;
      if (page || size) envelope.page = { ...(page ?? {}), ...(size ? { size } : {}) };
    }
    const response = await fetch(form.dataset.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(envelope) });
    const answer = await response.json();
    out.textContent = response.status + '\n' + JSON.stringify(answer, null, 2);
    if (answer.page && answer.page.token) {
      next.hidden = false;
      next.onclick = () => send(form, answer.page);
    }
  } catch (error) { out.textContent = String(error); }
}

for (const form of document.querySelectorAll('form.try')) {
  form.addEventListener('submit', (event) => { event.preventDefault(); send(form); });
}
`;
