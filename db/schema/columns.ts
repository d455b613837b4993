// Column helpers every factory's tables share: timestamps, and the owning project every row carries.
import { text } from 'drizzle-orm/pg-core';
import { projects } from './core';

export { createdAt, updatedAt } from './timestamps';

/** The project that owns the row; deleting the project deletes its rows. */
export const projectRef = () =>
  text()
    .notNull()
    .references(() => projects.id, { onDelete: 'cascade' });
