import { defineFactory } from '../support/factories.js';

export default defineFactory('Project', async ({ n }) => ({ name: `project ${n}` }));
