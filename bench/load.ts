// The measured query, its correctness check, and the load (autocannon) that
// spreads it over the seeded orgs, one caller after another.
import autocannon from 'autocannon';
import type { SeededOrg } from './seed.js';

// organization → projects → tasks → assignee, 20 at each level (the nested org-scoped query).
export const QUERY = `query { organization { id name projects(first: 20) { totalCount edges { node { id name
  tasks(first: 20) { totalCount edges { node { id title status assignee { id email name } } } } } } } } }`;
const PAGE = 20;

/** A member's token and the org it selects with X-Organization. */
export interface Caller {
  token: string;
  org: SeededOrg;
}

function headers(caller: Caller) {
  return {
    'content-type': 'application/json',
    authorization: `Bearer ${caller.token}`,
    'x-organization': caller.org.slug,
  };
}

/**
 * Every caller once, so each user is in the server's cache before the load:
 * no errors, the org's own name and members, a full page, the right total.
 */
export async function verify(url: string, callers: Caller[]) {
  for (const caller of callers) {
    const response = await fetch(url, {
      method: 'POST',
      headers: headers(caller),
      body: JSON.stringify({ query: QUERY }),
    });
    const text = await response.text();
    const fail = (why: string) => {
      throw new Error(`Wrong answer for ${caller.org.slug} (${why}): HTTP ${response.status} ${text.slice(0, 1000)}`);
    };
    if (response.status !== 200) fail('status');
    const body = JSON.parse(text) as {
      errors?: unknown[];
      data?: {
        organization: {
          name: string;
          projects: {
            totalCount: number;
            edges: {
              node: {
                name: string;
                tasks: { totalCount: number; edges: { node: { assignee: { email: string } | null } }[] };
              };
            }[];
          };
        } | null;
      };
    };
    if (body.errors) fail('errors');
    const org = body.data?.organization;
    if (!org || org.name !== caller.org.name) fail('organization');
    const emails = new Set(caller.org.members.map((m) => m.email));
    const { projects } = org!;
    if (projects.totalCount !== caller.org.projects) fail(`project totalCount, expected ${caller.org.projects}`);
    if (projects.edges.length !== Math.min(PAGE, caller.org.projects)) fail('project page');
    for (const [index, { node }] of projects.edges.entries()) {
      if (!node.name.endsWith(`of ${caller.org.name}`)) fail('a project of another org');
      const tasks = (index === 0 ? caller.org.tasksInFirstProject : undefined) ?? caller.org.tasksPerProject;
      if (node.tasks.totalCount !== tasks) fail(`task totalCount, expected ${tasks}`);
      if (node.tasks.edges.length !== Math.min(PAGE, tasks)) fail('task page');
      if (!node.tasks.edges.every((e) => e.node.assignee && emails.has(e.node.assignee.email))) {
        fail('an assignee of another org');
      }
    }
  }
}

export interface LoadOptions {
  connections: number;
  /** Seconds; or a number of requests with `amount`. */
  duration?: number;
  amount?: number;
}

/** Runs the load; throws, with the first failing answer, if any request failed. */
export async function runLoad(url: string, callers: Caller[], options: LoadOptions): Promise<autocannon.Result> {
  let next = 0;
  let failures = 0;
  let firstFailure = '';
  const result = await autocannon({
    url,
    connections: options.connections,
    ...(options.amount ? { amount: options.amount } : { duration: options.duration }),
    method: 'POST',
    body: JSON.stringify({ query: QUERY }),
    requests: [
      {
        // Each request is the next caller in turn: another org, another member.
        setupRequest: (request) => ({ ...request, headers: headers(callers[next++ % callers.length]!) }),
        onResponse: (status, body) => {
          if (status >= 200 && status < 300 && !body.includes('"errors"')) return;
          failures++;
          firstFailure ||= `HTTP ${status} ${body.slice(0, 1000)}`;
        },
      },
    ],
  });
  if (failures || result.non2xx || result.errors || result.timeouts) {
    throw new Error(
      `Failed requests: ${failures} failed answers (${result.non2xx} non-2xx), ${result.errors} connection errors, ` +
        `${result.timeouts} timeouts, of ${result.requests.total}. First failure: ${firstFailure || 'none recorded'}`,
    );
  }
  return result;
}
