import { defineFactory } from '../support/factories.js';

export default defineFactory('Task', async ({ n, one }) => ({
  projectId: (await one('Project')).id,
  title: `task ${n}`,
}));
