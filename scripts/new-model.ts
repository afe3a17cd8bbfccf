// `npm run new:model -- Label --fields "name:String color:String?" [--belongs-to Task] [--links Task]`
//
// Adds an org-owned model the way docs/adding-a-model.md describes, writing
// everything both walls and the tests need:
//  - prisma/schema.prisma: the model, and its relation fields on Organization
//    (and on the parent or linked model);
//  - one SQL migration: the table with composite (org_id, x_id) keys to other
//    org-owned rows, indexes led by org_id, row-level security enabled and
//    forced with the isolation policy, the tenant role's grants, org_id immutable;
//  - src/schema/<model>.ts: the node type, its connection on Organization (or
//    on the parent), create/update/delete mutations; registered in src/schema/index.ts;
//  - test/factories/<model>.ts, which puts the model under the cross-tenant
//    harness (test/cross-tenant.test.ts), and test/<models>.test.ts.
// --links Other also writes the join model <Other><Model> (many-to-many), with
// connections both ways and attach/detach mutations.
// Then it runs `prisma generate` and `npm run codegen`. It refuses to overwrite.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = fileURLToPath(new URL('..', import.meta.url));

const SCALARS = {
  String: { sql: 'TEXT', gql: 'string', expose: 'exposeString', zod: 'z.string().trim()' },
  Int: { sql: 'INTEGER', gql: 'int', expose: 'exposeInt', zod: 'z.number().int()' },
  Float: { sql: 'DOUBLE PRECISION', gql: 'float', expose: 'exposeFloat', zod: 'z.number().finite()' },
  Boolean: { sql: 'BOOLEAN', gql: 'boolean', expose: 'exposeBoolean', zod: 'z.boolean()' },
  DateTime: { sql: 'TIMESTAMPTZ(3)', gql: 'DateTime', expose: 'expose', zod: 'z.date()' },
} as const;
type Scalar = keyof typeof SCALARS;

interface Field {
  name: string;
  type: Scalar;
  optional: boolean;
}

/** A model's names in every spelling the generated files use. */
interface Names {
  model: string; // TaskLabel
  camel: string; // taskLabel: the client delegate, a GraphQL field
  plural: string; // taskLabels: the relation and connection field
  kebab: string; // task-label: the module file
  table: string; // task_labels
  title: string; // task label: prose
}

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const camel = (s: string) => s[0]!.toLowerCase() + s.slice(1);
const pascal = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const pluralOf = (s: string) =>
  /[^aeiou]y$/.test(s) ? `${s.slice(0, -1)}ies` : /(s|x|z|ch|sh)$/.test(s) ? `${s}es` : `${s}s`;

function namesOf(model: string, plural = pluralOf(camel(model))): Names {
  return {
    model,
    camel: camel(model),
    plural,
    kebab: snake(model).replace(/_/g, '-'),
    table: snake(plural),
    title: snake(model).replace(/_/g, ' '),
  };
}

function fail(message: string): never {
  console.error(`new:model: ${message}`);
  process.exit(2);
}

function parseFields(spec: string): Field[] {
  return spec
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((item) => {
      const match = /^([a-z][A-Za-z0-9]*):([A-Za-z]+)(\?)?$/.exec(item);
      if (!match) fail(`field "${item}": write name:Type or name:Type? (e.g. color:String?)`);
      const [, name, type, optional] = match;
      if (!(type! in SCALARS)) fail(`field "${item}": the type is one of ${Object.keys(SCALARS).join(', ')}`);
      if (['id', 'orgId', 'createdAt', 'updatedAt'].includes(name!))
        fail(`field "${name}": every model has it already`);
      return { name: name!, type: type as Scalar, optional: !!optional };
    });
}

// ---------------------------------------------------------------- schema.prisma

const ID_LINES = [
  'id        String   @id @default(dbgenerated("gen_random_uuid()")) @db.Uuid',
  'orgId     String   @map("org_id") @db.Uuid',
];
const keyLine = (n: Names) => `${n.camel}Id String @map("${snake(n.camel)}_id") @db.Uuid`;
const belongsLine = (n: Names) =>
  `${n.camel} ${n.model} @relation(fields: [orgId, ${n.camel}Id], references: [orgId, id], onDelete: Cascade)`;

/** A model block's lines, the fields and attributes indented. */
const modelBlock = (lines: string[]) =>
  lines.map((line) => (line && !/^(model |\}|\/\/\/)/.test(line) ? `  ${line}` : line)).join('\n');

function prismaModel(n: Names, fields: Field[], parent: Names | null, links: Names | null, doc: string): string {
  const scalar = (f: Field) => {
    const type = `${f.type}${f.optional ? '?' : ''}`;
    const attributes = [
      ...(snake(f.name) !== f.name ? [`@map("${snake(f.name)}")`] : []),
      ...(f.type === 'DateTime' ? ['@db.Timestamptz(3)'] : []),
    ];
    return `${f.name} ${type} ${attributes.join(' ')}`.trimEnd();
  };
  const pageIndex = parent
    ? `@@index([orgId, ${parent.camel}Id, createdAt(sort: Desc), id(sort: Desc)])`
    : '@@index([orgId, createdAt(sort: Desc), id(sort: Desc)])';
  return modelBlock([
    `/// ${doc}`,
    `model ${n.model} {`,
    ...ID_LINES,
    ...(parent ? [keyLine(parent)] : []),
    ...fields.map(scalar),
    'createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(3)',
    'updatedAt DateTime @default(now()) @updatedAt @map("updated_at") @db.Timestamptz(3)',
    '',
    'org Organization @relation(fields: [orgId], references: [id], onDelete: Cascade)',
    ...(parent ? [belongsLine(parent)] : []),
    ...(links ? [`${links.camel}Links ${links.model}${n.model}[]`] : []),
    '',
    '@@unique([orgId, id])',
    pageIndex,
    `@@map("${n.table}")`,
    '}',
  ]);
}

function prismaJoinModel(join: Names, a: Names, b: Names): string {
  return modelBlock([
    `/// Which ${b.title}s each ${a.title} has: one row per link, both ends in its organization.`,
    `model ${join.model} {`,
    ...ID_LINES,
    keyLine(a),
    keyLine(b),
    'createdAt DateTime @default(now()) @map("created_at") @db.Timestamptz(3)',
    '',
    'org Organization @relation(fields: [orgId], references: [id], onDelete: Cascade)',
    belongsLine(a),
    belongsLine(b),
    '',
    `@@unique([orgId, ${a.camel}Id, ${b.camel}Id])`,
    `@@index([orgId, ${a.camel}Id, createdAt(sort: Desc), id(sort: Desc)])`,
    `@@index([orgId, ${b.camel}Id, createdAt(sort: Desc), id(sort: Desc)])`,
    `@@map("${join.table}")`,
    '}',
  ]);
}

/** `schema` with `line` added to `model`'s relation fields (before its @@ attributes). */
function addRelationField(schema: string, model: string, line: string): string {
  const start = schema.search(new RegExp(`^model ${model} \\{`, 'm'));
  if (start < 0) fail(`prisma/schema.prisma has no model ${model}`);
  const end = schema.indexOf('\n}', start);
  const lines = schema.slice(start, end).split('\n');
  let at = lines.findIndex((l) => l.trim().startsWith('@@'));
  if (at < 0) at = lines.length;
  else while (at > 0 && lines[at - 1]!.trim() === '') at--;
  lines.splice(at, 0, `  ${line}`);
  return schema.slice(0, start) + lines.join('\n') + schema.slice(end);
}

function modelFields(schema: string, model: string): string[] {
  const block = new RegExp(`^model ${model} \\{([\\s\\S]*?)^\\}`, 'm').exec(schema);
  if (!block) fail(`prisma/schema.prisma has no model ${model}`);
  return block[1]!.split('\n').map((l) => l.trim().split(/\s+/)[0]!);
}

// ---------------------------------------------------------------- migration

function sqlTable(
  comment: string,
  n: Names,
  columns: string[],
  keys: { n: Names; column: string }[],
  indexes: string[],
): string {
  const constraints = [
    `CONSTRAINT "${n.table}_pkey" PRIMARY KEY ("id")`,
    `CONSTRAINT "${n.table}_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organizations"("id") ON DELETE CASCADE ON UPDATE CASCADE`,
    ...keys.map(
      (k) =>
        `CONSTRAINT "${n.table}_org_id_${k.column}_fkey" FOREIGN KEY ("org_id", "${k.column}") REFERENCES "${k.n.table}"("org_id", "id") ON DELETE CASCADE ON UPDATE CASCADE`,
    ),
  ];
  return [
    comment,
    `CREATE TABLE "${n.table}" (`,
    [
      '"id" UUID NOT NULL DEFAULT gen_random_uuid()',
      '"org_id" UUID NOT NULL',
      ...keys.map((k) => `"${k.column}" UUID NOT NULL`),
      ...columns,
      ...constraints,
    ]
      .map((line) => `  ${line}`)
      .join(',\n'),
    ');',
    ...indexes,
  ].join('\n');
}

function sqlWall(n: Names): string {
  return `ALTER TABLE "${n.table}" ENABLE ROW LEVEL SECURITY, FORCE ROW LEVEL SECURITY;
CREATE POLICY org_isolation ON "${n.table}"
  USING (org_id = (SELECT app_org_id())) WITH CHECK (org_id = (SELECT app_org_id()));
GRANT SELECT, INSERT, UPDATE, DELETE ON "${n.table}" TO orgraph_tenant;
CREATE TRIGGER org_id_immutable BEFORE UPDATE OF org_id ON "${n.table}" FOR EACH ROW EXECUTE FUNCTION forbid_org_id_change();`;
}

function migration(n: Names, fields: Field[], parent: Names | null, join: { n: Names; a: Names } | null): string {
  const created = '"created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP';
  const columns = [
    ...fields.map((f) => `"${snake(f.name)}" ${SCALARS[f.type].sql}${f.optional ? '' : ' NOT NULL'}`),
    created,
    '"updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP',
  ];
  const parentKey = parent ? [{ n: parent, column: `${snake(parent.camel)}_id` }] : [];
  const pageIndex = parent
    ? `CREATE INDEX "${n.table}_org_id_${parentKey[0]!.column}_created_at_id_idx" ON "${n.table}"("org_id", "${parentKey[0]!.column}", "created_at" DESC, "id" DESC);`
    : `CREATE INDEX "${n.table}_org_id_created_at_id_idx" ON "${n.table}"("org_id", "created_at" DESC, "id" DESC);`;
  const parts = [
    sqlTable(
      `-- ${pascal(pluralOf(n.title))}: an organization's own (written by npm run new:model; docs/adding-a-model.md).
-- All the database wall needs: keys to org-owned rows composite with org_id
-- (a row can only point inside its organization), indexes led by org_id,
-- row-level security enabled and forced with the isolation policy, the tenant
-- role's grants, and org_id immutable.`,
      n,
      columns,
      parentKey,
      [`CREATE UNIQUE INDEX "${n.table}_org_id_id_key" ON "${n.table}"("org_id", "id");`, pageIndex],
    ),
    sqlWall(n),
  ];
  if (join) {
    const keys = [join.a, n].map((k) => ({ n: k, column: `${snake(k.camel)}_id` }));
    const [a, b] = keys.map((k) => k.column);
    parts.push(
      sqlTable(
        `-- ${pascal(pluralOf(join.a.title))} and ${pluralOf(n.title)}, many-to-many: a link is org-owned too, keyed to both ends with org_id.`,
        join.n,
        [created],
        keys,
        [
          `CREATE UNIQUE INDEX "${join.n.table}_org_id_${a}_${b}_key" ON "${join.n.table}"("org_id", "${a}", "${b}");`,
          `CREATE INDEX "${join.n.table}_org_id_${a}_created_at_id_idx" ON "${join.n.table}"("org_id", "${a}", "created_at" DESC, "id" DESC);`,
          `CREATE INDEX "${join.n.table}_org_id_${b}_created_at_id_idx" ON "${join.n.table}"("org_id", "${b}", "created_at" DESC, "id" DESC);`,
        ],
      ),
      sqlWall(join.n),
    );
  }
  return `${parts.join('\n\n')}\n`;
}

// ---------------------------------------------------------------- schema module

function zodOf(f: Field): string {
  const label = pascal(snake(f.name).replace(/_/g, ' '));
  if (f.type !== 'String') return SCALARS[f.type].zod;
  const max = `.max(200, '${label} must have at most 200 characters')`;
  return f.optional
    ? `z.string().trim()${max}.transform((v) => v || null)`
    : `z.string().trim().min(1, '${label} must not be empty')${max}`;
}

function schemaModule(n: Names, fields: Field[], parent: Names | null): string {
  const M = n.model;
  const exposed = (f: Field) => {
    const options = [...(f.type === 'DateTime' ? [`type: 'DateTime'`] : []), ...(f.optional ? ['nullable: true'] : [])];
    return `    ${f.name}: t.${SCALARS[f.type].expose}('${f.name}'${options.length ? `, { ${options.join(', ')} }` : ''}),`;
  };
  const input = (f: Field, required: boolean) =>
    f.type === 'DateTime'
      ? `${f.name}: t.field({ type: 'DateTime'${required ? ', required: true' : ''} })`
      : `${f.name}: t.${SCALARS[f.type].gql}(${required ? '{ required: true }' : ''})`;
  const parentId = parent ? `${parent.camel}Id` : null;
  const createData = [
    ...(parent ? [`${parentId}: ${parent.camel}.id`] : []),
    ...fields.map((f) =>
      f.optional ? `${f.name}: parsed.data.${f.name} ?? null` : `${f.name}: parsed.data.${f.name}`,
    ),
  ];
  const connection = parent
    ? `builder.objectField(${parent.model}, '${n.plural}', (t) =>
  t.field({
    type: ${M}Connection,
    description: 'Newest first. Members and READ API keys.',
    authScopes: readScopes,
    args: pageArgs(t),
    resolve: relatedConnectionResolver({ typeName: '${M}', parent: '${parent.model}', relation: '${n.plural}' }),
  }),
);`
    : `organizationConnection('${n.plural}', {
  type: ${M}Connection,
  description: 'Newest first. Members and READ API keys.',
  scope: 'activeOrg',
  pages: { typeName: '${M}', parent: 'Organization', relation: '${n.plural}' },
});`;
  const imports = [
    `import { z } from 'zod';`,
    `import type { Context } from '../context.js';`,
    `import { apiError } from '../errors.js';`,
    `import type { Prisma } from '../generated/prisma/client.js';`,
    `import { recordAuditEvent } from '../lib/audit.js';`,
    `import { isRecordNotFound } from '../lib/database-errors.js';`,
    `import { idOfType } from '../lib/global-id.js';`,
    `import { builder } from './builder.js';`,
    parent
      ? `import { modelNode, orgReadable, pageArgs, readScopes, relatedConnectionResolver, writeScopes } from './model.js';`
      : `import { modelNode, orgReadable, writeScopes } from './model.js';`,
    ...(parent ? [] : [`import { organizationConnection } from './organization.js';`]),
    `import { entityPayload, parseInput, removedPayload, type MutationResult } from './payload.js';`,
    ...(parent ? [`import { ${parent.model} } from './${parent.kebab}.js';`] : []),
  ].sort((a, b) => moduleOf(a).localeCompare(moduleOf(b)));
  return `// ${pascal(pluralOf(n.title))}${parent ? `, each of a ${parent.title}` : ''}: an organization's own.
// Written by \`npm run new:model\`, now yours to edit (docs/adding-a-model.md).
// Read and written through the org-bound client (both walls): read by members
// and READ API keys, written by members and WRITE keys, every change audited.
${imports.join('\n')}

export const ${M} = modelNode('${M}', {
  model: '${M}',
  // Members and READ keys; a WRITE key sees only what its own mutation wrote (payload.ts).
  readable: orgReadable,${parent ? `\n  relations: { ${parent.camel}: { type: '${parent.model}', via: '${parentId}' } },` : ''}
  fields: (t) => ({
${fields.map(exposed).join('\n')}
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

export const ${M}Connection = builder.connectionObject({ type: ${M}, name: '${M}Connection' });

${connection}

/** The active org's ${n.title} with this global id, or NOT_FOUND (another org's looks exactly like a missing one). */
export async function ${n.camel}InOrg(ctx: Context, globalId: string) {
  const ${n.camel} = await ctx.session.db.${n.camel}.findUnique({ where: { id: idOfType(globalId, '${M}') } });
  if (!${n.camel}) throw apiError('NOT_FOUND', '${pascal(n.title)} not found.');
  return ${n.camel};
}

const ${n.camel}Fields = {
${fields.map((f) => `  ${f.name}: ${zodOf(f)},`).join('\n')}
};

const ${M}Payload = entityPayload('${M}Payload', '${n.camel}', '${M}');

const Create${M}Input = builder.inputType('Create${M}Input', {
  fields: (t) => ({
${[...(parent ? [`${parentId}: t.id({ required: true })`] : []), ...fields.map((f) => input(f, !f.optional))].map((l) => `    ${l},`).join('\n')}
  }),
});

builder.mutationField('create${M}', (t) =>
  t.field({
    type: ${M}Payload,
    description: 'Members, or API keys with WRITE.',
    authScopes: writeScopes,
    args: { input: t.arg({ type: Create${M}Input, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<MutationResult> => {${
      parent
        ? `
      const ${parent.camel} = await ctx.session.db.${parent.camel}.findUnique({
        where: { id: idOfType(input.${parentId}, '${parent.model}') },
      });
      if (!${parent.camel}) throw apiError('NOT_FOUND', '${pascal(parent.title)} not found.');`
        : ''
    }
      const parsed = parseInput(
        z.object({ ${fields.map((f) => (f.optional ? `${f.name}: ${n.camel}Fields.${f.name}.nullish()` : `${f.name}: ${n.camel}Fields.${f.name}`)).join(', ')} }),
        { ${fields.map((f) => `${f.name}: input.${f.name}`).join(', ')} },
      );
      if (parsed.errors) return { id: null, userErrors: parsed.errors };
      const { session } = ctx;
      const orgId = session.org!.id;
      return session.atomically(async () => {
        const ${n.camel} = await session.db.${n.camel}.create({
          data: { orgId, ${createData.join(', ')} },
        });
        await recordAuditEvent(session, orgId, { action: '${n.camel}.created', targetType: '${M}', targetId: ${n.camel}.id });
        return { id: ${n.camel}.id, row: ${n.camel}, userErrors: [] };
      });
    },
  }),
);

const Update${M}Input = builder.inputType('Update${M}Input', {
  fields: (t) => ({
    ${n.camel}Id: t.id({ required: true }),
${fields.map((f) => `    ${input(f, false)},`).join('\n')}
  }),
});

builder.mutationField('update${M}', (t) =>
  t.field({
    type: ${M}Payload,
    description: 'Members, or API keys with WRITE. An absent field stays as it is; null clears an optional one.',
    authScopes: writeScopes,
    args: { input: t.arg({ type: Update${M}Input, required: true }) },
    // Written without reading the row first: the update finds it in the active org, or reports it missing.
    resolve: async (_root, { input }, ctx): Promise<MutationResult> => {
      const id = idOfType(input.${n.camel}Id, '${M}');
      const parsed = parseInput(
        z.object({ ${fields.map((f) => `${f.name}: ${n.camel}Fields.${f.name}.nullish()`).join(', ')} }),
        { ${fields.map((f) => `${f.name}: input.${f.name}`).join(', ')} },
      );
      if (parsed.errors) return { id: null, userErrors: parsed.errors };
      const data: Prisma.${M}UncheckedUpdateInput = {};
${fields
  .map((f) =>
    f.optional
      ? `      if (parsed.data.${f.name} !== undefined) data.${f.name} = parsed.data.${f.name};`
      : `      if (parsed.data.${f.name} != null) data.${f.name} = parsed.data.${f.name};`,
  )
  .join('\n')}
      if (Object.keys(data).length === 0) {
        const ${n.camel} = await ${n.camel}InOrg(ctx, input.${n.camel}Id);
        return { id: ${n.camel}.id, row: ${n.camel}, userErrors: [] };
      }
      const { session } = ctx;
      try {
        return await session.atomically(async () => {
          const row = await session.db.${n.camel}.update({ where: { id }, data });
          await recordAuditEvent(session, row.orgId, { action: '${n.camel}.updated', targetType: '${M}', targetId: id });
          return { id, row, userErrors: [] };
        });
      } catch (error) {
        if (isRecordNotFound(error)) throw apiError('NOT_FOUND', '${pascal(n.title)} not found.');
        throw error;
      }
    },
  }),
);

const ${M}RefInput = builder.inputType('${M}RefInput', {
  fields: (t) => ({ ${n.camel}Id: t.id({ required: true }) }),
});

const Delete${M}Payload = removedPayload('Delete${M}Payload', 'deleted${M}Id', '${M}');

builder.mutationField('delete${M}', (t) =>
  t.field({
    type: Delete${M}Payload,
    description: 'Members, or API keys with WRITE.',
    authScopes: writeScopes,
    args: { input: t.arg({ type: ${M}RefInput, required: true }) },
    resolve: async (_root, { input }, ctx): Promise<MutationResult> => {
      const id = idOfType(input.${n.camel}Id, '${M}');
      const { session } = ctx;
      return session.atomically(async () => {
        const deleted = await session.db.${n.camel}.deleteMany({ where: { id } });
        if (deleted.count === 0) throw apiError('NOT_FOUND', '${pascal(n.title)} not found.');
        await recordAuditEvent(session, session.org!.id, { action: '${n.camel}.deleted', targetType: '${M}', targetId: id });
        return { id, userErrors: [] };
      });
    },
  }),
);
`;
}

/** Import order: packages, then parent directories, then siblings. */
const moduleOf = (line: string) => {
  const from = /from '([^']+)'/.exec(line)![1]!;
  return `${from.startsWith('./') ? 2 : from.startsWith('.') ? 1 : 0}${from}`;
};

function linkModule(join: Names, a: Names, b: Names): string {
  const A = a.model;
  const B = b.model;
  const payload = `${B}On${A}Payload`;
  return `// ${pascal(b.title)}s on ${a.title}s, many-to-many through ${join.model}: an org-owned link keyed to
// both ends with org_id, so it joins rows of one organization only. Written by
// \`npm run new:model\` (docs/adding-a-model.md), now yours to edit. Attaching
// and detaching are idempotent; only a change is audited.
import type { Context } from '../context.js';
import { apiError } from '../errors.js';
import { recordAuditEvent } from '../lib/audit.js';
import { isForeignKeyViolation } from '../lib/database-errors.js';
import { idOfType } from '../lib/global-id.js';
import type { TenantSession } from '../tenancy/session.js';
import { builder } from './builder.js';
import { ${B}, ${B}Connection, ${b.camel}InOrg } from './${b.kebab}.js';
import { pageArgs, readScopes, relatedConnectionResolver, writeScopes } from './model.js';
import { UserError, type UserErrorShape } from './payload.js';
import { ${A}, ${A}Connection } from './${a.kebab}.js';

builder.objectField(${A}, '${b.plural}', (t) =>
  t.field({
    type: ${B}Connection,
    description: 'Most recently attached first. Members and READ API keys.',
    authScopes: readScopes,
    args: pageArgs(t),
    resolve: relatedConnectionResolver({ typeName: '${B}', parent: '${A}', relation: '${b.camel}Links', through: '${b.camel}' }),
  }),
);

builder.objectField(${B}, '${a.plural}', (t) =>
  t.field({
    type: ${A}Connection,
    description: 'Most recently attached first. Members and READ API keys.',
    authScopes: readScopes,
    args: pageArgs(t),
    resolve: relatedConnectionResolver({ typeName: '${A}', parent: '${B}', relation: '${a.camel}Links', through: '${a.camel}' }),
  }),
);

interface LinkResult {
  ${a.camel}: { id: string } & Record<string, unknown>;
  ${b.camel}: { id: string } & Record<string, unknown>;
  userErrors: UserErrorShape[];
}

// Both ends as the mutation read them (a WRITE-only key sees its own mutation's rows, payload.ts).
const ${payload} = builder.objectRef<LinkResult>('${payload}').implement({
  fields: (t) => ({
    ${a.camel}: t.field({ type: ${A}, resolve: (p, _args, ctx) => ctx.loaders.written('${A}', p.${a.camel}) as never }),
    ${b.camel}: t.field({ type: ${B}, resolve: (p, _args, ctx) => ctx.loaders.written('${B}', p.${b.camel}) as never }),
    userErrors: t.field({ type: [UserError], resolve: (p) => p.userErrors }),
  }),
});

const ${B}On${A}Input = builder.inputType('${B}On${A}Input', {
  fields: (t) => ({ ${a.camel}Id: t.id({ required: true }), ${b.camel}Id: t.id({ required: true }) }),
});

type Ends = Awaited<ReturnType<typeof ends>>;

/** Both ends in the active org, or NOT_FOUND (another org's look exactly like missing ones). */
async function ends(ctx: Context, input: { ${a.camel}Id: string; ${b.camel}Id: string }) {
  const ${a.camel} = await ctx.session.db.${a.camel}.findUnique({ where: { id: idOfType(input.${a.camel}Id, '${A}') } });
  if (!${a.camel}) throw apiError('NOT_FOUND', '${pascal(a.title)} not found.');
  return { ${a.camel}, ${b.camel}: await ${b.camel}InOrg(ctx, input.${b.camel}Id) };
}

/**
 * A mutation changing one link between the two ends: both in the active org
 * (else NOT_FOUND, as for missing ones, and for an end deleted meanwhile), the
 * change, audited when it changed a row.
 */
function linkMutation(
  name: string,
  description: string,
  action: string,
  change: (session: TenantSession, ends: Ends) => Promise<number>,
) {
  builder.mutationField(name, (t) =>
    t.field({
      type: ${payload},
      description: \`Members, or API keys with WRITE. \${description}\`,
      authScopes: writeScopes,
      args: { input: t.arg({ type: ${B}On${A}Input, required: true }) },
      resolve: async (_root, { input }, ctx): Promise<LinkResult> => {
        const found = await ends(ctx, input);
        const { session } = ctx;
        const { ${a.camel} } = found;
        try {
          await session.atomically(async () => {
            if (await change(session, found)) {
              await recordAuditEvent(session, ${a.camel}.orgId, { action, targetType: '${A}', targetId: ${a.camel}.id });
            }
          });
        } catch (error) {
          if (isForeignKeyViolation(error)) throw apiError('NOT_FOUND', '${pascal(a.title)} or ${b.title} not found.');
          throw error;
        }
        return { ...found, userErrors: [] };
      },
    }),
  );
}

linkMutation(
  'attach${B}To${A}',
  'Attaching an attached ${b.title} changes nothing.',
  '${b.camel}.attached',
  async (session, { ${a.camel}, ${b.camel} }) =>
    (
      await session.db.${join.camel}.createMany({
        data: [{ orgId: ${a.camel}.orgId, ${a.camel}Id: ${a.camel}.id, ${b.camel}Id: ${b.camel}.id }],
        skipDuplicates: true,
      })
    ).count,
);

linkMutation(
  'detach${B}From${A}',
  'Detaching a ${b.title} that is not attached changes nothing.',
  '${b.camel}.detached',
  async (session, { ${a.camel}, ${b.camel} }) =>
    (await session.db.${join.camel}.deleteMany({ where: { ${a.camel}Id: ${a.camel}.id, ${b.camel}Id: ${b.camel}.id } })).count,
);
`;
}

// ---------------------------------------------------------------- tests

/** A factory's value for a required field: distinct per row (`n`). */
function sample(f: Field): string {
  const values: Record<Scalar, string> = {
    String: `\`${f.name} \${n}\``,
    Int: 'n',
    Float: 'n / 2',
    Boolean: 'n % 2 === 0',
    DateTime: 'new Date(Date.UTC(2030, 0, n))',
  };
  return values[f.type];
}

function factory(n: Names, fields: Field[], parent: Names | null): string {
  const data = [
    ...(parent ? [`${parent.camel}Id: (await one('${parent.model}')).id`] : []),
    ...fields.filter((f) => !f.optional).map((f) => `${f.name}: ${sample(f)}`),
  ];
  return `// ${pascal(pluralOf(n.title))} for the cross-tenant harness and the tests (written by npm run new:model).
import { defineFactory } from '../support/factories.js';

export default defineFactory('${n.model}', async (${parent ? '{ n, one }' : '{ n }'}) => ({ ${data.join(', ')} }));
`;
}

function joinFactory(join: Names, a: Names, b: Names): string {
  return `// Links between ${a.title}s and ${b.title}s for the cross-tenant harness (written by npm run new:model).
import { defineFactory } from '../support/factories.js';

export default defineFactory('${join.model}', async ({ one }) => ({
  ${a.camel}Id: (await one('${a.model}')).id,
  ${b.camel}Id: (await one('${b.model}')).id,
}));
`;
}

function testFile(n: Names, fields: Field[], parent: Names | null, links: Names | null): string {
  const M = n.model;
  const required = fields.filter((f) => !f.optional);
  const str = fields.find((f) => f.type === 'String' && !f.optional);
  const literal = (f: Field) =>
    f.type === 'String'
      ? `'a ${f.name}'`
      : f.type === 'DateTime'
        ? `'2030-01-01T00:00:00.000Z'`
        : f.type === 'Boolean'
          ? 'true'
          : '1';
  const createInput = (extra = '') =>
    `{ ${[...(parent ? [`${parent.camel}Id`] : []), ...required.map((f) => `${f.name}: ${literal(f)}`)].join(', ')}${extra} }`;
  const listQuery = parent
    ? `query($id: ID!) { node(id: $id) { ... on ${parent.model} { ${n.plural}(first: 10) { totalCount edges { node { id } } } } } }`
    : `{ organization { ${n.plural}(first: 10) { totalCount edges { node { id } } } } }`;
  const listOf = parent
    ? `(res: any) => res.data?.node?.${n.plural}`
    : `(res: any) => res.data?.organization?.${n.plural}`;
  const listVariables = parent ? `{ id: ${parent.camel}Id }` : '{}';
  return `// ${pascal(pluralOf(n.title))}: who may read and write them, validation, and every change audited
// (written by npm run new:model; the cross-tenant harness covers their isolation).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeGlobalID, idOfType } from '../src/lib/global-id.js';
import { callers, type Callers } from './support/callers.js';
import { codeOf, createTestApp, type CallOptions, type TestApp } from './support/app.js';
import { build } from './support/factories.js';

let app: TestApp;
let who: Callers;${parent ? `\nlet ${parent.camel}Id: string;` : ''}

beforeAll(async () => {
  app = await createTestApp();
  who = await callers(app);${
    parent
      ? `\n  const ${parent.camel} = await build(app.db.prisma, '${parent.model}', who.orgId);\n  ${parent.camel}Id = encodeGlobalID('${parent.model}', ${parent.camel}.id);`
      : ''
  }
});
afterAll(() => app?.close());

const Create = \`mutation($input: Create${M}Input!) { create${M}(input: $input) { ${n.camel} { id${str ? ` ${str.name}` : ''} } userErrors { code field } } }\`;
const Update = \`mutation($input: Update${M}Input!) { update${M}(input: $input) { ${n.camel} { id${str ? ` ${str.name}` : ''} } userErrors { code field } } }\`;
const Delete = \`mutation($input: ${M}RefInput!) { delete${M}(input: $input) { deleted${M}Id userErrors { code } } }\`;
const List = \`${listQuery}\`;
const list = ${listOf};

async function create(as: CallOptions = who.admin) {
  const res = await app.gql(Create, { input: ${createInput()} }, as);
  return res.data!.create${M}.${n.camel}!.id as string;
}

describe('who may read and write', () => {
  test('no credentials: nothing to read, writes UNAUTHENTICATED', async () => {
    const id = await create();
    expect(list(await app.gql(List, ${listVariables}, { org: who.slug }))).toBeFalsy();
    for (const [doc, variables] of [
      [Create, { input: ${createInput()} }],
      [Update, { input: { ${n.camel}Id: id } }],
      [Delete, { input: { ${n.camel}Id: id } }],
    ] as const) {
      expect(codeOf(await app.gql(doc, variables, { org: who.slug }))).toBe('UNAUTHENTICATED');
    }
  });

  test('a non-member: nothing to read, writes NOT_FOUND, nothing changes', async () => {
    const id = await create();
    const before = await app.db.prisma.${n.camel}.count();
    expect(list(await app.gql(List, ${listVariables}, who.outsider))).toBeFalsy();
    expect(codeOf(await app.gql(Create, { input: ${createInput()} }, who.outsider))).toBe('NOT_FOUND');
    expect(codeOf(await app.gql(Update, { input: { ${n.camel}Id: id } }, who.outsider))).toBe('NOT_FOUND');
    expect(codeOf(await app.gql(Delete, { input: { ${n.camel}Id: id } }, who.outsider))).toBe('NOT_FOUND');
    expect(await app.db.prisma.${n.camel}.count()).toBe(before);
  });

  test.each(['member', 'admin', 'readWriteKey'] as const)('%s: creates, lists, updates and deletes', async (caller) => {
    const as = who[caller];
    const id = await create(as);
    expect(list(await app.gql(List, ${listVariables}, as)).edges.map((e: any) => e.node.id)).toContain(id);
    const updated = await app.gql(Update, { input: { ${n.camel}Id: id${str ? `, ${str.name}: ' renamed '` : ''} } }, as);
    expect(updated.data.update${M}).toEqual({ ${n.camel}: { id${str ? `, ${str.name}: 'renamed'` : ''} }, userErrors: [] });
    const deleted = await app.gql(Delete, { input: { ${n.camel}Id: id } }, as);
    expect(deleted.data.delete${M}).toEqual({ deleted${M}Id: id, userErrors: [] });
    expect(await app.gql(\`query($id: ID!) { node(id: $id) { id } }\`, { id }, as)).toMatchObject({ data: { node: null } });
    const actions = await app.db.prisma.auditEvent.findMany({
      where: { targetId: idOfType(id, '${M}') },
      orderBy: { createdAt: 'asc' },
    });
    expect(actions.map((a) => a.action)).toEqual(['${n.camel}.created', ${str ? `'${n.camel}.updated', ` : ''}'${n.camel}.deleted']);
  });

  test('a READ key reads but may not write', async () => {
    const id = await create();
    expect(list(await app.gql(List, ${listVariables}, who.readKey)).edges.map((e: any) => e.node.id)).toContain(id);
    expect(codeOf(await app.gql(Create, { input: ${createInput()} }, who.readKey))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(Update, { input: { ${n.camel}Id: id } }, who.readKey))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(Delete, { input: { ${n.camel}Id: id } }, who.readKey))).toBe('FORBIDDEN');
  });

  test('a WRITE key writes, and reads only what its own mutation wrote', async () => {
    const id = await create(who.writeKey);
    expect(codeOf(await app.gql(List, ${listVariables}, who.writeKey))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(\`query($id: ID!) { node(id: $id) { id } }\`, { id }, who.writeKey))).toBe('FORBIDDEN');
    const deleted = await app.gql(Delete, { input: { ${n.camel}Id: id } }, who.writeKey);
    expect(deleted.data.delete${M}.deleted${M}Id).toBe(id);
  });
});
${
  str
    ? `
describe('validation', () => {
  test('an empty or too long ${str.name} is INVALID_INPUT and writes nothing', async () => {
    const before = await app.db.prisma.${n.camel}.count();
    for (const ${str.name} of ['  ', 'x'.repeat(201)]) {
      const res = await app.gql(Create, { input: { ...${createInput()}, ${str.name} } }, who.admin);
      expect(res.data.create${M}).toEqual({ ${n.camel}: null, userErrors: [{ code: 'INVALID_INPUT', field: ['input', '${str.name}'] }] });
    }
    expect(await app.db.prisma.${n.camel}.count()).toBe(before);
  });
});
`
    : ''
}${
    links
      ? `
describe('${n.plural} on ${links.title}s', () => {
  const Attach = \`mutation($input: ${M}On${links.model}Input!) { attach${M}To${links.model}(input: $input) { ${links.camel} { ${n.plural}(first: 10) { totalCount edges { node { id } } } } userErrors { code } } }\`;
  // What a WRITE-only key may read back: the rows it wrote, not their connections.
  const AttachIds = \`mutation($input: ${M}On${links.model}Input!) { attach${M}To${links.model}(input: $input) { ${links.camel} { id } ${n.camel} { id } userErrors { code } } }\`;
  const Detach = \`mutation($input: ${M}On${links.model}Input!) { detach${M}From${links.model}(input: $input) { ${links.camel} { id } userErrors { code } } }\`;
  const Reverse = \`query($id: ID!) { node(id: $id) { ... on ${M} { ${links.plural}(first: 10) { totalCount edges { node { id } } } } } }\`;

  test('attach is idempotent, lists both ways, detach removes; a READ key may not', async () => {
    const ${links.camel} = await build(app.db.prisma, '${links.model}', who.orgId);
    const ${links.camel}Id = encodeGlobalID('${links.model}', ${links.camel}.id);
    const ${n.camel}Id = await create();
    const input = { ${links.camel}Id, ${n.camel}Id };
    expect(codeOf(await app.gql(Attach, { input }, who.readKey))).toBe('FORBIDDEN');
    const attached = await app.gql(Attach, { input }, who.member);
    expect(attached.data.attach${M}To${links.model}.${links.camel}.${n.plural}).toEqual({ totalCount: 1, edges: [{ node: { id: ${n.camel}Id } }] });
    expect((await app.gql(AttachIds, { input }, who.writeKey)).data.attach${M}To${links.model}).toEqual({
      ${links.camel}: { id: ${links.camel}Id },
      ${n.camel}: { id: ${n.camel}Id },
      userErrors: [],
    });
    const reverse = await app.gql(Reverse, { id: ${n.camel}Id }, who.readKey);
    expect(reverse.data.node.${links.plural}).toEqual({ totalCount: 1, edges: [{ node: { id: ${links.camel}Id } }] });
    expect((await app.gql(Detach, { input }, who.writeKey)).data.detach${M}From${links.model}.userErrors).toEqual([]);
    expect((await app.gql(Reverse, { id: ${n.camel}Id }, who.admin)).data.node.${links.plural}.totalCount).toBe(0);
    // Twice attached, once detached: only the changes are audited.
    const audited = await app.db.prisma.auditEvent.count({ where: { targetId: ${links.camel}.id, action: { in: ['${n.camel}.attached', '${n.camel}.detached'] } } });
    expect(audited).toBe(2);
  });
});
`
      : ''
  }`;
}

// ---------------------------------------------------------------- main

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      fields: { type: 'string', default: '' },
      'belongs-to': { type: 'string' },
      links: { type: 'string' },
      plural: { type: 'string' },
      'no-generate': { type: 'boolean', default: false },
    },
  });
  const [modelName] = positionals;
  if (!modelName || !/^[A-Z][A-Za-z0-9]*$/.test(modelName) || positionals.length > 1) {
    fail(
      'usage: npm run new:model -- <Model> --fields "name:String color:String?" [--belongs-to <Model>] [--links <Model>]',
    );
  }
  const fields = parseFields(values.fields!);
  const schemaPath = join(root, 'prisma/schema.prisma');
  let schema = readFileSync(schemaPath, 'utf8');
  if (new RegExp(`^model ${modelName} \\{`, 'm').test(schema)) fail(`model ${modelName} exists already`);
  const n = namesOf(modelName, values.plural);
  const orgOwned = (model: string) => modelFields(schema, model).includes('orgId');
  const other = (option: 'belongs-to' | 'links') => {
    const model = values[option];
    if (!model) return null;
    if (!orgOwned(model)) fail(`--${option} ${model}: not an org-owned model (it has no orgId)`);
    const names = namesOf(model);
    if (!existsSync(join(root, `src/schema/${names.kebab}.ts`)))
      fail(`--${option} ${model}: no src/schema/${names.kebab}.ts`);
    return names;
  };
  const parent = other('belongs-to');
  const links = other('links');
  const link = links ? namesOf(`${links.model}${n.model}`) : null;

  const files: Record<string, string> = {
    [`src/schema/${n.kebab}.ts`]: schemaModule(n, fields, parent),
    [`test/factories/${n.kebab}.ts`]: factory(n, fields, parent),
    [`test/${snake(n.plural).replace(/_/g, '-')}.test.ts`]: testFile(n, fields, parent, links),
  };
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  files[`prisma/migrations/${stamp}_${n.table}/migration.sql`] = migration(
    n,
    fields,
    parent,
    link && links ? { n: link, a: links } : null,
  );
  if (links && link) {
    files[`src/schema/${link.kebab}.ts`] = linkModule(link, links, n);
    files[`test/factories/${link.kebab}.ts`] = joinFactory(link, links, n);
    const exports = readFileSync(inRoot(`src/schema/${links.kebab}.ts`), 'utf8');
    if (!new RegExp(`export const ${links.model}Connection\\b`).test(exports)) {
      fail(`--links ${links.model}: src/schema/${links.kebab}.ts must export ${links.model}Connection`);
    }
  }
  for (const path of Object.keys(files)) if (existsSync(inRoot(path))) fail(`${path} exists already`);

  const doc = `${pascal(pluralOf(n.title))}${parent ? ` of a ${parent.title}` : ''}: an organization's own (npm run new:model).`;
  schema = `${schema.trimEnd()}\n\n${prismaModel(n, fields, parent, links, doc)}\n`;
  schema = addRelationField(schema, 'Organization', `${n.plural} ${n.model}[]`);
  if (parent) schema = addRelationField(schema, parent.model, `${n.plural} ${n.model}[]`);
  if (links && link) {
    schema = `${schema.trimEnd()}\n\n${prismaJoinModel(link, links, n)}\n`;
    schema = addRelationField(schema, 'Organization', `${link.plural} ${link.model}[]`);
    schema = addRelationField(schema, links.model, `${n.camel}Links ${link.model}[]`);
  }

  writeFileSync(schemaPath, schema);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(inRoot(path)), { recursive: true });
    writeFileSync(inRoot(path), text);
  }
  const index = inRoot('src/schema/index.ts');
  const modules = [n.kebab, ...(link ? [link.kebab] : [])].map((m) => `import './${m}.js';`);
  const indexText = readFileSync(index, 'utf8');
  const lastImport = [...indexText.matchAll(/^import '\.\/[\w-]+\.js';$/gm)].at(-1)!;
  const at = lastImport.index! + lastImport[0].length;
  writeFileSync(index, `${indexText.slice(0, at)}\n${modules.join('\n')}${indexText.slice(at)}`);

  const run = (command: string, args: string[]) => execFileSync(command, args, { cwd: root, stdio: 'inherit' });
  run('npx', ['prisma', 'format']);
  run('npx', ['prettier', '--log-level', 'warn', '--write', ...Object.keys(files).filter((f) => f.endsWith('.ts'))]);
  if (!values['no-generate']) {
    run('npx', ['prisma', 'generate']);
    run('npm', ['run', '--silent', 'codegen']);
  }
  console.log(
    `\nnew:model wrote:\n  prisma/schema.prisma (${n.model}${link ? `, ${link.model}` : ''}, and their relation fields)`,
  );
  for (const path of Object.keys(files)) console.log(`  ${path}`);
  console.log('  src/schema/index.ts (the import)');
  console.log(`\nNext: npm test (the tenancy check and the cross-tenant harness now cover ${n.model}).`);
}

const inRoot = (path: string) => join(root, path);

main();
