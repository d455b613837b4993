// The six factories in the order of the flow; the nav, the wizard's stepper and each factory page read them from here.
export type FactorySlug = 'compute' | 'data' | 'environment' | 'training' | 'evaluation' | 'runtime';

export type Factory = {
  slug: FactorySlug;
  step: number;
  name: string;
  tagline: string;
  produces: string;
  emptyTitle: string;
  emptyBody: string;
};

export const FACTORIES: Factory[] = [
  {
    slug: 'compute',
    step: 1,
    name: 'Compute',
    tagline: 'Reserve CPUs, GPUs and memory for training and serving.',
    produces: 'an allocation',
    emptyTitle: 'No allocations yet',
    emptyBody:
      'The resource pool of this machine and of connected remote workers will appear here, with every allocation, who holds it, and the queue of requests waiting for capacity.',
  },
  {
    slug: 'data',
    step: 2,
    name: 'Data',
    tagline: 'Collect agent interactions, clean them, rate them, build datasets.',
    produces: 'a dataset version',
    emptyTitle: 'No interactions collected yet',
    emptyBody:
      'Interactions sent to the events API or uploaded as JSONL/CSV will appear here, with cleaning reports, annotation progress and versioned datasets ready for training.',
  },
  {
    slug: 'environment',
    step: 3,
    name: 'Environment',
    tagline: 'Scenarios with test cases and tools, where agents are tried.',
    produces: 'a validated scenario',
    emptyTitle: 'No scenarios yet',
    emptyBody:
      'Scenarios with their typed test cases and tools (a calculator first) will appear here, with baseline runs, step-by-step trajectories and validation reports.',
  },
  {
    slug: 'training',
    step: 4,
    name: 'Training',
    tagline: 'Train the agent’s model on a dataset, watch it learn.',
    produces: 'a registered model',
    emptyTitle: 'No training jobs yet',
    emptyBody:
      'Training jobs will appear here with live loss curves, progress and checkpoints; finished models land in the registry with their full lineage.',
  },
  {
    slug: 'evaluation',
    step: 5,
    name: 'Evaluation',
    tagline: 'Score accuracy, safety and latency; pass or fail the quality gate.',
    produces: 'a verdict',
    emptyTitle: 'No evaluations yet',
    emptyBody:
      'Evaluation runs over tasksets will appear here with accuracy, safety, latency and judge scores, the quality-gate verdict, and reports for managers.',
  },
  {
    slug: 'runtime',
    step: 6,
    name: 'Runtime',
    tagline: 'Deploy a passing model into a warm sandbox pool and serve it.',
    produces: 'a deployment',
    emptyTitle: 'No deployments yet',
    emptyBody:
      'Deployments will appear here with their sandbox pool, health checks and live traffic, which flows back into Data so the loop can turn again.',
  },
];

export const factory = (slug: FactorySlug) => FACTORIES.find((f) => f.slug === slug)!;
