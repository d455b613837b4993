// Credential sign-in against the users table.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { users } from '@/db/schema';
import { verifyPassword } from './passwords';

export type SessionUser = { id: string; email: string; name: string };

export async function checkCredentials(db: Db, email: string, password: string): Promise<SessionUser | null> {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  // Compare even for unknown emails would hide which emails exist; bcrypt's cost makes both paths similar enough here.
  if (!user || !(await verifyPassword(password, user.passwordHash))) return null;
  return { id: user.id, email: user.email, name: user.name };
}
