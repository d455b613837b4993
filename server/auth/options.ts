// next-auth configuration: email + password against our own users table, JWT sessions (no extra tables, works offline).
import 'server-only';
import type { NextAuthOptions } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { getServerSession } from 'next-auth';
import { getDb } from '@/server/db';
import { authSecret } from './secret';
import { checkCredentials, type SessionUser } from './users';

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: 'jwt', maxAge: 7 * 24 * 3600 },
  pages: { signIn: '/signin' },
  providers: [
    CredentialsProvider({
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      authorize: async (input, req) => {
        if (!input?.email || !input.password) return null;
        // next-auth shows a thrown error's message on the sign-in page: the throttle's "try again in N s".
        return checkCredentials(await getDb(), input.email, input.password, clientAddress(req?.headers));
      },
    }),
  ],
  callbacks: {
    jwt: ({ token, user }) => {
      if (user) token.uid = user.id;
      return token;
    },
    session: ({ session, token }) => {
      if (session.user && typeof token.uid === 'string') session.user.id = token.uid;
      return session;
    },
  },
};

/** The client's address as the server saw it (Next.js sets x-forwarded-for from the socket when no proxy did). */
function clientAddress(headers: Record<string, unknown> | undefined): string | null {
  const forwarded = headers?.['x-forwarded-for'];
  const first = typeof forwarded === 'string' ? forwarded.split(',')[0]?.trim() : undefined;
  const real = headers?.['x-real-ip'];
  return first || (typeof real === 'string' ? real : null);
}

export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  const u = session?.user;
  return u?.id && u.email ? { id: u.id, email: u.email, name: u.name ?? u.email } : null;
}
