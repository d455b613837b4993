// What evaluations can score, for every process that runs or lists them: registered built-in models, external
// OpenAI-compatible endpoints and live deployments; and which model the project serves now (for the no-regression
// rule). Imported for its effect by the tRPC app router, the job list and the CLI.
import { registerDeployedModelSource } from '@/server/evaluation/deployed';
import { endpointSubjectProvider } from '@/server/evaluation/subjects/endpoint';
import { modelSubjectProvider } from '@/server/evaluation/subjects/model';
import { registerSubjectProvider } from '@/server/evaluation/subjects/registry';
import { deployedModel } from '@/server/runtime/deployments';
import { deploymentSubjectProvider } from '@/server/runtime/subject';

registerSubjectProvider(modelSubjectProvider);
registerSubjectProvider(endpointSubjectProvider);
registerSubjectProvider(deploymentSubjectProvider);
registerDeployedModelSource(deployedModel);
