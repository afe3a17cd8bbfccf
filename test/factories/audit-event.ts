import { defineFactory } from '../support/factories.js';

export default defineFactory('AuditEvent', async ({ one }) => ({
  action: 'project.created',
  targetType: 'Project',
  targetId: (await one('Project')).id,
}));
