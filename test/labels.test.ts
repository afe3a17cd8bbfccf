// Labels: who may read and write them, validation, and every change audited
// (written by npm run new:model; the cross-tenant harness covers their isolation).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { encodeGlobalID, idOfType } from '../src/lib/global-id.js';
import { callers, type Callers } from './support/callers.js';
import { codeOf, createTestApp, type CallOptions, type TestApp } from './support/app.js';
import { build } from './support/factories.js';

let app: TestApp;
let who: Callers;

beforeAll(async () => {
  app = await createTestApp();
  who = await callers(app);
});
afterAll(() => app?.close());

const Create = `mutation($input: CreateLabelInput!) { createLabel(input: $input) { label { id name } userErrors { code field } } }`;
const Update = `mutation($input: UpdateLabelInput!) { updateLabel(input: $input) { label { id name } userErrors { code field } } }`;
const Delete = `mutation($input: LabelRefInput!) { deleteLabel(input: $input) { deletedLabelId userErrors { code } } }`;
const List = `{ organization { labels(first: 10) { totalCount edges { node { id } } } } }`;
const list = (res: any) => res.data?.organization?.labels;

async function create(as: CallOptions = who.admin) {
  const res = await app.gql(Create, { input: { name: 'a name' } }, as);
  return res.data!.createLabel.label!.id as string;
}

describe('who may read and write', () => {
  test('no credentials: nothing to read, writes UNAUTHENTICATED', async () => {
    const id = await create();
    expect(list(await app.gql(List, {}, { org: who.slug }))).toBeFalsy();
    for (const [doc, variables] of [
      [Create, { input: { name: 'a name' } }],
      [Update, { input: { labelId: id } }],
      [Delete, { input: { labelId: id } }],
    ] as const) {
      expect(codeOf(await app.gql(doc, variables, { org: who.slug }))).toBe('UNAUTHENTICATED');
    }
  });

  test('a non-member: nothing to read, writes NOT_FOUND, nothing changes', async () => {
    const id = await create();
    const before = await app.db.prisma.label.count();
    expect(list(await app.gql(List, {}, who.outsider))).toBeFalsy();
    expect(codeOf(await app.gql(Create, { input: { name: 'a name' } }, who.outsider))).toBe('NOT_FOUND');
    expect(codeOf(await app.gql(Update, { input: { labelId: id } }, who.outsider))).toBe('NOT_FOUND');
    expect(codeOf(await app.gql(Delete, { input: { labelId: id } }, who.outsider))).toBe('NOT_FOUND');
    expect(await app.db.prisma.label.count()).toBe(before);
  });

  test.each(['member', 'admin', 'readWriteKey'] as const)('%s: creates, lists, updates and deletes', async (caller) => {
    const as = who[caller];
    const id = await create(as);
    expect(list(await app.gql(List, {}, as)).edges.map((e: any) => e.node.id)).toContain(id);
    const updated = await app.gql(Update, { input: { labelId: id, name: ' renamed ' } }, as);
    expect(updated.data.updateLabel).toEqual({ label: { id, name: 'renamed' }, userErrors: [] });
    const deleted = await app.gql(Delete, { input: { labelId: id } }, as);
    expect(deleted.data.deleteLabel).toEqual({ deletedLabelId: id, userErrors: [] });
    expect(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, as)).toMatchObject({
      data: { node: null },
    });
    const actions = await app.db.prisma.auditEvent.findMany({
      where: { targetId: idOfType(id, 'Label') },
      orderBy: { createdAt: 'asc' },
    });
    expect(actions.map((a) => a.action)).toEqual(['label.created', 'label.updated', 'label.deleted']);
  });

  test('a READ key reads but may not write', async () => {
    const id = await create();
    expect(list(await app.gql(List, {}, who.readKey)).edges.map((e: any) => e.node.id)).toContain(id);
    expect(codeOf(await app.gql(Create, { input: { name: 'a name' } }, who.readKey))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(Update, { input: { labelId: id } }, who.readKey))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(Delete, { input: { labelId: id } }, who.readKey))).toBe('FORBIDDEN');
  });

  test('a WRITE key writes, and reads only what its own mutation wrote', async () => {
    const id = await create(who.writeKey);
    expect(codeOf(await app.gql(List, {}, who.writeKey))).toBe('FORBIDDEN');
    expect(codeOf(await app.gql(`query($id: ID!) { node(id: $id) { id } }`, { id }, who.writeKey))).toBe('FORBIDDEN');
    const deleted = await app.gql(Delete, { input: { labelId: id } }, who.writeKey);
    expect(deleted.data.deleteLabel.deletedLabelId).toBe(id);
  });
});

describe('validation', () => {
  test('an empty or too long name is INVALID_INPUT and writes nothing', async () => {
    const before = await app.db.prisma.label.count();
    for (const name of ['  ', 'x'.repeat(201)]) {
      const res = await app.gql(Create, { input: { ...{ name: 'a name' }, name } }, who.admin);
      expect(res.data.createLabel).toEqual({
        label: null,
        userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'name'] }],
      });
    }
    expect(await app.db.prisma.label.count()).toBe(before);
  });
});

describe('labels on tasks', () => {
  const Attach = `mutation($input: LabelOnTaskInput!) { attachLabelToTask(input: $input) { task { labels(first: 10) { totalCount edges { node { id } } } } userErrors { code } } }`;
  // What a WRITE-only key may read back: the rows it wrote, not their connections.
  const AttachIds = `mutation($input: LabelOnTaskInput!) { attachLabelToTask(input: $input) { task { id } label { id } userErrors { code } } }`;
  const Detach = `mutation($input: LabelOnTaskInput!) { detachLabelFromTask(input: $input) { task { id } userErrors { code } } }`;
  const Reverse = `query($id: ID!) { node(id: $id) { ... on Label { tasks(first: 10) { totalCount edges { node { id } } } } } }`;

  test('attach is idempotent, lists both ways, detach removes; a READ key may not', async () => {
    const task = await build(app.db.prisma, 'Task', who.orgId);
    const taskId = encodeGlobalID('Task', task.id);
    const labelId = await create();
    const input = { taskId, labelId };
    expect(codeOf(await app.gql(Attach, { input }, who.readKey))).toBe('FORBIDDEN');
    const attached = await app.gql(Attach, { input }, who.member);
    expect(attached.data.attachLabelToTask.task.labels).toEqual({ totalCount: 1, edges: [{ node: { id: labelId } }] });
    expect((await app.gql(AttachIds, { input }, who.writeKey)).data.attachLabelToTask).toEqual({
      task: { id: taskId },
      label: { id: labelId },
      userErrors: [],
    });
    const reverse = await app.gql(Reverse, { id: labelId }, who.readKey);
    expect(reverse.data.node.tasks).toEqual({ totalCount: 1, edges: [{ node: { id: taskId } }] });
    expect((await app.gql(Detach, { input }, who.writeKey)).data.detachLabelFromTask.userErrors).toEqual([]);
    expect((await app.gql(Reverse, { id: labelId }, who.admin)).data.node.tasks.totalCount).toBe(0);
    // Twice attached, once detached: only the changes are audited.
    const audited = await app.db.prisma.auditEvent.count({
      where: { targetId: task.id, action: { in: ['label.attached', 'label.detached'] } },
    });
    expect(audited).toBe(2);
  });
});
