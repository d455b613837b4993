// The seam between the wizard's last step and the Runtime factory. Runtime's own modules (`server/runtime/deploy.ts`,
// `server/runtime/deployments.ts`) are registered here from `server/main/deployer.ts`; until they are, the runtime
// step says "Runtime not available" rather than pretending a deployment exists.
import type { Db } from '@/db';

export type DeploymentStatus = 'starting' | 'live' | 'stopped' | 'failed';

export type Deployer = {
  deploy(
    db: Db,
    o: { projectId: string; modelId: string; templateId?: string; name?: string; actorId: string | null },
  ): Promise<{ deploymentId: string; version: number; endpoint: string }>;
  get(
    db: Db,
    projectId: string,
    deploymentId: string,
  ): Promise<{ id: string; name: string; version: number; modelId: string; status: DeploymentStatus; endpoint: string } | null>;
};

const slot = globalThis as unknown as { afDeployer?: Deployer };

/** Called once by the composition root; a second registration replaces the first (hot reload). */
export function registerDeployer(d: Deployer): void {
  slot.afDeployer = d;
}

export const deployer = (): Deployer | null => slot.afDeployer ?? null;

export const RUNTIME_UNAVAILABLE = 'Runtime not available: this build has no Runtime factory to deploy with yet.';
