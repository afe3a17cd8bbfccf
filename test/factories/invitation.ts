import { randomUUID } from 'node:crypto';
import { defineFactory } from '../support/factories.js';

export default defineFactory('Invitation', async ({ n }) => ({
  email: `invitee-${n}@factory.example.com`,
  role: 'MEMBER',
  tokenHash: randomUUID(),
  expiresAt: new Date(Date.now() + 86_400_000),
}));
