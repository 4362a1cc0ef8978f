import { expect, test } from 'bun:test';
import { isHtmlType, parseErrorBody, parseJsonBody } from './parse-body.ts';

test('JSON answers parse; an empty one is null', () => {
  expect(parseJsonBody('{"a":1}', 'application/json; charset=utf-8')).toEqual({ ok: true, data: { a: 1 } });
  expect(parseJsonBody('[1]', 'application/scim+json')).toEqual({ ok: true, data: [1] });
  expect(parseJsonBody('[1]', null)).toEqual({ ok: true, data: [1] });
  expect(parseJsonBody('  ', 'application/json')).toEqual({ ok: true, data: null });
  expect(parseJsonBody('{"a":1}', 'text/plain')).toEqual({ ok: true, data: { a: 1 } });
});

test('HTML, invalid JSON and other types are problems, never thrown', () => {
  expect(parseJsonBody('<html></html>', 'text/html')).toMatchObject({ ok: false, problem: expect.stringContaining('HTML page (text/html)') });
  expect(parseJsonBody('<!DOCTYPE html>', null)).toMatchObject({ ok: false, problem: expect.stringContaining('HTML page (no content type)') });
  expect(parseJsonBody('{"a":', 'application/json')).toMatchObject({ ok: false, problem: expect.stringContaining('invalid JSON') });
  expect(parseJsonBody('a,b\n1,2', 'text/csv')).toEqual({ ok: false, problem: 'The app answered with text/csv instead of JSON.' });
});

test('error answers parse leniently', () => {
  expect(parseErrorBody('{"error":"x"}')).toEqual({ error: 'x' });
  expect(parseErrorBody('plain text')).toBe('plain text');
  expect(parseErrorBody('')).toBe('');
});

test('isHtmlType is /^(?:text\\/html|application\\/xhtml\\+xml)$/i', () => {
  const corpus = [
    'text/html',
    'TEXT/HTML',
    'Text/Html',
    'application/xhtml+xml',
    'Application/XHTML+XML',
    'text/htm',
    'text/html2',
    ' text/html',
    'text/htmİ',
    'application/xhtmlxml',
    'application/json',
    '',
    'text/ｈtml',
    'teˣt/html',
  ];
  for (const type of corpus) expect({ type, is: isHtmlType(type) }).toEqual({ type, is: /^(?:text\/html|application\/xhtml\+xml)$/i.test(type) });
});
