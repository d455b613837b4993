// Whether the sign-in page may list the demo accounts: only on a demo install, and only while those users exist.
import 'server-only';
import { inArray } from 'drizzle-orm';
import type { Db } from '@/db';
import { users } from '@/db/schema';
import { demoSeeding } from '@/server/env';
import { DEMO_USERS } from '@/server/main/demo-seed';

export async function visibleDemoUsers(db: Db) {
  if (!demoSeeding()) return [];
  const present = new Set(
    (
      await db
        .select({ email: users.email })
        .from(users)
        .where(
          inArray(
            users.email,
            DEMO_USERS.map((u) => u.email),
          ),
        )
    ).map((r) => r.email),
  );
  return DEMO_USERS.filter((u) => present.has(u.email)).map(({ email, password, role }) => ({ email, password, role }));
}
