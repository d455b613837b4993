// Every job type this codebase can run. A worker serves the types listed here; a new factory adds its jobs to the list.
import { diagnosticJob } from '@/server/system/jobs';
import { judgeJob } from '@/server/data/annotation/judge-job';
import { buildDatasetJob } from '@/server/data/datasets/job';
import { cleanJob } from '@/server/data/cleaning/job';
import { environmentRunJob } from '@/server/environment/run-job';
import { environmentValidateJob } from '@/server/environment/validate-job';
import { trainingJob } from '@/server/training/job';
import { remoteTrainingJob } from '@/server/training/remote/job';
// Registers trained models as runnable policies (`model:<id>`) in every process that runs jobs.
import '@/server/training/model-policy';
import type { JobDefinition } from './registry';

export const jobDefinitions: JobDefinition<any>[] = [
  diagnosticJob,
  judgeJob,
  buildDatasetJob,
  environmentRunJob,
  environmentValidateJob,
  trainingJob,
  remoteTrainingJob,
  cleanJob,
];

export const findJobDefinition = (type: string) => jobDefinitions.find((d) => d.type === type);
export const jobTypes = () => jobDefinitions.map((d) => d.type);
/** The definitions this process can run: what every worker, local, in-process or remote, claims by default. */
export const servableJobDefinitions = () => jobDefinitions.filter((d) => !d.unavailableHere?.());
