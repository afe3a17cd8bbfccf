// Four more request shapes beside the peer harness's nested one, timed the same
// way (../shared/peers/bench.mjs's runBench: answers checked against SQL first,
// then autocannon per connection count, servers one after the other). Run by
// shapes.sh, which copies this file next to the harness's own modules.
//
//   members   organization → members(first: 50) → user
//   audit     organization → auditEvents(first: 50) → actor (admins)
//   nodes     20 tasks by id, with their assignees (Orgraph: nodes(ids:); PostGraphile: 20 aliased node(id:))
//   mutation  updateTask: one task's status, answered with the task and its assignee
import { main, parseOptions, readOrgs, runBench, signCallers } from './bench.mjs';

const USER = 'id email name';
const TASK = 'id title status';
const ORDER = 'orderBy: [CREATED_AT_DESC, ROW_ID_DESC]';
const hasId = (x) => typeof x?.id === 'string' && x.id.length > 0;
const edges = (c) => (c?.edges ?? []).map((e) => e.node);
const user = (u) => (u ? { id: hasId(u), email: u.email, name: u.name } : null);
const task = (t, assignee) => (t ? { id: hasId(t), title: t.title, status: t.status, assignee: user(assignee) } : null);
const body = (query, variables) => JSON.stringify({ query, variables });
const orgraphId = (type, id) => Buffer.from(`${type}:${id}`).toString('base64');
const pglId = (type, id) => Buffer.from(JSON.stringify([type, id])).toString('base64');

/** Each workload's answer in one shape, whichever dialect gave it. */
function normalize(dialect, data) {
  const pgl = dialect === 'postgraphile';
  const org = pgl ? data?.currentOrganization : data?.organization;
  if (org && (org.members || org.membershipsByOrgId)) {
    const c = pgl ? org.membershipsByOrgId : org.members;
    return {
      totalCount: c.totalCount,
      nodes: edges(c).map((m) => ({ id: hasId(m), role: m.role, user: user(pgl ? m.userByUserId : m.user) })),
    };
  }
  if (org && (org.auditEvents || org.auditEventsByOrgId)) {
    const c = pgl ? org.auditEventsByOrgId : org.auditEvents;
    return {
      totalCount: c.totalCount,
      nodes: edges(c).map((e) => ({
        id: hasId(e),
        action: e.action,
        targetType: e.targetType,
        actor: user(pgl ? e.userByActorId : e.actor),
      })),
    };
  }
  if (data?.nodes) return data.nodes.map((t) => task(t, t?.assignee));
  if (data?.t0 !== undefined) return Object.keys(data).map((k) => task(data[k], data[k]?.userByAssigneeId));
  if (data?.updateTask) return task(data.updateTask.task, data.updateTask.task?.assignee);
  if (data?.updateTaskByRowId) return task(data.updateTaskByRowId.task, data.updateTaskByRowId.task?.userByAssigneeId);
  return null;
}

async function membersWorkload(db, callers) {
  const { rows } = await db.query(
    `SELECT o.id::text, json_build_object('totalCount', (SELECT count(*)::int FROM memberships c WHERE c.org_id = o.id),
       'nodes', (SELECT json_agg(json_build_object('id', true, 'role', m.role,
           'user', json_build_object('id', true, 'email', u.email, 'name', u.name)) ORDER BY m.created_at DESC, m.id DESC)
         FROM (SELECT * FROM memberships WHERE org_id = o.id ORDER BY created_at DESC, id DESC LIMIT 50) m
         JOIN users u ON u.id = m.user_id)) AS answer
     FROM organizations o`,
  );
  const expected = new Map(rows.map((r) => [r.id, r.answer]));
  const bodies = {
    orgraph: body(`{ organization { members(first: 50) { totalCount edges { node { id role user { ${USER} } } } } } }`),
    postgraphile: body(
      `{ currentOrganization { membershipsByOrgId(first: 50, ${ORDER}) { totalCount edges { node { id role userByUserId { ${USER} } } } } } }`,
    ),
  };
  return { name: 'members', callers: callers.map((c) => ({ ...c, bodies, expected: expected.get(c.org.id) })) };
}

async function auditWorkload(db, admins) {
  const { rows } = await db.query(
    `SELECT o.id::text, json_build_object('totalCount', (SELECT count(*)::int FROM audit_events c WHERE c.org_id = o.id),
       'nodes', (SELECT json_agg(json_build_object('id', true, 'action', e.action, 'targetType', e.target_type,
           'actor', CASE WHEN u.id IS NULL THEN NULL ELSE json_build_object('id', true, 'email', u.email, 'name', u.name) END)
           ORDER BY e.created_at DESC, e.id DESC)
         FROM (SELECT * FROM audit_events WHERE org_id = o.id ORDER BY created_at DESC, id DESC LIMIT 50) e
         LEFT JOIN users u ON u.id = e.actor_id)) AS answer
     FROM organizations o`,
  );
  const expected = new Map(rows.map((r) => [r.id, r.answer]));
  const fields = 'id action targetType targetId createdAt';
  const bodies = {
    orgraph: body(
      `{ organization { auditEvents(first: 50) { totalCount edges { node { ${fields} actor { ${USER} } } } } } }`,
    ),
    postgraphile: body(
      `{ currentOrganization { auditEventsByOrgId(first: 50, ${ORDER}) { totalCount edges { node { ${fields} userByActorId { ${USER} } } } } } }`,
    ),
  };
  return { name: 'audit', callers: admins.map((c) => ({ ...c, bodies, expected: expected.get(c.org.id) })) };
}

/** The 20 newest tasks of the org's newest project, with assignees, in that order. */
async function newestTasks(db) {
  const { rows } = await db.query(
    `SELECT p.org_id::text, json_agg(json_build_object('id', t.id, 'title', t.title, 'status', t.status,
        'assignee', json_build_object('email', u.email, 'name', u.name)) ORDER BY t.created_at DESC, t.id DESC) AS tasks
       FROM (SELECT DISTINCT ON (org_id) * FROM projects ORDER BY org_id, created_at DESC, id DESC) p
       CROSS JOIN LATERAL (SELECT * FROM tasks WHERE project_id = p.id ORDER BY created_at DESC, id DESC LIMIT 20) t
       JOIN users u ON u.id = t.assignee_id
      GROUP BY p.org_id`,
  );
  return new Map(rows.map((r) => [r.org_id, r.tasks]));
}
const expectedTask = (t, status = t.status) => ({
  id: true,
  title: t.title,
  status,
  assignee: { id: true, email: t.assignee.email, name: t.assignee.name },
});

async function nodesWorkload(db, callers) {
  const tasks = await newestTasks(db);
  const select = (assignee) => `id ... on Task { title status ${assignee} { ${USER} } }`;
  return {
    name: 'nodes',
    callers: callers.map((c) => {
      const mine = tasks.get(c.org.id);
      const aliases = mine.map((t, i) => `t${i}: node(id: "${pglId('Task', t.id)}") { ${select('userByAssigneeId')} }`);
      const bodies = {
        orgraph: body(`query Tasks($ids: [ID!]!) { nodes(ids: $ids) { ${select('assignee')} } }`, {
          ids: mine.map((t) => orgraphId('Task', t.id)),
        }),
        postgraphile: body(`{ ${aliases.join(' ')} }`),
      };
      return { ...c, bodies, expected: mine.map((t) => expectedTask(t)) };
    }),
  };
}

/** Each caller moves its own task (the i-th newest of its org) to IN_PROGRESS: no two callers update one row. */
async function mutationWorkload(db, callers) {
  const tasks = await newestTasks(db);
  return {
    name: 'mutation',
    callers: callers.map((c) => {
      const t = tasks.get(c.org.id)[c.org.members.indexOf(c.member)];
      const bodies = {
        orgraph: body(
          `mutation Move($id: ID!) { updateTask(input: { taskId: $id, status: IN_PROGRESS }) {
             task { ${TASK} assignee { ${USER} } } userErrors { message } } }`,
          { id: orgraphId('Task', t.id) },
        ),
        postgraphile: body(
          `mutation Move($id: UUID!) { updateTaskByRowId(input: { rowId: $id, taskPatch: { status: IN_PROGRESS } }) {
             task { ${TASK} userByAssigneeId { ${USER} } } } }`,
          { id: t.id },
        ),
      };
      return { ...c, bodies, expected: expectedTask(t, 'IN_PROGRESS') };
    }),
  };
}

/** Reads first, for every server, then the writes: the mutation's audit trail must not change what the reads expect. */
const scenario = (name, title, workloads) => ({
  name,
  title,
  kinds: ['orgraph', 'postgraphile'],
  defaultServers: 'orgraph,postgraphile',
  normalize,
  async prepare({ db, secret }) {
    const orgs = await readOrgs(db);
    const callers = await signCallers(secret, orgs, [0, 1, 2, 3, 4]);
    return {
      workloads: await workloads(db, callers),
      callers: '5 members of each of the 20 orgs (audit events: their admins)',
    };
  },
});
const reads = scenario('reads', 'members, audit events, nodes by id', async (db, callers) => [
  await membersWorkload(db, callers),
  await auditWorkload(
    db,
    callers.filter((c) => c.member.role === 'ADMIN'),
  ),
  await nodesWorkload(db, callers),
]);
const writes = scenario('writes', 'updateTask', async (db, callers) => [await mutationWorkload(db, callers)]);

await main(async () => {
  const opt = parseOptions({ shapes: { type: 'string', default: 'reads,writes' } });
  const chosen = opt.shapes.split(',');
  for (const scenario of [reads, writes]) if (chosen.includes(scenario.name)) await runBench({ opt, scenario });
});
