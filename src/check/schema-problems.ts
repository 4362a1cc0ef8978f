import { resolveRef, type JsonSchema } from './minimal-value.ts';

const types = new Set(['object', 'array', 'string', 'number', 'integer', 'boolean', 'null']);
const subschemaLists = ['anyOf', 'oneOf', 'allOf', 'prefixItems'] as const;
const subschemas = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains'] as const;

/**
 * Why a JSON Schema would not compile, or none: unknown types, `required` naming keys that are not
 * properties, malformed keywords and `$ref`s that do not resolve, each with its path.
 */
export function schemaProblems(schema: unknown, root: unknown = schema, path = '#'): string[] {
  if (typeof schema === 'boolean') return [];
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return [`${path} is not a schema object`];
  const node = schema as JsonSchema;
  const problems: string[] = [];
  if (typeof node['$ref'] === 'string') {
    if (!node['$ref'].startsWith('#')) problems.push(`${path}: $ref ${node['$ref']} is not local`);
    else if (Object.keys(resolveRef(node, root as JsonSchema)).length === 0 && !refExists(node['$ref'], root))
      problems.push(`${path}: $ref ${node['$ref']} does not resolve`);
  }
  if (node['type'] !== undefined) {
    const listed = Array.isArray(node['type']) ? node['type'] : [node['type']];
    for (const type of listed) if (!types.has(type)) problems.push(`${path}: unknown type ${JSON.stringify(type)}`);
  }
  if (node['properties'] !== undefined) {
    if (typeof node['properties'] !== 'object' || node['properties'] === null || Array.isArray(node['properties']))
      problems.push(`${path}/properties is not an object`);
    else for (const [key, value] of Object.entries(node['properties'])) problems.push(...schemaProblems(value, root, `${path}/properties/${key}`));
  }
  if (node['required'] !== undefined) {
    if (!Array.isArray(node['required']) || node['required'].some((key: unknown) => typeof key !== 'string'))
      problems.push(`${path}/required is not a list of names`);
    else if (node['properties'])
      for (const key of node['required'])
        if (!Object.hasOwn(node['properties'], key)) problems.push(`${path}/required names ${JSON.stringify(key)}, which is not a property`);
  }
  if (node['enum'] !== undefined && !Array.isArray(node['enum'])) problems.push(`${path}/enum is not a list`);
  for (const keyword of subschemaLists) {
    if (node[keyword] === undefined) continue;
    if (!Array.isArray(node[keyword])) problems.push(`${path}/${keyword} is not a list`);
    else
      node[keyword].forEach((item: unknown, index: number) => {
        problems.push(...schemaProblems(item, root, `${path}/${keyword}/${index}`));
      });
  }
  for (const keyword of subschemas) if (node[keyword] !== undefined) problems.push(...schemaProblems(node[keyword], root, `${path}/${keyword}`));
  for (const defs of ['$defs', 'definitions']) {
    if (node[defs] && typeof node[defs] === 'object')
      for (const [key, value] of Object.entries(node[defs])) problems.push(...schemaProblems(value, root, `${path}/${defs}/${key}`));
  }
  return problems;
}

function refExists(ref: string, root: unknown): boolean {
  let target: any = root;
  for (const part of ref.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    if (typeof target !== 'object' || target === null || !Object.hasOwn(target, part)) return false;
    target = target[part];
  }
  return true;
}
