// A SCIM 2.0 server on loopback, built with SCIMMY and Bun.serve, seeded from seed.ts. It runs as
// its own process because SCIMMY's configuration and resource handlers are process-wide.
// argv[2]: JSON options (ScimServerOptions in scim-server.ts).
// Prints {"url": …} on stdout once listening.
import SCIMMY from 'scimmy';
import { credentials, seedGroups, seedInactive, seedPeople, seedUserName } from './seed.ts';

/** A SCIM error for SCIMMY to render; its typings want a scimType string even when there is none. */
const scimFailure = (status: number, scimType: string | null, detail: string) => new SCIMMY.Types.Error(status, scimType as string, detail);

const options = JSON.parse(process.argv[2] ?? '{}') as {
  patch?: boolean;
  cursor?: boolean;
  etag?: boolean;
  concurrentEdit?: boolean;
  hideMembers?: boolean;
  oneEmailPerType?: boolean;
  noUserGroups?: boolean;
};
const patchSupported = options.patch !== false;

type Record = { id: string; [key: string]: unknown };
const users = new Map<string, Record>();
const groups = new Map<string, Record>();
let sequence = 0;
let versions = 0;
const newId = (prefix: string) => `${prefix}-${(++sequence).toString().padStart(4, '0')}`;
const now = () => new Date().toISOString();

/** The stored copy of a resource SCIMMY handed to ingress, with server-owned attributes set. */
function store(map: Map<string, Record>, prefix: string, resourceId: string | undefined, instance: any, unique: string): Record {
  if (options.oneEmailPerType && Array.isArray(instance.emails)) {
    // Like servers that take one address per type (RFC 7643 allows several; SCIMMY accepts them).
    const types = instance.emails.map((email: { type?: string }) => email.type ?? '');
    const repeated = types.find((type: string, index: number) => types.indexOf(type) !== index);
    if (repeated !== undefined) throw scimFailure(400, 'invalidValue', `emails: only one address of type ${JSON.stringify(repeated)} is allowed`);
    const refused = instance.emails.find((email: { value?: string }) => String(email.value).endsWith('@refused.test'));
    if (refused !== undefined) throw scimFailure(400, 'invalidValue', `emails: the domain of ${refused.value} is not allowed`);
  }
  const value = String(instance[unique]);
  for (const other of map.values()) {
    if (other.id !== resourceId && String(other[unique]).toLowerCase() === value.toLowerCase()) {
      throw scimFailure(409, 'uniqueness', `${unique} ${JSON.stringify(value)} is already taken`);
    }
  }
  const existing = resourceId === undefined ? undefined : map.get(resourceId);
  if (resourceId !== undefined && existing === undefined) throw scimFailure(404, null, `Resource ${resourceId} not found`);
  const id = existing?.id ?? newId(prefix);
  const { password: _password, ...kept } = JSON.parse(JSON.stringify(instance));
  const meta = {
    created: (existing?.meta as { created?: string })?.created ?? now(),
    lastModified: now(),
    ...(options.etag ? { version: `W/"${++versions}"` } : {}),
  };
  const record: Record = { ...kept, id, meta };
  map.set(id, record);
  return record;
}

function egress(map: Map<string, Record>, resource: any): Record | Record[] {
  if (resource.id) {
    const found = map.get(resource.id);
    if (found === undefined) throw scimFailure(404, null, `Resource ${resource.id} not found`);
    return found;
  }
  const all = [...map.values()];
  return resource.filter ? resource.filter.match(all) : all;
}

/** A User's groups (returned only, RFC 7643 §4.1.2), derived from the Groups' members. */
function withGroups(user: Record): Record {
  // Like servers whose Users have no groups attribute at all.
  if (options.noUserGroups) return user;
  const memberOf = [...groups.values()].filter((group) =>
    ((group.members as { value: string }[] | undefined) ?? []).some((member) => member.value === user.id),
  );
  return { ...user, groups: memberOf.map((group) => ({ value: group.id, display: group.displayName, type: 'direct' })) };
}

SCIMMY.Config.set({
  patch: patchSupported,
  filter: { supported: true, maxResults: 200 },
  sort: true,
  bulk: false,
  etag: options.etag === true,
  changePassword: false,
  authenticationSchemes: [
    { type: 'oauthbearertoken', name: 'Bearer token', description: 'A bearer token in the Authorization header' },
    { type: 'httpbasic', name: 'HTTP Basic', description: 'A user name and password' },
  ],
});
SCIMMY.Resources.declare(SCIMMY.Resources.User)
  .ingress((resource, instance) => store(users, 'user', resource.id, instance, 'userName') as any)
  .egress((resource) => {
    const found = egress(users, resource);
    return (Array.isArray(found) ? found.map(withGroups) : withGroups(found)) as any;
  })
  .degress((resource) => {
    if (!users.delete(resource.id!)) throw scimFailure(404, null, `Resource ${resource.id} not found`);
    for (const group of groups.values())
      group.members = ((group.members as { value: string }[] | undefined) ?? []).filter((member) => member.value !== resource.id);
  });
SCIMMY.Resources.declare(SCIMMY.Resources.Group)
  .ingress((resource, instance) => store(groups, 'group', resource.id, instance, 'displayName') as any)
  .egress((resource) => {
    const found = egress(groups, resource);
    // Like servers that never put members in Group answers: memberships are on the Users only.
    const hide = (group: Record) => (options.hideMembers ? { ...group, members: undefined } : group);
    return (Array.isArray(found) ? found.map(hide) : hide(found)) as any;
  })
  .degress((resource) => {
    if (!groups.delete(resource.id!)) throw scimFailure(404, null, `Resource ${resource.id} not found`);
  });

// Seed.
const userIds = seedPeople.map((person, index) => {
  const [givenName, familyName] = person;
  const userName = seedUserName(person);
  return store(
    users,
    'user',
    undefined,
    {
      userName,
      name: { givenName, familyName },
      displayName: `${givenName} ${familyName}`,
      active: !seedInactive(index),
      emails: [{ value: userName, type: 'work', primary: true }],
    },
    'userName',
  ).id;
});
const groupIds = new Map<string, string>();
for (const group of seedGroups) {
  const members = [
    ...group.members.map((index) => ({ value: userIds[index]!, display: `${seedPeople[index]![0]} ${seedPeople[index]![1]}`, type: 'User' })),
    ...(group.nested ?? []).map((name) => ({ value: groupIds.get(name)!, display: name, type: 'Group' })),
  ];
  groupIds.set(group.displayName, store(groups, 'group', undefined, { displayName: group.displayName, members }, 'displayName').id);
}

const scimJson = { 'content-type': 'application/scim+json' };
const reply = (body: unknown, status = 200) =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: body === undefined ? {} : scimJson });
const failure = (error: unknown) => {
  const message = new SCIMMY.Messages.Error(error as any);
  return reply(message, Number(message.status));
};

/** Who is calling: a full or read-only token, a token scoped to Users only, basic auth, or nobody. */
function caller(request: Request): 'admin' | 'reader' | 'users-only' | undefined {
  const header = request.headers.get('authorization') ?? '';
  if (header === `Bearer ${credentials.token}`) return 'admin';
  if (header === `Bearer ${credentials.readOnlyToken}`) return 'reader';
  if (header === `Bearer ${credentials.usersOnlyToken}`) return 'users-only';
  if (header === `Basic ${Buffer.from(`${credentials.basic.username}:${credentials.basic.password}`).toString('base64')}`) return 'admin';
  return undefined;
}

/** Users edited by the simulated other administrator (options.concurrentEdit). */
const editedElsewhere = new Set<string>();

/** RFC 9865 cursors on top of SCIMMY, which pages only by startIndex: a cursor names a startIndex the server handed out. */
const cursors = new Map<string, number>();

/** The query parameters SCIMMY reads, with numbers as numbers. */
function listParams(query: URLSearchParams) {
  const params: { [key: string]: string | number } = {};
  for (const key of ['filter', 'attributes', 'excludedAttributes', 'sortBy', 'sortOrder']) {
    const value = query.get(key);
    if (value !== null) params[key] = value;
  }
  for (const key of ['startIndex', 'count']) {
    const value = query.get(key);
    if (value !== null) params[key] = Number(value);
  }
  return params;
}

async function handle(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const [, endpoint, id, ...rest] = url.pathname.split('/');
  if (rest.length > 0) return failure(scimFailure(404, null, `No endpoint ${url.pathname}`));
  const who = caller(request);
  if (who === undefined) return failure(scimFailure(401, null, 'Authorization failed'));
  if (who === 'users-only' && endpoint === 'Groups') return failure(scimFailure(403, null, 'This token is not scoped for Groups'));
  if (request.method !== 'GET' && who === 'reader') return failure(scimFailure(403, null, 'This token may only read'));
  if (request.method === 'PATCH' && !patchSupported) return failure(scimFailure(501, null, 'PATCH is not supported by this server'));

  if (endpoint === 'ServiceProviderConfig' && request.method === 'GET') {
    const config = (await new SCIMMY.Resources.ServiceProviderConfig().read()) as unknown as { [key: string]: unknown };
    return reply(options.cursor ? { ...config, pagination: { cursor: true, index: false, defaultPaginationMethod: 'cursor', cursorTimeout: 3600 } } : config);
  }
  if (endpoint === 'ResourceTypes' || endpoint === 'Schemas') {
    const Resource = endpoint === 'ResourceTypes' ? SCIMMY.Resources.ResourceType : SCIMMY.Resources.Schema;
    const read = JSON.parse(JSON.stringify(await new Resource(id as string).read()));
    if (options.noUserGroups && endpoint === 'Schemas') {
      const withoutGroups = (schema: any) =>
        schema.id === 'urn:ietf:params:scim:schemas:core:2.0:User'
          ? { ...schema, attributes: schema.attributes.filter((attribute: any) => attribute.name !== 'groups') }
          : schema;
      return reply(read.Resources ? { ...read, Resources: read.Resources.map(withoutGroups) } : withoutGroups(read));
    }
    return reply(read);
  }
  const Resource = endpoint === 'Users' ? SCIMMY.Resources.User : endpoint === 'Groups' ? SCIMMY.Resources.Group : undefined;
  if (Resource === undefined) return failure(scimFailure(404, null, `No endpoint ${url.pathname}`));
  const params = listParams(url.searchParams) as any;
  const body = request.method === 'POST' || request.method === 'PUT' || request.method === 'PATCH' ? ((await request.json()) as any) : undefined;
  switch (request.method) {
    case 'GET': {
      if (id) return reply(await new Resource(id, params).read());
      if (!options.cursor) return reply(await new Resource(params).read());
      // The cursor variant pages by cursor only (pagination.index is false).
      if (url.searchParams.has('startIndex')) return failure(scimFailure(400, 'invalidValue', 'This server pages by cursor only'));
      const cursor = url.searchParams.get('cursor') ?? '';
      const startIndex = cursor === '' ? 1 : cursors.get(cursor);
      if (startIndex === undefined)
        return reply({ schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '400', scimType: 'invalidCursor', detail: 'Unknown cursor' }, 400);
      const list = (await new Resource({ ...params, startIndex }).read()) as unknown as { Resources: unknown[]; totalResults: number };
      const next = startIndex + list.Resources.length;
      const nextCursor = list.Resources.length > 0 && next <= list.totalResults ? crypto.randomUUID() : undefined;
      if (nextCursor) cursors.set(nextCursor, next);
      return reply({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
        itemsPerPage: list.Resources.length,
        Resources: list.Resources,
        ...(nextCursor ? { nextCursor } : {}),
      });
    }
    case 'POST':
      return id ? failure(scimFailure(404, null, 'POST targets a collection')) : reply(await new Resource(params).write(body), 201);
    case 'PUT': {
      const map = endpoint === 'Users' ? users : groups;
      const condition = request.headers.get('if-match');
      if (options.etag && condition !== null && map.has(id as string)) {
        // Another administrator edits the User between the connector's read and its first conditional PUT.
        if (options.concurrentEdit && !editedElsewhere.has(id as string)) {
          editedElsewhere.add(id as string);
          const current = map.get(id as string)!;
          map.set(current.id, { ...current, title: 'Changed elsewhere', meta: { ...(current.meta as object), version: `W/"${++versions}"` } });
        }
        const version = (map.get(id as string)!.meta as { version?: string }).version;
        if (condition !== version) return failure(scimFailure(412, null, `The resource changed: its version is ${version}, not ${condition}`));
      }
      return reply(await new Resource(id as string, params).write(body));
    }
    case 'PATCH': {
      const patched = await new Resource(id as string, params).patch(body);
      return patched === undefined ? reply(undefined, 204) : reply(patched);
    }
    case 'DELETE':
      await new Resource(id as string).dispose();
      return reply(undefined, 204);
    default:
      return failure(scimFailure(404, null, `Method ${request.method} not supported`));
  }
}

const server = Bun.serve({
  port: 0,
  hostname: '127.0.0.1',
  fetch: async (request) => {
    try {
      return await handle(request);
    } catch (error) {
      return failure(error);
    }
  },
});
for (const Resource of [
  SCIMMY.Resources.User,
  SCIMMY.Resources.Group,
  SCIMMY.Resources.ResourceType,
  SCIMMY.Resources.Schema,
  SCIMMY.Resources.ServiceProviderConfig,
]) {
  Resource.basepath(`http://127.0.0.1:${server.port}`);
}
await Bun.write(Bun.stdout, `${JSON.stringify({ url: `http://127.0.0.1:${server.port}` })}\n`);
