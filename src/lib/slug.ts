// Organization slugs: one global namespace of lowercase letters, digits and
// dashes, safe in a subdomain and a URL path.
import { z } from 'zod';

export const SLUG_MAX_LENGTH = 48;

// Words that would shadow routes, subdomains or well-known names.
const RESERVED = new Set([
  'admin',
  'api',
  'app',
  'apps',
  'auth',
  'billing',
  'dashboard',
  'docs',
  'graphql',
  'graphiql',
  'help',
  'login',
  'logout',
  'mail',
  'new',
  'org',
  'orgs',
  'orgraph',
  'root',
  'settings',
  'signin',
  'signup',
  'static',
  'status',
  'support',
  'system',
  'www',
]);

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(2, 'Slug must have at least 2 characters')
  .max(SLUG_MAX_LENGTH, `Slug must have at most ${SLUG_MAX_LENGTH} characters`)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Slug may contain lowercase letters, digits and single dashes between them')
  .refine((slug) => !RESERVED.has(slug), 'This slug is reserved');

/** A slug from an organization name, e.g. "Ångström & Co." → "angstrom-co". */
export function slugFromName(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX_LENGTH - 5)
    .replace(/-+$/, '');
  return base.length >= 2 && !RESERVED.has(base) ? base : `org-${base || 'new'}`.replace(/-+$/, '');
}
