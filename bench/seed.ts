// Seeds the benchmark's tenants with the plain client, in bulk (createMany).
// Each org is built by the steps in ORG_STEPS, in order: projects and tasks
// come as further steps, reading the members seeded before them.
import { randomUUID } from 'node:crypto';
import { LOCAL_ISSUER } from '../src/auth/jwt.js';
import type { PrismaClient } from '../src/generated/prisma/client.js';

export interface SeedShape {
  orgs: number;
  membersPerOrg: number;
  projectsPerOrg: number;
  tasksPerProject: number;
}

export interface SeededMember {
  userId: string;
  email: string;
  name: string;
}

export interface SeededOrg {
  id: string;
  slug: string;
  name: string;
  members: SeededMember[];
  projects: number;
  tasksPerProject: number;
  /** Tasks of its newest project, when it differs from tasksPerProject (the big tenant). */
  tasksInFirstProject?: number;
}

type OrgStep = (prisma: PrismaClient, org: SeededOrg, shape: SeedShape) => Promise<void>;

const pad = (n: number) => String(n).padStart(3, '0');

/** Users keyed as signUserToken's tokens name them (so no request creates one), and their memberships. */
const seedMembers: OrgStep = async (prisma, org, shape) => {
  for (let i = 0; i < shape.membersPerOrg; i++) {
    const email = `member-${pad(i)}@${org.slug}.example.com`;
    org.members.push({ userId: randomUUID(), email, name: `Member ${i} of ${org.name}` });
  }
  await prisma.user.createMany({
    data: org.members.map((m) => ({
      id: m.userId,
      issuer: LOCAL_ISSUER,
      subject: `email|${m.email}`,
      email: m.email,
      emailVerified: true,
      name: m.name,
    })),
  });
  await prisma.membership.createMany({
    data: org.members.map((m, i) => ({ orgId: org.id, userId: m.userId, role: i === 0 ? 'ADMIN' : 'MEMBER' })),
  });
};

/** Projects, and tasks assigned round-robin to the org's members. */
const seedProjects: OrgStep = async (prisma, org, shape) => {
  const projects = Array.from({ length: shape.projectsPerOrg }, (_, p) => ({
    id: randomUUID(),
    orgId: org.id,
    name: `Project ${p} of ${org.name}`,
    createdById: org.members[0]!.userId,
  }));
  await prisma.project.createMany({ data: projects });
  await prisma.task.createMany({
    data: projects.flatMap((project, p) =>
      Array.from({ length: shape.tasksPerProject }, (_, t) => ({
        orgId: org.id,
        projectId: project.id,
        title: `Task ${t} of project ${p}`,
        status: (['TODO', 'IN_PROGRESS', 'DONE'] as const)[t % 3]!,
        assigneeId: org.members[(p * shape.tasksPerProject + t) % org.members.length]!.userId,
      })),
    ),
  });
  org.projects = shape.projectsPerOrg;
  org.tasksPerProject = shape.tasksPerProject;
};

const ORG_STEPS: OrgStep[] = [seedMembers, seedProjects];

export async function seed(
  prisma: PrismaClient,
  shape: SeedShape,
  onProgress: (done: number, total: number) => void,
): Promise<SeededOrg[]> {
  const orgs: SeededOrg[] = [];
  for (let i = 0; i < shape.orgs; i++) {
    const org: SeededOrg = {
      id: randomUUID(),
      slug: `bench-org-${pad(i)}`,
      name: `Bench Org ${i}`,
      members: [],
      projects: 0,
      tasksPerProject: 0,
    };
    await prisma.organization.create({ data: { id: org.id, slug: org.slug, name: org.name } });
    for (const step of ORG_STEPS) await step(prisma, org, shape);
    orgs.push(org);
    onProgress(i + 1, shape.orgs);
  }
  return orgs;
}

/** The big tenant's shape: many projects, and one project far bigger than the rest. */
export interface BigTenantShape {
  members: number;
  projects: number;
  tasksPerProject: number;
  /** Tasks of its newest project, the first one every page shows. */
  tasksInFirstProject: number;
}

/**
 * One organization far bigger than the others, seeded in SQL (it is too big
 * for row-by-row inserts to be quick): a page of it must cost what a page of a
 * small one costs.
 */
export async function seedBigTenant(prisma: PrismaClient, shape: BigTenantShape): Promise<SeededOrg> {
  const org: SeededOrg = {
    id: randomUUID(),
    slug: 'bench-big',
    name: 'Bench Big Org',
    members: [],
    projects: shape.projects,
    tasksPerProject: shape.tasksPerProject,
    tasksInFirstProject: shape.tasksInFirstProject,
  };
  await prisma.organization.create({ data: { id: org.id, slug: org.slug, name: org.name } });
  await seedMembers(prisma, org, { orgs: 1, membersPerOrg: shape.members, projectsPerOrg: 0, tasksPerProject: 0 });
  const firstMember = org.members[0]!.userId;
  // Projects 1..n-1 first; project 0 last, so it is the newest: on every first page.
  await prisma.$executeRawUnsafe(
    `INSERT INTO projects (org_id, name, created_by_id, created_at)
     SELECT $1::uuid, 'Project ' || p || ' of Bench Big Org', $2::uuid, now() - make_interval(secs => $3 - p)
     FROM generate_series(1, $3 - 1) AS p`,
    org.id,
    firstMember,
    shape.projects,
  );
  await prisma.$executeRawUnsafe(
    `INSERT INTO projects (org_id, name, created_by_id, created_at) VALUES ($1::uuid, 'Project 0 of Bench Big Org', $2::uuid, now())`,
    org.id,
    firstMember,
  );
  const memberIds = org.members.map((m) => m.userId);
  const tasks = (where: string, count: string) =>
    prisma.$executeRawUnsafe(
      `INSERT INTO tasks (org_id, project_id, title, status, assignee_id)
       SELECT p.org_id, p.id, 'Task ' || t || ' of ' || p.name, (ARRAY['TODO','IN_PROGRESS','DONE']::"TaskStatus"[])[1 + t % 3],
              ($2::uuid[])[1 + (t % array_length($2::uuid[], 1))]
       FROM projects p CROSS JOIN generate_series(1, ${count}) AS t
       WHERE p.org_id = $1::uuid AND ${where}`,
      org.id,
      memberIds,
    );
  await tasks(`p.name <> 'Project 0 of Bench Big Org'`, String(shape.tasksPerProject));
  await tasks(`p.name = 'Project 0 of Bench Big Org'`, String(shape.tasksInFirstProject));
  return org;
}
