// The cross-tenant harness: from the datamodel and the served schema alone,
// plus one factory per org-owned model (test/factories), it fills two
// organizations with rows of every model and attacks B from inside A, as each
// kind of caller (a member, an admin, API keys of each scope):
//  - every node type: node(id) and nodes(ids) of B's rows answer exactly as
//    for ids that name no row;
//  - every connection, on the root fields and on A's row of every type that
//    has one: no B id anywhere in the answer (and, for the admin, rows of A's,
//    so the check is not vacuous);
//  - every mutation taking an id (as an argument or a field of its input): B's
//    id answers exactly as a missing one, each id argument in turn, the others
//    A's own;
//  - and after all of it, none of B's rows has changed.
// It returns what it found, one line each, so a test can assert none (and a
// test that plants a leak can see it caught). Run it once per wall setting.
import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputField,
  type GraphQLInputType,
  type GraphQLObjectType,
} from 'graphql';
import { encodeGlobalID } from '../../src/lib/global-id.js';
import { schema } from '../../src/schema/index.js';
import { isModelType, modelType } from '../../src/schema/loading/model-types.js';
import { ORG_OWNED_MODELS, type ModelName } from '../../src/tenancy/org-scope.js';
import type { CallOptions, GqlResponse, TestApp } from './app.js';
import { callers, type Callers } from './callers.js';
import { delegateOf, factories, one } from './factories.js';

type Gql = TestApp['gql'];
type Org = 'a' | 'b';

/** The callers whose view of B is checked, by name. */
const ATTACKERS = ['admin', 'member', 'readKey', 'writeKey', 'readWriteKey'] as const;

export interface World {
  app: TestApp;
  who: Record<Org, Callers>;
  /** Global ids of each org's rows, by GraphQL type. */
  ids: Record<Org, Map<string, string[]>>;
  /** Every global id of B's: none may show in A. */
  bIds: Set<string>;
}

/** The model types of the served schema: GraphQL type name → model. */
function modelTypes(): Map<string, ModelName> {
  const types = new Map<string, ModelName>();
  for (const name of Object.keys(schema.getTypeMap())) if (isModelType(name)) types.set(name, modelType(name).model);
  return types;
}

/** Two organizations, A and B, each with its callers and rows of every org-owned model. */
export async function seedTwoOrgs(app: TestApp): Promise<World> {
  const who = { a: await callers(app, 'org-a'), b: await callers(app, 'org-b') };
  const made = await factories();
  const missing = ORG_OWNED_MODELS.filter((model) => !made.has(model));
  if (missing.length) throw new Error(`no factory for ${missing.join(', ')}: add test/factories/<model>.ts`);
  const ids: World['ids'] = { a: new Map(), b: new Map() };
  for (const org of ['a', 'b'] as const) {
    const orgId = who[org].orgId;
    // One row of each model, the one its other rows point at.
    for (const model of made.keys()) await one(app.db.prisma, model, orgId);
    for (const [typeName, model] of modelTypes()) {
      const where =
        model === 'User' ? { memberships: { some: { orgId } } } : model === 'Organization' ? { id: orgId } : { orgId };
      const rows = await delegateOf(app.db.prisma, model).findMany({ where, select: { id: true } });
      ids[org].set(
        typeName,
        rows.map((row) => encodeGlobalID(typeName, row.id)),
      );
    }
  }
  return { app, who, ids, bIds: new Set([...ids.b.values()].flat()) };
}

/** What a caller learns from an answer: its data and its errors' codes, messages and paths. */
function seen(res: GqlResponse) {
  return JSON.stringify({
    data: res.data ?? null,
    errors: (res.errors ?? []).map((e) => ({ code: e.extensions?.code, message: e.message, path: e.path })),
  });
}

const missingId = (typeName: string) => encodeGlobalID(typeName, randomUUID());

/** B's rows, read by the owner: compared before and after the attack. */
async function snapshotOfB(world: World): Promise<string> {
  const orgId = world.who.b.orgId;
  const parts: Record<string, unknown> = {
    Organization: await world.app.db.prisma.organization.findUnique({ where: { id: orgId } }),
  };
  for (const model of ORG_OWNED_MODELS) {
    parts[model] = await delegateOf(world.app.db.prisma, model).findMany({ where: { orgId }, orderBy: { id: 'asc' } });
  }
  return JSON.stringify(parts);
}

export interface AttackOptions {
  /** Id arguments whose type their name does not spell, e.g. { assigneeId: 'User' }. */
  idTypes?: Record<string, string>;
}

/** Everything B's rows were found to leak into A through `gql`: empty when the walls hold. */
export async function attackFromA(world: World, gql: Gql, options: AttackOptions = {}): Promise<string[]> {
  const problems: string[] = [];
  const before = await snapshotOfB(world);
  for (const attacker of ATTACKERS) {
    const as = world.who.a[attacker];
    await attackNodes(world, gql, as, attacker, problems);
    await attackConnections(world, gql, as, attacker, problems);
    await attackMutations(world, gql, as, attacker, options, problems);
  }
  if ((await snapshotOfB(world)) !== before) problems.push("B's rows changed while A's callers attacked them");
  return problems;
}

async function attackNodes(world: World, gql: Gql, as: CallOptions, attacker: string, problems: string[]) {
  const targets = [...world.ids.b].flatMap(([typeName, ids]) => ids.map((id) => ({ typeName, id })));
  const query = `query($ids: [ID!]!, ${targets.map((_, i) => `$i${i}: ID!`).join(', ')}) {
    nodes(ids: $ids) { id }
    ${targets.map((_, i) => `n${i}: node(id: $i${i}) { id }`).join('\n')}
  }`;
  const variables = (ids: string[]) => ({ ids, ...Object.fromEntries(ids.map((id, i) => [`i${i}`, id])) });
  const ofB = await gql(query, variables(targets.map((t) => t.id)), as);
  const ofNone = await gql(query, variables(targets.map((t) => missingId(t.typeName))), as);
  if (seen(ofB) !== seen(ofNone)) {
    problems.push(`node/nodes as ${attacker}: B's ids answered ${seen(ofB)}, missing ids ${seen(ofNone)}`);
  }
}

const isConnection = (field: GraphQLField<unknown, unknown>) => {
  const type = getNamedType(field.type);
  return isObjectType(type) && type.name.endsWith('Connection') && 'edges' in type.getFields();
};
const requiredArgs = (field: GraphQLField<unknown, unknown>) => field.args.filter((arg) => isNonNullType(arg.type));
const connectionsOf = (type: GraphQLObjectType) =>
  Object.values(type.getFields()).filter((field) => isConnection(field) && requiredArgs(field).length === 0);

/** Each connection's first page of ids, reached from the root and from A's row of every model type. */
function connectionQueries(world: World): { name: string; query: string; variables: Record<string, unknown> }[] {
  const page = (field: GraphQLField<unknown, unknown>) => `${field.name}(first: 100) { edges { node { id } } }`;
  const queries = [];
  for (const root of Object.values(schema.getQueryType()!.getFields())) {
    const type = getNamedType(root.type);
    if (!isObjectType(type) || requiredArgs(root).length > 0 || isModelType(type.name)) continue;
    for (const field of connectionsOf(type)) {
      queries.push({ name: `${root.name}.${field.name}`, query: `{ ${root.name} { ${page(field)} } }`, variables: {} });
    }
  }
  for (const typeName of modelTypes().keys()) {
    const type = schema.getType(typeName) as GraphQLObjectType;
    const id = world.ids.a.get(typeName)?.[0];
    for (const field of connectionsOf(type)) {
      if (!id) throw new Error(`no row of ${typeName} in org A for ${typeName}.${field.name}: add a factory`);
      queries.push({
        name: `${typeName}.${field.name}`,
        query: `query($id: ID!) { node(id: $id) { ... on ${typeName} { ${page(field)} } } }`,
        variables: { id },
      });
    }
  }
  return queries;
}

async function attackConnections(world: World, gql: Gql, as: CallOptions, attacker: string, problems: string[]) {
  for (const { name, query, variables } of connectionQueries(world)) {
    const res = await gql(query, variables, as);
    const text = JSON.stringify(res);
    const leaked = [...world.bIds].filter((id) => text.includes(id));
    if (leaked.length) problems.push(`${name} as ${attacker}: lists B's ${leaked.join(', ')}`);
    if (attacker === 'admin' && !/"node":\{"id"/.test(text)) {
      problems.push(`${name} as admin: no rows of A's, so nothing was checked (${seen(res)})`);
    }
  }
}

/** The type an id argument names: spelled by its name (taskId: Task), else `idTypes`. */
function typeOfId(name: string, options: AttackOptions): string | null {
  const spelled = name.replace(/Id$/, '');
  const typeName = options.idTypes?.[name] ?? `${spelled[0]!.toUpperCase()}${spelled.slice(1)}`;
  return isModelType(typeName) ? typeName : null;
}

const isId = (type: GraphQLInputType) => {
  const inner = isNonNullType(type) ? type.ofType : type;
  return isScalarType(inner) && inner.name === 'ID';
};

function idArguments(mutation: GraphQLField<unknown, unknown>): (GraphQLArgument | GraphQLInputField)[][] {
  const found: (GraphQLArgument | GraphQLInputField)[][] = [];
  for (const arg of mutation.args) {
    if (isId(arg.type)) found.push([arg]);
    const type = getNamedType(arg.type);
    if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (isId(field.type)) found.push([arg, field]);
    }
  }
  return found;
}

/** A value of `type` the schema accepts: A's own row for an id. */
function sampleOf(type: GraphQLInputType, name: string, world: World, options: AttackOptions): unknown {
  if (isNonNullType(type)) return sampleOf(type.ofType, name, world, options);
  if (isListType(type)) return [sampleOf(type.ofType, name, world, options)];
  if (isEnumType(type)) return type.getValues()[0]!.value;
  if (isInputObjectType(type)) {
    return Object.fromEntries(
      Object.values(type.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, sampleOf(field.type, field.name, world, options)]),
    );
  }
  switch (type.name) {
    case 'ID': {
      const typeName = typeOfId(name, options);
      return (typeName && world.ids.a.get(typeName)?.[0]) ?? missingId('Node');
    }
    case 'Int':
    case 'Float':
      return 1;
    case 'Boolean':
      return true;
    case 'DateTime':
      return '2099-01-01T00:00:00.000Z';
    default:
      return 'harness';
  }
}

async function attackMutations(
  world: World,
  gql: Gql,
  as: CallOptions,
  attacker: string,
  options: AttackOptions,
  problems: string[],
) {
  for (const mutation of Object.values(schema.getMutationType()!.getFields())) {
    const payload = getNamedType(mutation.type) as GraphQLObjectType;
    const selection = 'userErrors' in payload.getFields() ? '__typename userErrors { code field }' : '__typename';
    const query = `mutation(${mutation.args.map((a) => `$${a.name}: ${a.type}`).join(', ')}) {
      ${mutation.name}(${mutation.args.map((a) => `${a.name}: $${a.name}`).join(', ')}) { ${selection} }
    }`;
    for (const path of idArguments(mutation)) {
      const names = path.map((p) => p.name);
      const typeName = typeOfId(names.at(-1)!, options);
      if (!typeName) {
        problems.push(
          `${mutation.name}(${names.join('.')}): which type's id is it? Name it <type>Id, or add it to idTypes`,
        );
        continue;
      }
      const bId = world.ids.b.get(typeName)?.[0];
      if (!bId) {
        problems.push(`${mutation.name}(${names.join('.')}): org B has no ${typeName}: add a factory`);
        continue;
      }
      const variablesWith = (id: string) => {
        const variables = Object.fromEntries(
          mutation.args
            .filter((a) => isNonNullType(a.type))
            .map((a) => [a.name, sampleOf(a.type, a.name, world, options)]),
        ) as Record<string, Record<string, unknown>>;
        if (names.length === 1) variables[names[0]!] = id as never;
        else variables[names[0]!] = { ...variables[names[0]!], [names[1]!]: id };
        return variables;
      };
      const ofB = await gql(query, variablesWith(bId), as);
      const ofNone = await gql(query, variablesWith(missingId(typeName)), as);
      if (seen(ofB) !== seen(ofNone)) {
        problems.push(
          `${mutation.name}(${names.join('.')}: B's ${typeName}) as ${attacker}: answered ${seen(ofB)}, for a missing one ${seen(ofNone)}`,
        );
      }
    }
  }
}
