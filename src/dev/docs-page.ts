/** Renders an OpenAPI document as a self-contained HTML page (no CDN: nothing outside the machine is reachable). */
export function renderDocsPage(document: Record<string, any>): string {
  const info = document['info'] ?? {};
  const paths = Object.entries((document['paths'] ?? {}) as Record<string, any>);
  const sections = paths
    .map(([path, item]) => {
      const operation = item.post ?? {};
      const name = path.slice(1);
      const schema = operation.requestBody?.content?.['application/json']?.schema?.properties?.request ?? {};
      const example = JSON.stringify({ request: {}, settings: {}, auth: null }, null, 2);
      return `<section class="capability" id="${escapeHtml(name)}" data-capability="${escapeHtml(name)}">
  <h2><span class="method">POST</span> <code>${escapeHtml(path)}</code> <span class="tag">${escapeHtml((operation.tags ?? []).join(', '))}</span></h2>
  <p class="summary">${escapeHtml(operation.summary ?? '')}</p>
  <p>${escapeHtml(operation.description ?? '')}</p>
  <details><summary>Request payload schema</summary><pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre></details>
  <form class="try" data-path="${escapeHtml(path)}">
    <label>Request envelope<textarea name="body" rows="6" spellcheck="false">${escapeHtml(example)}</textarea></label>
    <button type="submit">Send</button>
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
  section.capability { border-top: 1px solid #ddd; padding: .5rem 0 1rem; }
  .method { background: #2a7a3b; color: white; border-radius: 3px; padding: 0 .4rem; font-size: .8rem; }
  .tag { color: #777; font-size: .8rem; font-weight: normal; }
  pre { background: #f7f7f9; padding: .5rem; overflow: auto; max-height: 24rem; }
  textarea { width: 100%; font-family: ui-monospace, monospace; display: block; }
</style>
</head>
<body>
<nav><strong>${escapeHtml(info.title ?? '')}</strong> <small>v${escapeHtml(String(info.version ?? ''))}</small><ul>${toc}</ul>
<p><a href="/openapi.json">openapi.json</a></p></nav>
<main>
<h1>${escapeHtml(info.title ?? 'Connector')}</h1>
<p>${escapeHtml(info.description ?? '')}</p>
<p>Each capability takes the request envelope as a JSON body and answers exactly what the connector executable prints.</p>
${sections}
</main>
<script>
for (const form of document.querySelectorAll('form.try')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const out = form.querySelector('.result');
    out.textContent = '…';
    try {
      const response = await fetch(form.dataset.path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: form.elements.body.value });
      out.textContent = response.status + '\\n' + JSON.stringify(await response.json(), null, 2);
    } catch (error) { out.textContent = String(error); }
  });
}
</script>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}
