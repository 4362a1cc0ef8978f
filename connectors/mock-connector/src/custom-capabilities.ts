import * as v from 'valibot';
import { ConnectorError, type CapabilityHandler } from 'lumos-connector-sdk';
import { workspaces } from './dataset.ts';
import type { MockSettings } from './settings.ts';
import { loadState } from './state.ts';
import { tenant } from './tenant.ts';

/** `workspace_summary`'s request: which workspace. */
export const WorkspaceSummaryRequest = v.object({ workspace_id: v.string() });

/** `workspace_summary`'s response: the workspace and how many accounts are members. */
export const WorkspaceSummary = v.object({ workspace_id: v.string(), label: v.string(), member_count: v.pipe(v.number(), v.integer()) });

/** A custom read capability: counts a workspace's members. */
export const workspaceSummary: CapabilityHandler<v.InferOutput<typeof WorkspaceSummaryRequest>, v.InferInput<typeof WorkspaceSummary>, MockSettings> = ({
  request,
  settings,
}) => {
  const workspace = workspaces().find((candidate) => candidate.integration_specific_id === request.workspace_id);
  if (!workspace) throw new ConnectorError(`No workspace '${request.workspace_id}'.`, 'not_found', { statusCode: 404 });
  const view = tenant(settings, loadState(settings.state_file));
  let members = 0;
  for (let slot = 0; slot < view.size; slot++) {
    const account = view.accountAt(slot);
    if (!account) continue;
    if (view.associationsOf(account.integration_specific_id).some((a) => a.integration_specific_resource_id === workspace.integration_specific_id)) members++;
  }
  return { response: { workspace_id: workspace.integration_specific_id, label: workspace.label, member_count: members } };
};
