// The explicit org selectors of a request (contract.graphql, "The active
// organization"): X-Organization, /orgs/<slug>/graphql, <slug>.<BASE_DOMAIN>.
// They must agree; an API key's own org is checked against them once known.
import { apiError } from '../errors.js';

const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const ORG_PATH = /^\/orgs\/([^/]+)\/graphql\/?$/;

export function explicitSlugs(request: Request, baseDomain: string | null): string[] {
  const found: string[] = [];
  const header = request.headers.get('x-organization')?.trim();
  if (header) found.push(header.toLowerCase());
  const url = new URL(request.url);
  const path = ORG_PATH.exec(url.pathname);
  if (path) found.push(decodePathSlug(path[1]!));
  if (baseDomain) {
    // A fully qualified host ends with a dot: the same host. A nested
    // subdomain is no slug: it is refused below, never ignored.
    const host = (request.headers.get('host') ?? url.host).split(':')[0]!.toLowerCase().replace(/\.$/, '');
    if (host.endsWith(`.${baseDomain}`)) {
      const sub = host.slice(0, -baseDomain.length - 1);
      if (sub) found.push(sub);
    }
  }
  return found;
}

function decodePathSlug(segment: string): string {
  try {
    return decodeURIComponent(segment).toLowerCase();
  } catch {
    throw apiError('BAD_USER_INPUT', 'The organization in the path is not valid URL encoding.', { wholeRequest: true });
  }
}

/** The one slug all explicit selectors name, or null when there are none. */
export function selectedSlug(request: Request, baseDomain: string | null): string | null {
  const slugs = explicitSlugs(request, baseDomain);
  if (slugs.length === 0) return null;
  if (new Set(slugs).size > 1) {
    throw apiError('BAD_USER_INPUT', `Conflicting organization selectors: ${[...new Set(slugs)].join(', ')}`, {
      wholeRequest: true,
    });
  }
  const slug = slugs[0]!;
  if (!SLUG.test(slug)) {
    throw apiError('BAD_USER_INPUT', `Not an organization slug: ${JSON.stringify(slug.slice(0, 64))}`, {
      wholeRequest: true,
    });
  }
  return slug;
}
