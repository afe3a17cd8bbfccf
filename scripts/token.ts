// npm run token -- --email alice@example.com [--name Alice] [--unverified] [--expires 1h]
// Prints a user token signed with JWT_SECRET, or the embedded database's
// development secret.
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../src/config.js';
import { signUserToken } from '../src/auth/jwt.js';

try {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      unverified: { type: 'boolean', default: false },
      expires: { type: 'string', default: '7d' },
    },
  });
  if (!values.email) throw new ConfigError('Usage: npm run token -- --email alice@example.com [--name Alice]');
  const config = loadConfig();
  console.log(
    await signUserToken(config.jwt, {
      email: values.email,
      name: values.name,
      emailVerified: !values.unverified,
      expiresIn: values.expires,
    }),
  );
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
