// How tests start a TypeScript entry point as a real child process: tsx with the `react-server` condition, as the
// npm scripts do, so modules marked `server-only` load outside Next.js too.
import path from 'node:path';

export const TSX = path.join(process.cwd(), 'node_modules/.bin/tsx');
export const tsxArgs = (script: string, ...args: string[]) => ['--conditions=react-server', script, ...args];
