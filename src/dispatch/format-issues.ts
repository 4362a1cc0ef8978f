import type * as v from 'valibot';

const maxIssues = 5;

/** The dotted path of an issue, e.g. `request.page.size` or `response[3].email`, prefixed with `prefix`. */
export function issuePath(issue: v.BaseIssue<unknown>, prefix = ''): string {
  let path = prefix;
  for (const item of issue.path ?? []) {
    const key = (item as { key: unknown }).key;
    if (typeof key === 'number') path += `[${key}]`;
    else path += path ? `.${String(key)}` : String(key);
  }
  return path || '(top level)';
}

/** One issue in words a person can act on: where, what was expected, what came instead. */
export function describeIssue(issue: v.BaseIssue<unknown>, prefix = ''): string {
  const where = issuePath(issue, prefix);
  if (issue.input === undefined && issue.kind === 'schema') return `${where}: is required but missing`;
  if (issue.kind === 'schema') return `${where}: expected ${issue.expected ?? issue.type}, received ${issue.received}`;
  return `${where}: ${issue.message}`;
}

/** Several issues joined into one message, the first few in full. */
export function describeIssues(issues: readonly v.BaseIssue<unknown>[], prefix = ''): string {
  const shown = issues.slice(0, maxIssues).map((issue) => describeIssue(issue, prefix));
  const more = issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}
