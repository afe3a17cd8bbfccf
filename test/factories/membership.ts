// A member with a user of their own.
import { defineFactory } from '../support/factories.js';

export default defineFactory('Membership', async ({ n, prisma }) => {
  const user = await prisma.user.create({
    data: { issuer: 'factory', subject: `member-${n}`, email: `member-${n}@factory.example.com`, emailVerified: true },
  });
  return { userId: user.id, role: 'MEMBER' };
});
