// Demo data for a first start: two projects and one user per role, so every screen can be tried at once.
import 'server-only';
import { count } from 'drizzle-orm';
import type { Db } from '@/db';
import { memberships, projects, users, type Role } from '@/db/schema';
import { hashPassword } from '@/server/auth/passwords';
import { seedDataDemo } from '@/server/data/seed';
import { seedAnnotationDemo } from '@/server/data/annotation/seed';
import { seedCleaningDemo } from '@/server/data/cleaning/seed';
import { seedEnvironmentDemo } from '@/server/environment/seed';
import { seedEvaluationDemo } from '@/server/evaluation/seed';
import { seedPipelineDemo } from '@/server/pipeline/seed';
import { ensureBasicAgent } from '@/server/runtime/templates';

export const DEMO_PROJECT_ID = 'proj_demo';
export const SANDBOX_PROJECT_ID = 'proj_sandbox';

/** Demo credentials are printed at start on purpose: they only ever guard local demo data. */
export const DEMO_USERS: { id: string; email: string; name: string; password: string; role: Role }[] = [
  { id: 'user_admin', email: 'admin@demo.agentfactory.dev', name: 'Ada Admin', password: 'demo-admin-pass', role: 'admin' },
  { id: 'user_engineer', email: 'engineer@demo.agentfactory.dev', name: 'Eli Engineer', password: 'demo-engineer-pass', role: 'engineer' },
  {
    id: 'user_annotator',
    email: 'annotator@demo.agentfactory.dev',
    name: 'Ann Annotator',
    password: 'demo-annotator-pass',
    role: 'annotator',
  },
  { id: 'user_viewer', email: 'viewer@demo.agentfactory.dev', name: 'Max Manager', password: 'demo-viewer-pass', role: 'viewer' },
];

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

export async function seedDemo(db: Db): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(projects).values([
      { id: DEMO_PROJECT_ID, name: 'Math agent (demo)', slug: 'demo', description: 'A calculator-using arithmetic agent, end to end.' },
      { id: SANDBOX_PROJECT_ID, name: 'Sandbox', slug: 'sandbox', description: 'A scratch project to try things in.' },
    ]);
    for (const u of DEMO_USERS) {
      await tx.insert(users).values({ id: u.id, email: u.email, name: u.name, passwordHash: await hashPassword(u.password) });
      await tx.insert(memberships).values({ projectId: DEMO_PROJECT_ID, userId: u.id, role: u.role });
    }
    // The engineer owns the sandbox, so the project switcher has somewhere to go.
    await tx.insert(memberships).values({ projectId: SANDBOX_PROJECT_ID, userId: 'user_engineer', role: 'admin' });
  });
  await seedDataDemo(db, DEMO_PROJECT_ID);
  await seedAnnotationDemo(db, DEMO_PROJECT_ID);
  await seedEnvironmentDemo(db, DEMO_PROJECT_ID);
  await seedEvaluationDemo(db, DEMO_PROJECT_ID);
  await seedPipelineDemo(db, DEMO_PROJECT_ID);
  for (const p of [DEMO_PROJECT_ID, SANDBOX_PROJECT_ID]) await ensureBasicAgent(db, p);
}

export async function seedIfEmpty(db: Db): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  await seedDemo(db);
  // A first start also cleans the demo once, as a user would before anything else; tests that exercise cleaning
  // itself call seedDemo alone and start from raw events.
  await seedCleaningDemo(db, DEMO_PROJECT_ID, 'user_engineer');
  return true;
}
