import { describe, expect, test } from 'bun:test';
import { ConnectorError } from '../errors/connector-error.ts';
import { openPage } from './open-page.ts';
import { decodePageToken, encodePageToken } from './page-token.ts';

function failure(run: () => unknown): ConnectorError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConnectorError) return error;
    throw error;
  }
  throw new Error('expected a ConnectorError');
}

describe('openPage', () => {
  test('the page size comes from the request, bounded to 1…maxSize, defaulting to 100', () => {
    expect(openPage(null, { list: 'accounts' }).size).toBe(100);
    expect(openPage({ size: 5 }, { list: 'accounts' }).size).toBe(5);
    expect(openPage({ size: 5000 }, { list: 'accounts', maxSize: 200 }).size).toBe(200);
    expect(openPage({ size: 0 }, { list: 'accounts' }).size).toBe(1);
    expect(openPage({ size: -3 }, { list: 'accounts' }).size).toBe(1);
    expect(openPage(null, { list: 'accounts', maxSize: 50 }).size).toBe(50);
    expect(openPage(null, { list: 'accounts', defaultSize: 20 }).size).toBe(20);
  });

  test('the first page starts at the first endpoint with no cursor', () => {
    expect(openPage(undefined, { list: 'entitlements', endpoints: ['groups', 'roles'] })).toMatchObject({ endpoint: 'groups', cursor: null });
  });

  test('walks endpoints in order, then ends with null', () => {
    const options = { list: 'entitlements', endpoints: ['groups', 'roles'] };
    const first = openPage({ size: 2 }, options);
    const second = openPage(first.next('g2'), options);
    expect(second).toMatchObject({ endpoint: 'groups', cursor: 'g2', size: 2 });
    const third = openPage(second.next(null), options);
    expect(third).toMatchObject({ endpoint: 'roles', cursor: null, size: 2 });
    const fourth = openPage(third.next(10), options);
    expect(fourth).toMatchObject({ endpoint: 'roles', cursor: 10 });
    expect(fourth.next(undefined)).toBeNull();
  });

  test('an upstream cursor returned twice in a row ends with a clear api_error', () => {
    const options = { list: 'accounts' };
    const second = openPage(openPage(null, options).next('A'), options);
    const error = failure(() => second.next('A'));
    expect(error.code).toBe('api_error');
    expect(error.message).toContain('already returned');
    expect(error.message).toContain("'accounts'");
  });

  test('a longer cycle (A, B, A) is caught through the cursors carried in the token', () => {
    const options = { list: 'accounts' };
    const afterA = openPage(openPage(null, options).next('A'), options);
    const afterB = openPage(afterA.next('B'), options);
    expect(decodePageToken(afterA.next('B')!.token, 'accounts').cursors['accounts']!.seen).toHaveLength(1);
    expect(failure(() => afterB.next('A')).code).toBe('api_error');
  });

  test('the token remembers only the last `history` cursors', () => {
    const options = { list: 'accounts', history: 2 };
    let position = openPage(null, options);
    for (const cursor of ['c1', 'c2', 'c3', 'c4']) position = openPage(position.next(cursor), options);
    expect(decodePageToken(position.next('c5')!.token, 'accounts').cursors['accounts']!.seen).toHaveLength(2);
    // c1 is forgotten: a cycle longer than the history is not detected by the token alone.
    expect(() => position.next('c1')).not.toThrow();
    expect(failure(() => position.next('c3')).code).toBe('api_error');
  });

  test('a token naming an endpoint the list does not have is invalid_page_token', () => {
    const token = encodePageToken({ list: 'accounts', cursors: { admins: { cursor: 'x', seen: [] } } });
    expect(failure(() => openPage({ token }, { list: 'accounts', endpoints: ['users'] })).code).toBe('invalid_page_token');
    const empty = encodePageToken({ list: 'accounts', cursors: {} });
    expect(failure(() => openPage({ token: empty }, { list: 'accounts' })).code).toBe('invalid_page_token');
  });

  test('a garbage token is invalid_page_token', () => {
    expect(failure(() => openPage({ token: '%%%' }, { list: 'accounts' })).code).toBe('invalid_page_token');
  });
});
