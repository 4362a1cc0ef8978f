import { expect, test } from 'bun:test';
import { tenantId } from './tenant-id.ts';

test('the tenant id ignores how the same base URL is written, and tells different ones apart', () => {
  const id = tenantId('https://app.example.com/scim/v2');
  expect(id).toMatch(/^scim-[0-9a-f]{24}$/);
  for (const same of [
    'https://APP.example.com/scim/v2/',
    'https://app.example.com:443/scim/v2//',
    'https://user:pw@app.example.com/scim/v2?x=1#y',
    ' https://app.example.com/scim/v2 ',
  ]) {
    expect(tenantId(same)).toBe(id);
  }
  for (const other of [
    'http://app.example.com/scim/v2',
    'https://app.example.com/SCIM/v2',
    'https://app.example.com:8443/scim/v2',
    'https://other.example.com/scim/v2',
  ]) {
    expect(tenantId(other)).not.toBe(id);
  }
});
