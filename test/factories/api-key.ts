import { generateApiKey } from '../../src/auth/api-key.js';
import { defineFactory } from '../support/factories.js';

export default defineFactory('ApiKey', async ({ n }) => {
  const key = generateApiKey();
  return { name: `key ${n}`, publicId: key.publicId, secretHash: key.secretHash, scopes: ['READ'] };
});
