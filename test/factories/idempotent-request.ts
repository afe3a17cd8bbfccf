// Kept by the request session only (no GraphQL type): here so the harness finds every org-owned model's rows.
import { randomUUID } from 'node:crypto';
import { defineFactory } from '../support/factories.js';

export default defineFactory('IdempotentRequest', async () => ({
  caller: 'user:factory',
  keyHash: randomUUID(),
  requestHash: randomUUID(),
}));
