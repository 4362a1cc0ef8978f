import { describe, expect, test } from 'bun:test';
import { stockConnectorId, stockConnectorIds } from './stock-connector-id.ts';

describe('stockConnectorId', () => {
  test('names the stock connector an app id would be taken for, with or without _on_prem and in any case', () => {
    for (const id of stockConnectorIds) {
      expect(stockConnectorId(id)).toBe(id);
      expect(stockConnectorId(`${id}_on_prem`)).toBe(id);
      expect(stockConnectorId(id.toUpperCase())).toBe(id);
    }
  });

  test('is undefined for ids that only contain or resemble one', () => {
    for (const id of ['acme-scim', 'scim2', 'ldap-sync', 'active-directory', 'flatfile_export', 'mock-connector', 'scim_on_prem_on_prem']) {
      expect(stockConnectorId(id)).toBeUndefined();
    }
  });
});
