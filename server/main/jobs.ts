// Every job type this product runs: the one list the entry points (web server, `npm run worker`, the remote worker)
// serve and the worker route completes. A new factory adds its jobs here.
import type { AnyJobDefinition } from '@/server/jobs/registry';
import { diagnosticJob } from '@/server/system/jobs';
import { judgeJob } from '@/server/data/annotation/judge-job';
import { buildDatasetJob } from '@/server/data/datasets/job';
import { cleanJob } from '@/server/data/cleaning/job';
import { environmentRunJob } from '@/server/environment/run-job';
import { environmentValidateJob } from '@/server/environment/validate-job';
import { trainingJob } from '@/server/training/job';
import { remoteTrainingJob } from '@/server/training/remote/job';
import { evaluationRunJob } from '@/server/evaluation/run-job';
import './policies';
import './subjects';

export const jobDefinitions: AnyJobDefinition[] = [
  diagnosticJob,
  judgeJob,
  buildDatasetJob,
  environmentRunJob,
  environmentValidateJob,
  trainingJob,
  remoteTrainingJob,
  cleanJob,
  evaluationRunJob,
];

export const findJobDefinition = (type: string) => jobDefinitions.find((d) => d.type === type);
/** The definitions this process can run: what every worker, local, in-process or remote, claims by default. */
export const servableJobDefinitions = () => jobDefinitions.filter((d) => !d.unavailableHere?.());
