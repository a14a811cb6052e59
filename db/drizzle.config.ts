import { defineConfig } from 'drizzle-kit';

/** drizzle-kit only generates the SQL files; db/migrate.ts applies them (the file is encrypted). */
export default defineConfig({
  dialect: 'sqlite',
  schema: './db/schema.ts',
  out: './db/migrations',
});
