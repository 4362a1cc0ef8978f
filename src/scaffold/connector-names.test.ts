import { expect, test } from 'bun:test';
import { connectorNames } from './connector-names.ts';

test('the title keeps the capitals typed and capitalises only words typed in lower case', () => {
  expect(connectorNames('acme-hr')).toEqual({ name: 'acme-hr', pascal: 'AcmeHr', title: 'Acme Hr' });
  expect(connectorNames('Acme HR')).toEqual({ name: 'acme-hr', pascal: 'AcmeHr', title: 'Acme HR' });
  expect(connectorNames('AcmeHR').title).toBe('Acme HR');
  expect(connectorNames('acme_hr', 'Acme HR')).toEqual({ name: 'acme-hr', pascal: 'AcmeHr', title: 'Acme HR' });
});

test('a title that cannot sit in the generated code is a usage error', () => {
  expect(() => connectorNames('acme-hr', "Acme's")).toThrow('the title "Acme\'s" must be a plain name');
  expect(() => connectorNames('acme-hr', ' ')).toThrow('must be a plain name');
});
