// The tenancy check (`npm run check:tenancy`, test/tenancy-check.test.ts): what
// the migrated database, the datamodel and the served GraphQL schema must hold
// for the two walls to stand, for every org-owned model (a model with an
// `orgId` field, as isOrgOwned in org-scope.ts). Each rule is a property, not
// one text to match:
//  1. row-level-security: the table has ENABLE and FORCE row-level security
//     (FORCE: its owner obeys the policies too). Catalog (pg_class).
//  2. isolation-policy: every command (SELECT, INSERT, UPDATE, DELETE) is
//     covered by a permissive policy applying to orgraph_tenant (or PUBLIC)
//     that reads org_id and app_org_id() (catalog: pg_policy, pg_depend), and
//     the policies together admit no row of another organization. That is
//     checked by behaviour: each USING and WITH CHECK is evaluated on a probe
//     row of another organization (org_id set, every other column null) with
//     app.org_id naming the active one, as PostgreSQL combines them (any
//     permissive one, and every restrictive one). Narrower policies keyed on
//     other columns (api_keys' authenticate_key) admit no such row; USING
//     (true) or a comparison with the wrong value does. A policy that ORs the
//     org with another key in one expression is not caught (the probe's other
//     columns are null): keep those in policies of their own, as here.
//  3. org-id-immutable: neither the tenant role nor the role the server
//     connects as (current_user) can change org_id: it lacks UPDATE on the
//     column, or an enabled BEFORE UPDATE row trigger refuses the change.
//     Behaviour: each such trigger is recreated on an empty temporary copy of
//     the table, where changing a row's org_id must fail or leave it as it was.
//  4. org-id-index: a valid, non-partial index whose first column is org_id,
//     so the policies and org-scoped reads touch one org's rows. Catalog.
//  5. composite-foreign-key: RLS does not check foreign-key targets, so every
//     relation from an org-owned model to another is keyed on (orgId, …) →
//     (orgId, …) in the datamodel, and the database has that foreign key; no
//     foreign key between org-owned tables leaves org_id out. Datamodel and
//     catalog (pg_constraint).
//  6. tenant-grants: orgraph_tenant has SELECT, INSERT, UPDATE and DELETE on
//     the table (has_table_privilege).
//  7. graphql-gate: a GraphQL object type named after an org-owned model, or
//     registered for one, is a model type (modelNode) of an org-owned model, so
//     a lookup by id goes through Loaders.readable, null outside the row's org;
//     and every field showing such rows (the type, a connection of it, an
//     interface or union holding it) is gated: it has authScopes (or its type
//     has), it is a modelNode relation (loaders.related → readable), it is
//     node/nodes, or it is reachable only through gated fields (payloads under
//     scoped mutations; Viewer under Query.viewer). A model type's own fields
//     are always checked, since its rows are also reached by id and through
//     relations, e.g. an organization the caller belongs to but does not act
//     on. REVIEWED_FIELDS are those whose resolvers show only the caller's own
//     rows, which no schema metadata can tell.
// The database side runs as the role the server connects as, in one
// transaction rolled back at the end: nothing is left behind. The datamodel is
// the generated client's (prismaDatamodel), or a copy a test changed.
import { randomUUID } from 'node:crypto';
import {
  getNamedType,
  isAbstractType,
  isObjectType,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import type { Prisma, PrismaClient } from '../generated/prisma/client.js';
import { isModelType, modelType } from '../schema/loading/model-types.js';
import { TENANT_ROLE } from './org-scope.js';

export const TENANCY_RULES = [
  'table',
  'row-level-security',
  'isolation-policy',
  'org-id-immutable',
  'org-id-index',
  'composite-foreign-key',
  'tenant-grants',
  'graphql-gate',
] as const;
export type TenancyRule = (typeof TENANCY_RULES)[number];

export interface TenancyFinding {
  /** The org-owned model, and its table. */
  model: string;
  table: string;
  rule: TenancyRule;
  /** What is wrong. */
  problem: string;
  /** The SQL or schema change that fixes it. */
  fix: string;
}

/** The part of a datamodel this check reads, shaped as Prisma's runtime datamodel (field names as in DMMF). */
export interface DatamodelField {
  name: string;
  kind: string;
  type: string;
  dbName?: string | null;
  /** A relation's own fields and the ones they reference (`@relation(fields:, references:)`). */
  relationFromFields?: readonly string[];
  relationToFields?: readonly string[];
}
export interface Datamodel {
  models: Record<string, { dbName?: string | null; fields: readonly DatamodelField[] }>;
}

/** Fields whose resolvers show only the caller's own rows (rule 7), and how. */
export const REVIEWED_FIELDS: Readonly<Record<string, string>> = {
  'Organization.viewerMembership':
    "the caller's own membership: loadReadable in the active org, else loaders.viewerMembership keyed on the caller's user id",
};

/**
 * The generated client's runtime datamodel (`_runtimeDataModel`), with each
 * relation's fields and references, which it leaves out, read from the schema
 * it was generated from (`inlineSchema`).
 */
export function prismaDatamodel(prisma: PrismaClient): Datamodel {
  const client = prisma as unknown as { _runtimeDataModel?: Datamodel; _engineConfig?: { inlineSchema?: string } };
  const runtime = client._runtimeDataModel;
  const schemaText = client._engineConfig?.inlineSchema;
  if (!runtime?.models || !schemaText) throw new Error("Can't read the generated Prisma client's datamodel.");
  const keys = relationKeys(schemaText);
  const models = Object.entries(runtime.models).map(([name, model]) => [
    name,
    {
      dbName: model.dbName ?? null,
      fields: model.fields.map((field) => ({ ...field, ...keys.get(`${name}.${field.name}`) })),
    },
  ]);
  return { models: Object.fromEntries(models) };
}

/** `fields:` and `references:` of every @relation in a Prisma schema, by "Model.field". */
function relationKeys(schemaText: string) {
  const keys = new Map<string, Pick<DatamodelField, 'relationFromFields' | 'relationToFields'>>();
  const list = (names: string) =>
    names
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean);
  for (const [, model, body] of schemaText.matchAll(/^model\s+(\w+)\s*\{([\s\S]*?)^\}/gm)) {
    for (const line of body!.split('\n')) {
      const code = line.replace(/\/\/.*$/, '');
      const field = /^\s*(\w+)\s/.exec(code)?.[1];
      const from = /@relation\(.*\bfields:\s*\[([^\]]*)\]/.exec(code)?.[1];
      const to = /@relation\(.*\breferences:\s*\[([^\]]*)\]/.exec(code)?.[1];
      if (field && from !== undefined && to !== undefined) {
        keys.set(`${model}.${field}`, { relationFromFields: list(from), relationToFields: list(to) });
      }
    }
  }
  return keys;
}

interface OrgOwnedModel {
  name: string;
  table: string;
  orgColumn: string;
  fields: readonly DatamodelField[];
}

/** The org-owned models of `datamodel`: those with an `orgId` field. */
export function orgOwnedModelNames(datamodel: Datamodel): string[] {
  return [...orgOwnedModels(datamodel).keys()].sort();
}

function orgOwnedModels(datamodel: Datamodel): Map<string, OrgOwnedModel> {
  const owned = new Map<string, OrgOwnedModel>();
  for (const [name, model] of Object.entries(datamodel.models)) {
    const orgId = model.fields.find((f) => f.name === 'orgId' && f.kind === 'scalar');
    if (orgId) {
      owned.set(name, {
        name,
        table: model.dbName ?? name,
        orgColumn: orgId.dbName ?? orgId.name,
        fields: model.fields,
      });
    }
  }
  return owned;
}

const columnOf = (model: { fields: readonly DatamodelField[] }, field: string) =>
  model.fields.find((f) => f.name === field)?.dbName ?? field;

/** A quoted SQL identifier. */
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const idents = (names: readonly string[]) => names.map(ident).join(', ');

/**
 * The findings for every org-owned model of `datamodel`, in the database `db`
 * is opened on (as the role the server connects as) and in the GraphQL
 * `schema`, whose model types are the ones src/schema registered (import it
 * first); sorted by table, rule and problem. Empty when every rule holds.
 */
export async function checkTenancy(
  db: { prisma: PrismaClient },
  datamodel: Datamodel,
  schema: GraphQLSchema,
  reviewedFields: Readonly<Record<string, string>> = REVIEWED_FIELDS,
): Promise<TenancyFinding[]> {
  const models = orgOwnedModels(datamodel);
  const findings = await rolledBack(db.prisma, async (sql) => {
    const [tenant] = await sql.query<{ present: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS present`,
      TENANT_ROLE,
    );
    if (!tenant?.present) throw new Error(`The role ${TENANT_ROLE} does not exist: is the database migrated?`);
    const found: TenancyFinding[] = [];
    const tables = new Map<string, string>(); // model → the table's qualified name
    for (const model of models.values()) {
      const qualified = await checkTable(sql, model, found);
      if (qualified) tables.set(model.name, qualified);
    }
    for (const model of models.values()) {
      const qualified = tables.get(model.name);
      if (qualified) await checkForeignKeys(sql, model, qualified, models, datamodel, tables, found);
    }
    return found;
  });
  findings.push(...graphqlFindings(schema, models, reviewedFields));
  const order = (f: TenancyFinding) => TENANCY_RULES.indexOf(f.rule);
  return findings.sort(
    (a, b) =>
      a.table.localeCompare(b.table) ||
      order(a) - order(b) ||
      a.problem.localeCompare(b.problem) ||
      a.fix.localeCompare(b.fix),
  );
}

/** One line per finding, with its fix. */
export function formatFinding(f: TenancyFinding): string {
  return `${f.table} (${f.model}) [${f.rule}]: ${f.problem}. Fix: ${f.fix}`;
}

// ---- the database ----------------------------------------------------------

interface Sql {
  query<T>(sql: string, ...params: unknown[]): Promise<T[]>;
  exec(sql: string, ...params: unknown[]): Promise<void>;
  /** Runs `work` in a savepoint, undone afterwards whatever happened; its error, if any, is returned. */
  undone(work: () => Promise<void>): Promise<Error | null>;
}

class RolledBack<T> {
  constructor(readonly value: T) {}
}

async function rolledBack<T>(prisma: PrismaClient, work: (sql: Sql) => Promise<T>): Promise<T> {
  try {
    await prisma.$transaction(
      async (tx: Prisma.TransactionClient) => {
        const sql: Sql = {
          query: (text, ...params) => tx.$queryRawUnsafe(text, ...params),
          exec: async (text, ...params) => void (await tx.$executeRawUnsafe(text, ...params)),
          async undone(inner) {
            await tx.$executeRawUnsafe('SAVEPOINT tenancy_check');
            const error = await inner().then(
              () => null,
              (e: Error) => e,
            );
            await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT tenancy_check');
            return error;
          },
        };
        throw new RolledBack(await work(sql));
      },
      { maxWait: 10_000, timeout: 120_000 },
    );
  } catch (outcome) {
    if (outcome instanceof RolledBack) return outcome.value as T;
    throw outcome;
  }
  throw new Error('unreachable: the transaction always rolls back');
}

/** Rules 1–4 and 6 for one model's table; returns its qualified name when it exists. */
async function checkTable(sql: Sql, model: OrgOwnedModel, found: TenancyFinding[]): Promise<string | null> {
  const { table, orgColumn } = model;
  const report = (rule: TenancyRule, problem: string, fix: string) =>
    found.push({ model: model.name, table, rule, problem, fix });
  const [info] = await sql.query<{ qualified: string; enabled: boolean; forced: boolean; orgType: string | null }>(
    `SELECT format('%I.%I', n.nspname, c.relname) AS qualified, c.relrowsecurity AS enabled,
            c.relforcerowsecurity AS forced, format_type(a.atttypid, a.atttypmod) AS "orgType"
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = $2 AND a.attnum > 0 AND NOT a.attisdropped
     WHERE c.oid = to_regclass(quote_ident($1)) AND c.relkind IN ('r', 'p')`,
    table,
    orgColumn,
  );
  if (!info?.orgType) {
    report(
      'table',
      info ? `the table has no column ${orgColumn}` : 'the database has no such table',
      'apply the migrations (npm run db:migrate), or add one that creates what the model says',
    );
    return null;
  }
  const { qualified } = info;
  const t = ident(table);
  const org = ident(orgColumn);

  // 1. ENABLE and FORCE row-level security.
  if (!info.enabled) {
    report('row-level-security', 'row-level security is not enabled', `ALTER TABLE ${t} ENABLE ROW LEVEL SECURITY`);
  }
  if (!info.forced) {
    const problem = 'row-level security is not forced on the owner';
    report('row-level-security', problem, `ALTER TABLE ${t} FORCE ROW LEVEL SECURITY`);
  }

  // 2. The isolation policy.
  for (const [problem, fix] of await policyProblems(sql, qualified, table, orgColumn)) {
    report('isolation-policy', problem, fix);
  }

  // 3. org_id can't be changed by the roles the server uses.
  const { changers, untested } = await orgIdChangers(sql, qualified, orgColumn, info.orgType);
  if (changers.length) {
    const why = untested.length ? ` (could not test ${untested.join(', ')})` : '';
    report(
      'org-id-immutable',
      `${changers.join(' and ')} can UPDATE ${orgColumn} and no enabled BEFORE UPDATE row trigger refuses a change${why}`,
      `CREATE TRIGGER org_id_immutable BEFORE UPDATE OF ${org} ON ${t} FOR EACH ROW EXECUTE FUNCTION forbid_org_id_change()`,
    );
  }

  // 4. An index led by org_id.
  const [index] = await sql.query<{ present: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attname = $2
       WHERE i.indrelid = to_regclass($1) AND i.indkey[0] = a.attnum AND i.indpred IS NULL AND i.indisvalid
     ) AS present`,
    qualified,
    orgColumn,
  );
  if (!index?.present) {
    report(
      'org-id-index',
      `no index starts with ${orgColumn}`,
      `CREATE UNIQUE INDEX ${ident(`${table}_${orgColumn}_id_key`)} ON ${t} (${org}, "id"), with @@unique([orgId, id]) in model ${model.name}`,
    );
  }

  // 6. The tenant role's privileges.
  const missing = await sql.query<{ privilege: string }>(
    `SELECT p.privilege FROM unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) WITH ORDINALITY AS p(privilege, i)
     WHERE NOT has_table_privilege($2, to_regclass($1), p.privilege) ORDER BY p.i`,
    qualified,
    TENANT_ROLE,
  );
  if (missing.length) {
    const privileges = missing.map((m) => m.privilege).join(', ');
    report('tenant-grants', `${TENANT_ROLE} lacks ${privileges}`, `GRANT ${privileges} ON ${t} TO ${TENANT_ROLE}`);
  }
  return qualified;
}

const COMMANDS = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const;
type Command = (typeof COMMANDS)[number];
const POLICY_COMMANDS: Record<string, readonly Command[]> = {
  '*': COMMANDS,
  r: ['SELECT'],
  a: ['INSERT'],
  w: ['UPDATE'],
  d: ['DELETE'],
};

interface Policy {
  name: string;
  cmd: string;
  permissive: boolean;
  using: string | null;
  check: string | null;
  readsOrg: boolean;
}

/** Rule 2: [problem, fix] pairs for the policies that apply to the tenant role. */
async function policyProblems(
  sql: Sql,
  qualified: string,
  table: string,
  orgColumn: string,
): Promise<[string, string][]> {
  const policies = await sql.query<Policy>(
    `SELECT p.polname::text AS name, p.polcmd::text AS cmd, p.polpermissive AS permissive,
            pg_get_expr(p.polqual, p.polrelid) AS using, pg_get_expr(p.polwithcheck, p.polrelid) AS check,
            EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_policy'::regclass AND d.objid = p.oid
                      AND d.refclassid = 'pg_class'::regclass AND d.refobjid = p.polrelid AND d.refobjsubid = a.attnum)
            AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_policy'::regclass AND d.objid = p.oid
                      AND d.refclassid = 'pg_proc'::regclass AND d.refobjid = to_regproc('app_org_id')::oid) AS "readsOrg"
     FROM pg_policy p JOIN pg_attribute a ON a.attrelid = p.polrelid AND a.attname = $2
     WHERE p.polrelid = to_regclass($1)
       AND EXISTS (SELECT 1 FROM unnest(p.polroles) r WHERE r = 0 OR pg_has_role($3, r, 'USAGE'))
     ORDER BY p.polname`,
    qualified,
    orgColumn,
    TENANT_ROLE,
  );
  const t = ident(table);
  const org = ident(orgColumn);
  const problems: [string, string][] = [];

  const uncovered = COMMANDS.filter(
    (command) => !policies.some((p) => p.permissive && p.readsOrg && POLICY_COMMANDS[p.cmd]?.includes(command)),
  );
  if (uncovered.length) {
    problems.push([
      `no permissive policy for ${TENANT_ROLE} restricts ${uncovered.join(', ')} to ${orgColumn} = app_org_id()`,
      `CREATE POLICY org_isolation ON ${t} USING (${org} = (SELECT app_org_id())) WITH CHECK (${org} = (SELECT app_org_id()))`,
    ]);
  }

  // Which expressions admit a row of another organization, while another one is active.
  // A policy without the expression a command needs adds nothing to it (PostgreSQL):
  // a permissive one admits no row there, a restrictive one refuses none.
  const [active, other] = [randomUUID(), randomUUID()];
  await sql.exec(`SELECT set_config('app.org_id', $1, true)`, active);
  const admits = new Map<string, boolean>();
  const unevaluable = new Map<string, string>(); // policy → why
  const admitsOther = async (p: Policy, expression: string | null): Promise<boolean | null> => {
    if (expression === null) return null;
    if (!admits.has(expression)) {
      let admitted = true;
      const error = await sql.undone(async () => {
        const [row] = await sql.query<{ admitted: boolean }>(
          `SELECT COALESCE((${expression}), false) AS admitted
           FROM (SELECT (jsonb_populate_record(NULL::${qualified}, jsonb_build_object($1::text, $2::text))).*) AS ${ident(table)}`,
          orgColumn,
          other,
        );
        admitted = row?.admitted ?? true;
      });
      if (error) unevaluable.set(p.name, error.message.split('\n').filter(Boolean).at(-1) ?? '');
      admits.set(expression, admitted && !error);
    }
    return admits.get(expression)!;
  };
  // Per command, the expressions a row must pass: USING for the rows read, updated or
  // deleted, WITH CHECK (else USING) for the rows written.
  const expressions = (p: Policy, command: Command) =>
    command === 'SELECT' || command === 'DELETE'
      ? [p.using]
      : command === 'INSERT'
        ? [p.check ?? p.using]
        : [p.using, p.check ?? p.using];
  const leaks = new Map<string, Command[]>();
  for (const command of COMMANDS) {
    const applying = policies.filter((p) => POLICY_COMMANDS[p.cmd]?.includes(command));
    for (const slot of command === 'UPDATE' ? [0, 1] : [0]) {
      const expression = (p: Policy) => expressions(p, command)[slot] ?? null;
      let blocked = false; // by a restrictive policy
      for (const p of applying.filter((p) => !p.permissive)) {
        if ((await admitsOther(p, expression(p))) === false) blocked = true;
      }
      if (blocked) continue;
      for (const p of applying.filter((p) => p.permissive)) {
        if ((await admitsOther(p, expression(p))) !== true) continue;
        const commands = leaks.get(p.name) ?? [];
        if (!commands.includes(command)) leaks.set(p.name, [...commands, command]);
      }
    }
  }
  for (const [name, commands] of leaks) {
    problems.push([
      `policy ${name} admits another organization's rows for ${commands.join(', ')}`,
      `DROP POLICY ${ident(name)} ON ${t}, or restrict its USING and WITH CHECK to ${org} = (SELECT app_org_id())`,
    ]);
  }
  for (const [name, why] of unevaluable) {
    problems.push([
      `policy ${name} could not be evaluated on a row of another organization (${why})`,
      `make ${ident(name)}'s expressions plain SQL on the row, or restrict them to ${org} = (SELECT app_org_id())`,
    ]);
  }
  return problems;
}

/** Rule 3: the roles the server uses that could change a row's org_id. */
async function orgIdChangers(
  sql: Sql,
  qualified: string,
  orgColumn: string,
  orgType: string,
): Promise<{ changers: string[]; untested: string[] }> {
  const roles = await sql.query<{ role: string; canUpdate: boolean }>(
    `SELECT r.role, has_column_privilege(r.role, to_regclass($1), $2, 'UPDATE') AS "canUpdate"
     FROM (SELECT DISTINCT unnest(ARRAY[$3::text, current_user::text]) AS role) r ORDER BY r.role`,
    qualified,
    orgColumn,
    TENANT_ROLE,
  );
  const changers = roles.filter((r) => r.canUpdate).map((r) => r.role);
  const untested: string[] = [];
  if (!changers.length) return { changers, untested };
  // Enabled BEFORE UPDATE row triggers (tgtype bits: ROW 1, BEFORE 2, UPDATE 16, INSTEAD 64) firing on org_id.
  const triggers = await sql.query<{ name: string; definition: string }>(
    `SELECT t.tgname::text AS name, pg_get_triggerdef(t.oid) AS definition
     FROM pg_trigger t JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attname = $2
     WHERE t.tgrelid = to_regclass($1) AND NOT t.tgisinternal AND t.tgtype & 83 = 19 AND t.tgenabled IN ('O', 'A')
       AND (cardinality(t.tgattr::int2[]) = 0 OR a.attnum = ANY (t.tgattr::int2[]))
     ORDER BY t.tgname`,
    qualified,
    orgColumn,
  );
  const probe = 'pg_temp.tenancy_check_probe';
  const org = ident(orgColumn);
  for (const trigger of triggers) {
    const on = ` ON ${qualified} `;
    if (!trigger.definition.includes(on)) {
      untested.push(`${trigger.name} (its definition does not name ${qualified})`);
      continue;
    }
    let refused = false;
    const error = await sql.undone(async () => {
      await sql.exec(`CREATE TEMP TABLE ${probe} AS SELECT * FROM ${qualified} WITH NO DATA`);
      await sql.exec(trigger.definition.replace(on, ` ON ${probe} `));
      const [from, to] = [randomUUID(), randomUUID()];
      await sql.exec(`INSERT INTO ${probe} (${org}) VALUES ($1::text::${orgType})`, from);
      try {
        await sql.exec(`UPDATE ${probe} SET ${org} = $1::text::${orgType}`, to);
      } catch {
        refused = true; // the trigger raised
        return;
      }
      const [row] = await sql.query<{ org: string }>(`SELECT ${org}::text AS org FROM ${probe}`);
      refused = row?.org !== to; // or it kept the row as it was
    });
    if (refused) return { changers: [], untested };
    if (error) untested.push(`${trigger.name} (${error.message.split('\n').filter(Boolean).at(-1)})`);
  }
  return { changers, untested };
}

/** Rule 5 for the relations held by `model` (the side with the foreign key). */
async function checkForeignKeys(
  sql: Sql,
  model: OrgOwnedModel,
  qualified: string,
  models: Map<string, OrgOwnedModel>,
  datamodel: Datamodel,
  tables: Map<string, string>,
  found: TenancyFinding[],
) {
  const report = (problem: string, fix: string) =>
    found.push({ model: model.name, table: model.table, rule: 'composite-foreign-key', problem, fix });
  const keys = await sql.query<{ name: string; referenced: string; columns: string[]; referencedColumns: string[] }>(
    `SELECT c.conname::text AS name, format('%I.%I', n.nspname, r.relname) AS referenced,
            ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, i)
                  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.i) AS columns,
            ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(attnum, i)
                  JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.i) AS "referencedColumns"
     FROM pg_constraint c JOIN pg_class r ON r.oid = c.confrelid JOIN pg_namespace n ON n.oid = r.relnamespace
     WHERE c.contype = 'f' AND c.conrelid = to_regclass($1) ORDER BY c.conname`,
    qualified,
  );
  const pairs = (columns: readonly string[], referenced: readonly string[]) =>
    columns
      .map((column, i) => `${column}→${referenced[i]}`)
      .sort()
      .join(',');

  for (const field of model.fields) {
    const target = models.get(field.type);
    const from = field.relationFromFields ?? [];
    const to = field.relationToFields ?? [];
    if (field.kind !== 'object' || !target || !from.length) continue;
    const keyed = from.some((f, i) => f === 'orgId' && to[i] === 'orgId');
    const [fromKeys, toKeys] = keyed
      ? [from, to]
      : [
          ['orgId', ...from],
          ['orgId', ...to],
        ];
    if (!keyed) {
      report(
        `relation ${model.name}.${field.name} → ${target.name} is keyed on (${from.join(', ')}) → (${to.join(', ')}), without orgId`,
        `in model ${model.name}: ${field.name} ${field.type} @relation(fields: [${fromKeys.join(', ')}], references: [${toKeys.join(', ')}]), with @@unique([${toKeys.join(', ')}]) in model ${target.name}`,
      );
    }
    const columns = fromKeys.map((f) => columnOf(model, f));
    const referenced = toKeys.map((f) => columnOf(datamodel.models[target.name]!, f));
    const want = pairs(columns, referenced);
    const targetTable = tables.get(target.name);
    if (!keys.some((k) => k.referenced === targetTable && pairs(k.columns, k.referencedColumns) === want)) {
      report(
        `no foreign key (${idents(columns)}) → ${ident(target.table)} (${idents(referenced)}) for ${model.name}.${field.name}`,
        `ALTER TABLE ${ident(model.table)} ADD FOREIGN KEY (${idents(columns)}) REFERENCES ${ident(target.table)} (${idents(referenced)})`,
      );
    }
  }
  // And in the catalog alone: a key between org-owned tables pairs org_id with org_id.
  const orgOwnedTables = new Map([...tables].map(([name, table]) => [table, models.get(name)!]));
  for (const key of keys) {
    const target = orgOwnedTables.get(key.referenced);
    if (!target) continue;
    const i = key.columns.indexOf(model.orgColumn);
    if (i >= 0 && key.referencedColumns[i] === target.orgColumn) continue;
    report(
      `foreign key ${key.name} (${idents(key.columns)}) → ${ident(target.table)} (${idents(key.referencedColumns)}) leaves ${model.orgColumn} out`,
      `ALTER TABLE ${ident(model.table)} DROP CONSTRAINT ${ident(key.name)}, ADD FOREIGN KEY (${idents([model.orgColumn, ...key.columns])}) REFERENCES ${ident(target.table)} (${idents([target.orgColumn, ...key.referencedColumns])})`,
    );
  }
}

// ---- the GraphQL schema (rule 7) -------------------------------------------

const hasAuthScopes = (extensions: unknown) =>
  !!(extensions as { pothosOptions?: { authScopes?: unknown } } | undefined)?.pothosOptions?.authScopes;

/** The node type of a connection type (its edges' node), or null. */
function connectionNode(type: GraphQLObjectType): GraphQLNamedType | null {
  const edges = type.name.endsWith('Connection') ? type.getFields().edges : undefined;
  const edge = edges && getNamedType(edges.type);
  const node = edge && isObjectType(edge) ? edge.getFields().node : undefined;
  return node ? getNamedType(node.type) : null;
}

/** Connection and edge types: gated by the field that returns the connection. */
const isConnectionPart = (type: GraphQLObjectType) =>
  !!connectionNode(type) || (type.name.endsWith('Edge') && 'node' in type.getFields());

function graphqlFindings(
  schema: GraphQLSchema,
  models: Map<string, OrgOwnedModel>,
  reviewedFields: Readonly<Record<string, string>>,
): TenancyFinding[] {
  const found: TenancyFinding[] = [];
  const objects = Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__'),
  );
  const registered = (name: string) => (isModelType(name) ? modelType(name).model : null);
  /** The org-owned model whose rows an object type shows, if any. */
  const rowsOf = (type: GraphQLObjectType) => models.get(registered(type.name) ?? '') ?? models.get(type.name);
  /** The object types a field's type can resolve to. */
  const objectsOf = (type: GraphQLNamedType): readonly GraphQLObjectType[] =>
    isObjectType(type) ? [type] : isAbstractType(type) ? schema.getPossibleTypes(type) : [];
  /** The org-owned models a field shows rows of: directly, in a connection, or through an interface or union. */
  const shownBy = (field: GraphQLField<unknown, unknown>) => {
    const shown = new Set<OrgOwnedModel>();
    for (const type of objectsOf(getNamedType(field.type))) {
      const node = connectionNode(type);
      for (const rowType of node ? objectsOf(node) : [type]) {
        const model = rowsOf(rowType);
        if (model) shown.add(model);
      }
    }
    return shown;
  };

  for (const type of objects) {
    const model = models.get(type.name);
    const registeredFor = registered(type.name);
    if (!model || (registeredFor && models.has(registeredFor))) continue;
    found.push({
      model: model.name,
      table: model.table,
      rule: 'graphql-gate',
      problem: registeredFor
        ? `GraphQL type ${type.name} is registered for model ${registeredFor}, which is not org-owned: its lookups don't check the org`
        : `GraphQL type ${type.name} is not a model type: nothing makes a lookup of its rows answer null outside their org`,
      fix: `define it with modelNode('${type.name}', { model: '${model.name}', ... }) (src/schema/model.ts)`,
    });
  }

  const query = schema.getQueryType();
  const gated = (type: GraphQLObjectType, field: GraphQLField<unknown, unknown>) =>
    hasAuthScopes(type.extensions) ||
    hasAuthScopes(field.extensions) ||
    (isModelType(type.name) && Object.hasOwn(modelType(type.name).relations, field.name)) ||
    (type === query && (field.name === 'node' || field.name === 'nodes')) ||
    Object.hasOwn(reviewedFields, `${type.name}.${field.name}`);
  // The types a caller can reach without passing a gate: from the roots, and
  // every model type (its rows are reached by id and through relations too).
  const open = new Set<GraphQLObjectType>(
    [query, schema.getMutationType(), schema.getSubscriptionType()].filter((t): t is GraphQLObjectType => !!t),
  );
  for (const type of objects) if (isModelType(type.name) || models.has(type.name)) open.add(type);
  for (const type of open) {
    for (const field of Object.values(type.getFields())) {
      if (!gated(type, field)) for (const next of objectsOf(getNamedType(field.type))) open.add(next);
    }
  }
  for (const type of open) {
    if (isConnectionPart(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (gated(type, field)) continue;
      for (const model of shownBy(field)) {
        found.push({
          model: model.name,
          table: model.table,
          rule: 'graphql-gate',
          problem: `${type.name}.${field.name} (${getNamedType(field.type).name}) shows ${model.name} rows without a gate`,
          fix: `give ${type.name}.${field.name} authScopes (e.g. { orgMember: true }; on an Organization field, (org) => ({ activeOrg: org.id })), or make it a modelNode relation`,
        });
      }
    }
  }
  return found;
}
