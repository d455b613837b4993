import { defineConfig } from 'drizzle-kit';

// Migrations are generated once here and applied at start by db/migrate.ts, on PGlite and on Postgres alike.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './drizzle',
  casing: 'snake_case',
});
