// Which model the project currently serves, for the no-regression rule. The Runtime factory owns deployments and
// registers the lookup at integration (`registerDeployedModelSource`); until then no model counts as deployed, and
// the rule says so instead of guessing.
import type { Db } from '@/db';

export type DeployedModelSource = (db: Db, projectId: string) => Promise<string | null>;

let source: DeployedModelSource = async () => null;

export function registerDeployedModelSource(lookup: DeployedModelSource): void {
  source = lookup;
}

export const deployedModelOf = (db: Db, projectId: string) => source(db, projectId);
