// Registers the Runtime factory as the pipeline's deployer: the wizard's runtime step deploys through its own
// deployModel (behind the gate) and watches the deployment's status.
import 'server-only';
import { DomainError } from '@/server/domain-error';
import { registerDeployer } from '@/server/pipeline/deploy-port';
import { deployModel } from '@/server/runtime/deploy';
import { getDeployment } from '@/server/runtime/deployments';

registerDeployer({
  deploy: (db, o) => {
    if (!o.actorId) throw new DomainError('unauthorized', 'A deployment is made by someone: sign in first.');
    return deployModel(db, { ...o, actorId: o.actorId });
  },
  get: (db, projectId, deploymentId) =>
    getDeployment(db, projectId, deploymentId).catch((err: unknown) => {
      if (err instanceof DomainError && err.code === 'not_found') return null;
      throw err;
    }),
});
