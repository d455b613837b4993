// The tools this codebase ships, in one registry every scenario draws from. Add new tools to the list.
import { calculatorTool } from './calculator';
import { ToolRegistry } from './registry';

export const builtinTools = new ToolRegistry([calculatorTool]);
