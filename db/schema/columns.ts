// Column helpers every factory's tables share, so timestamps and ownership look the same everywhere.
import { text, timestamp } from 'drizzle-orm/pg-core';

export const createdAt = () => timestamp({ withTimezone: true }).notNull().defaultNow();
export const updatedAt = () =>
  timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());

/** Every domain row belongs to a project; deleting a project takes its rows with it. */
export const projectRef = () => text().notNull();
