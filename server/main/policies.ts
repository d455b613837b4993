// Which agents can run, for every process that runs or lists them: the built-in baseline plus the providers other
// factories offer. Imported for its effect by the tRPC app router and the job list.
import { registerPolicyProvider } from '@/server/environment/policies';
import { modelPolicyProvider } from '@/server/training/model-policy';

registerPolicyProvider(modelPolicyProvider);
