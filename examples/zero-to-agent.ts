// Zero to a deployed agent with the typed client, against the app at AF_URL with a project API key (Settings › API
// keys). Run: AF_URL=http://localhost:3000 AF_API_KEY=af_live_… npx tsx --conditions=react-server examples/zero-to-agent.ts
// (`npm run flow` does the same with more reporting and makes its own key.)
import { connect } from '@/client';

const af = await connect({ baseUrl: process.env.AF_URL ?? 'http://localhost:3000', apiKey: process.env.AF_API_KEY ?? '' });

const { allocationId } = await af.allocate({ resourceType: 'cpu', count: 1 });
await af.collect([
  {
    id: 'example-1',
    agentId: 'math-agent',
    prompt: 'What is 42+28?',
    response: '<call:calculator>42+28</call><result>70</result><answer>70</answer>',
  },
]);
await af.clean();
const { datasetId } = await af.createDataset({ name: 'math', agentId: 'math-agent' });
const scenarioId = 'scn_math_v1'; // the demo's scenario; af.createScenario({ name, recipe }) makes a new one
await af.validate(scenarioId);

let model = await af.train({ name: 'math-agent', datasetId, scenarioId, allocationId });
let result = await af.evaluate({ modelId: model.modelId, tasksetId: 'taskset_math_v1' });
for (let loop = 0; result.verdict === 'fail' && loop < 2; loop++) {
  const back = await af.backToTraining(result.evaluationRunId); // the failed cases, with their correct answers
  model = await af.train({ name: 'math-agent', datasetId: back.datasetId, scenarioId, sentBackBy: back.sentBackBy });
  result = await af.evaluate({ modelId: model.modelId, tasksetId: 'taskset_math_v1' });
}
console.log(result.verdict, model.modelId, result.reasons);
if (result.verdict === 'pass') {
  const deployment = await af.deploy({ modelId: model.modelId });
  console.log(await af.chat({ model: deployment.model, messages: 'What is 42+28?' }));
}
