import { expect, test } from 'bun:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { integration } from '../../connectors/mock-connector/src/integration.ts';
import { dispatch } from '../dispatch/dispatch.ts';
import { executionSummary, requestFingerprint } from './execution-summary.ts';

test('is_idempotent is false for a create unless the handler says a replay is a noop, true for the other effects', () => {
  const request = { email: 'a@acme.test' };
  expect(executionSummary(request, 'created').is_idempotent).toBe(false);
  expect(executionSummary(request, 'created', { idempotent: true }).is_idempotent).toBe(true);
  for (const effect of ['updated', 'deleted', 'noop'] as const) expect(executionSummary(request, effect).is_idempotent).toBe(true);
  expect(executionSummary(request, 'deleted', { idempotent: false }).is_idempotent).toBe(false);
  expect(executionSummary(request, 'noop', 'Already there.')).toEqual({
    effect: { kind: 'noop', reason: 'state_already_matches' },
    request_fingerprint: requestFingerprint(request),
    is_idempotent: true,
    description: 'Already there.',
  });
});

test('the capability goes into the fingerprint: the same pair assigned and unassigned gets two fingerprints', () => {
  const pair = { account_integration_specific_id: 'u1', entitlement_integration_specific_id: 'e1' };
  const assigned = executionSummary(pair, 'created', { capability: 'assign_entitlement' }).request_fingerprint;
  expect(executionSummary(pair, 'noop', { capability: 'assign_entitlement' }).request_fingerprint).toBe(assigned);
  expect(executionSummary(pair, 'deleted', { capability: 'unassign_entitlement' }).request_fingerprint).not.toBe(assigned);
});

test('through the mock connector, assigning and unassigning the same pair get different fingerprints', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'summary-'));
  try {
    const run = async (name: string, request: unknown) => {
      const envelope = {
        request,
        settings: { host: 'acme.test', account_count: 2, state_file: join(folder, 'state.json') },
        auth: { basic: { username: 'u', password: 'p' } },
      };
      return (await dispatch(integration, name, JSON.stringify(envelope))).envelope as {
        execution_summary: { request_fingerprint: string; is_idempotent: boolean };
      };
    };
    const pair = {
      account_integration_specific_id: 'user-000001',
      resource_integration_specific_id: 'workspace-2',
      resource_type: 'workspace',
      entitlement_type: 'workspace_member',
      entitlement_integration_specific_id: 'member-workspace-2',
    };
    const assigned = (await run('assign_entitlement', pair)).execution_summary;
    const unassigned = (await run('unassign_entitlement', pair)).execution_summary;
    expect(assigned.request_fingerprint).toMatch(/^[0-9a-f]{64}$/);
    expect(unassigned.request_fingerprint).not.toBe(assigned.request_fingerprint);
    expect([assigned.is_idempotent, unassigned.is_idempotent]).toEqual([true, true]);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
});
