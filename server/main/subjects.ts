// What evaluations can score, for every process that runs or lists them: registered built-in models and external
// OpenAI-compatible endpoints (the Runtime factory adds `deployment` here). Imported for its effect by the tRPC app
// router, the job list and the CLI.
import { endpointSubjectProvider } from '@/server/evaluation/subjects/endpoint';
import { modelSubjectProvider } from '@/server/evaluation/subjects/model';
import { registerSubjectProvider } from '@/server/evaluation/subjects/registry';

registerSubjectProvider(modelSubjectProvider);
registerSubjectProvider(endpointSubjectProvider);
