// A browser carries the session cookie on any request to this host, from any page on it: another port or subdomain
// is the same *site*, so SameSite=Lax does not help. Cookie-authenticated writes therefore prove they come from the
// app's own pages: the Origin must be the app's origin, and the browser must not label the request cross-site.
import 'server-only';
import { env } from '@/server/env';
import { DomainError } from '@/server/domain-error';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin pages are served from: NEXTAUTH_URL when set, else the origin the request itself was sent to. */
export function appOrigin(req: Request): string {
  if (env.NEXTAUTH_URL) return new URL(env.NEXTAUTH_URL).origin;
  return new URL(req.url).origin;
}

/** Why this request may not change anything with the caller's cookie, or null when it may. */
export function crossSiteRefusal(req: Request): string | null {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return null;
  const site = req.headers.get('sec-fetch-site');
  if (site && site !== 'same-origin' && site !== 'none') return `Refused: this request came from another site (${site}).`;
  const origin = req.headers.get('origin');
  // No Origin: not a browser page (browsers send one on every cross-origin or same-origin POST), so no ambient cookie risk.
  if (origin === null) return null;
  if (origin !== appOrigin(req) && origin !== new URL(req.url).origin)
    return `Refused: requests from ${origin} may not act on your session.`;
  return null;
}

export function assertSameOrigin(req: Request): void {
  const refused = crossSiteRefusal(req);
  if (refused) throw new DomainError('forbidden', refused);
}
