// GraphiQL for newcomers, the invitation link when there is no front end, and
// a plain answer to a browser's preflight while CORS is off.
//  - GraphiQL (/graphql in a browser) opens with a starting query; where the
//    public development secret is accepted (embedded database, loopback,
//    not production: config.ts), `/graphql?as=<email>[&org=<slug>]` opens it
//    signed in as that person, the headers filled in. Anyone who can reach such
//    a server can mint that token anyway (the secret is in the source); nowhere
//    else does this exist.
//  - Invitation emails link to `${APP_URL}/invitations/accept?token=…`. Without
//    APP_URL the link is this server's own, and answers with GraphiQL holding
//    the acceptInvitation mutation for that token.
import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import { signUserToken } from './auth/jwt.js';
import type { Config } from './config.js';

const WELCOME = `# Welcome to Orgraph. Send a user token as a header below:
#   { "Authorization": "Bearer <npm run token -- --email you@example.com>" }
# and pick an organization with { "X-Organization": "<slug>" }.
query Viewer {
  viewer {
    user { id email name }
    activeOrganization { slug name }
    memberships(first: 10) { edges { node { role organization { slug name } } } }
  }
}
`;

const SIGNED_IN = `# Signed in (see Headers below). Make an organization, then put its slug in
# the X-Organization header (or reopen with ?as=<email>&org=<slug>).
mutation CreateOrganization {
  createOrganization(input: { name: "Acme" }) {
    organization { slug name }
    userErrors { code message }
  }
}

query Viewer {
  viewer {
    user { id email name }
    activeOrganization { slug name }
    memberships(first: 10) { edges { node { role organization { slug name } } } }
  }
}
`;

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}$/;
const SLUG = /^[a-z0-9-]{1,63}$/;

/** GraphiQL's options for one page load. */
export function graphiqlOptions(config: Config) {
  return async (request: Request): Promise<GraphiQLOptions> => {
    const url = new URL(request.url);
    const as = url.searchParams.get('as');
    if (!config.jwt.development || !as || !EMAIL.test(as)) return { title: 'Orgraph', defaultQuery: WELCOME };
    const org = url.searchParams.get('org');
    const token = await signUserToken(config.jwt, { email: as, expiresIn: '1d' });
    const headers = { Authorization: `Bearer ${token}`, ...(org && SLUG.test(org) ? { 'X-Organization': org } : {}) };
    return {
      title: `Orgraph, as ${as}`,
      defaultQuery: SIGNED_IN,
      headers: JSON.stringify(headers, null, 2),
      shouldPersistHeaders: false,
    };
  };
}

/** The accept mutation for an invitation token, in GraphiQL. */
function acceptPage(token: string, base: URL): URL {
  const query = `# Accept the invitation as the person it was sent to: their token in the
# Authorization header${'\n'}# (on a development server, reopen this page with &as=<their email>).
mutation AcceptInvitation {
  acceptInvitation(input: { token: ${JSON.stringify(token)} }) {
    membership { role organization { slug name } }
    userErrors { code message }
  }
}
`;
  const target = new URL('/graphql', base);
  target.searchParams.set('query', query);
  const as = base.searchParams.get('as');
  if (as) target.searchParams.set('as', as);
  return target;
}

/**
 * A browser's CORS preflight while CORS is off: say how to turn it on, rather
 * than let it fail on the CSRF check.
 */
export function useCorsOffAnswer(config: Config): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (config.corsOrigins || request.method !== 'OPTIONS') return;
      endResponse(
        new fetchAPI.Response(
          "Cross-origin requests are off: start the server with CORS_ORIGINS=<your app's origin> to allow a browser app.",
          { status: 403, headers: { 'content-type': 'text/plain; charset=utf-8' } },
        ),
      );
    },
  };
}

/** Serves /invitations/accept when the invitation links point at this server (no APP_URL). */
export function useAcceptLinks(config: Config): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (config.appUrl || !config.graphiql || url.pathname !== '/invitations/accept') return;
      const token = url.searchParams.get('token') ?? '';
      if (!/^ogi_[\w-]{20,100}$/.test(token)) {
        return endResponse(new fetchAPI.Response('This link holds no invitation token.', { status: 400 }));
      }
      endResponse(
        new fetchAPI.Response(null, { status: 302, headers: { location: acceptPage(token, url).toString() } }),
      );
    },
  };
}
