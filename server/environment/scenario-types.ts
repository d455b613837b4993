// The kinds of scenario we ship: what each is for, which tools its agent gets, whether a reference solver checks it.
import type { ScenarioType } from '@/db/schema';

export type ScenarioTypeInfo = {
  label: string;
  description: string;
  /** Tools a new scenario of this type starts with. */
  defaultTools: string[];
  /** Tools the type cannot work without (the validator reports their absence). */
  requiredTools: string[];
  /** Whether expected answers can be recomputed (by ./reference.ts). */
  hasReferenceSolver: boolean;
};

export const SCENARIO_TYPES: Record<ScenarioType, ScenarioTypeInfo> = {
  math_calculator: {
    label: 'Math with a calculator',
    description: 'Arithmetic questions; the agent may call the calculator and answers with a number.',
    defaultTools: ['calculator'],
    requiredTools: ['calculator'],
    hasReferenceSolver: true,
  },
  qa_exact: {
    label: 'Questions with exact answers',
    description: 'Questions answered from knowledge, without tools; answers are compared as text.',
    defaultTools: [],
    requiredTools: [],
    hasReferenceSolver: false,
  },
};
