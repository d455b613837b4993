// The database layer's public face: its types. Opening a handle is db/client.ts; the process-wide handle, configured
// from the environment, is server/db.ts (the database layer reads no configuration of its own).
export type { Db, DbHandle, Tx } from './client';
