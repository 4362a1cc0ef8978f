import { ConnectorError } from 'lumos-connector-sdk';
import type { AccountStatus, FoundAccountData } from 'lumos-connector-sdk/wire';

/** What writes changed in the generated tenant. */
export interface MockState {
  /** Accounts created by `create_account`, by id. */
  created: Record<string, FoundAccountData>;
  /** Ids of deleted accounts. */
  deleted: string[];
  /** Status changes by account id. */
  status: Record<string, AccountStatus>;
  /** Profile changes by account id. */
  profile: Record<string, Partial<FoundAccountData>>;
  /** Associations added, as `account|entitlement|resource`. */
  granted: string[];
  /** Generated associations removed, as `account|entitlement|resource`. */
  revoked: string[];
}

const memory = new Map<string, MockState>();

function emptyState(): MockState {
  return { created: {}, deleted: [], status: {}, profile: {}, granted: [], revoked: [] };
}

/** Loads the state kept in `file` (or kept in memory for this process when there is no file). */
export function loadState(file: string | undefined): MockState {
  if (file === undefined) {
    if (!memory.has('')) memory.set('', emptyState());
    return memory.get('')!;
  }
  // Required here rather than imported: a static import of a built-in is paid at every start-up.
  const { existsSync, readFileSync } = require('node:fs') as typeof import('node:fs');
  if (!existsSync(file)) return emptyState();
  try {
    return { ...emptyState(), ...(JSON.parse(readFileSync(file, 'utf8')) as Partial<MockState>) };
  } catch (error) {
    throw new ConnectorError(`The state file ${file} is not readable JSON: ${(error as Error).message}`, 'bad_request');
  }
}

/** Saves the state atomically (temporary file, then rename). */
export function saveState(file: string | undefined, state: MockState): void {
  if (file === undefined) return;
  const temporary = `${file}.${process.pid}.tmp`;
  const { renameSync, writeFileSync } = require('node:fs') as typeof import('node:fs');
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, file);
}

/** The key of an association in the state's lists. */
export function associationKey(account: string, entitlement: string, resource: string): string {
  return `${account}|${entitlement}|${resource}`;
}
