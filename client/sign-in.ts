// A project API key made over HTTP by signing in as an admin (next-auth's credentials flow, as the sign-in page does):
// what a script uses when it has a password but no key yet. The key is shown once, like in Settings.
import { createTRPCClient, httpLink } from '@trpc/client';
import superjson from 'superjson';
import type { AppRouter } from '@/server/routers/_app';
import { FactoryClientError } from './index';

const cookiesOf = (res: Response) => res.headers.getSetCookie().map((c) => c.split(';')[0]!);

export async function createApiKeyBySignIn(o: { baseUrl: string; email: string; password: string; projectId: string; name: string }) {
  const base = o.baseUrl.replace(/\/$/, '');
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const signed = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar.join('; ') },
    body: new URLSearchParams({ csrfToken, email: o.email, password: o.password, json: 'true' }),
  });
  jar.push(...cookiesOf(signed));
  if (!jar.some((c) => /session-token=/.test(c)))
    throw new FactoryClientError('unauthorized', `Could not sign in as ${o.email} at ${base}.`);
  // A cookie-authenticated write must come from the app's own origin, as its pages do.
  const api = createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${base}/api/trpc`, transformer: superjson, headers: () => ({ cookie: jar.join('; '), origin: base }) })],
  });
  const key = await api.project.apiKeys.create.mutate({ projectId: o.projectId, name: o.name }).catch((err: Error) => {
    throw new FactoryClientError('forbidden', `Could not create an API key as ${o.email}: ${err.message}`);
  });
  return key.secret;
}
