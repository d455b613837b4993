// The refusal annotation operations share: a judge run needs an endpoint first.
export const NO_JUDGE_ENDPOINT =
  'No judge endpoint configured for this project. Set a base URL and model under "LLM judge" on the annotation page.';
