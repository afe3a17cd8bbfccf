// Labels for the cross-tenant harness and the tests (written by npm run new:model).
import { defineFactory } from '../support/factories.js';

export default defineFactory('Label', async ({ n }) => ({ name: `name ${n}` }));
