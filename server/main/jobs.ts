// Every job type this product runs: the one list the entry points (web server, `npm run worker`, the remote worker)
// serve and the worker route completes. A new factory adds its jobs here.
import { runsAnywhere, type AnyJobDefinition } from '@/server/jobs/registry';
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
/** What a remote worker (no database) can run here: servable types whose definition says they run anywhere. */
export const remoteJobDefinitions = () => servableJobDefinitions().filter(runsAnywhere);
/** Types that need the database: the worker route never hands them to a remote worker, whatever it announced. */
export const appOnlyJobTypes = jobDefinitions.filter((d) => !runsAnywhere(d)).map((d) => d.type);
