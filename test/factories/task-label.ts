// Links between tasks and labels for the cross-tenant harness (written by npm run new:model).
import { defineFactory } from '../support/factories.js';

export default defineFactory('TaskLabel', async ({ one }) => ({
  taskId: (await one('Task')).id,
  labelId: (await one('Label')).id,
}));
