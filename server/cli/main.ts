// `npm run factory -- <area> <command> [--flag value …]`: the CLI runs the same domain code as the jobs and the API.
import { parseArgs } from 'node:util';
import { commands } from './commands';

async function main() {
  const [area, command, ...more] = process.argv.slice(2);
  // One-word commands (`zero-to-agent`) take every argument after them as flags.
  const single = area ? commands[area] : undefined;
  const entry = single ?? commands[`${area ?? ''} ${command ?? ''}`];
  const rest = single ? [command, ...more].filter((a): a is string => a !== undefined) : more;
  if (!entry) {
    console.error(
      `Usage: npm run factory -- <area> <command> [options]\n\nCommands:\n${Object.entries(commands)
        .map(([k, c]) => `  ${k.padEnd(22)} ${c.summary}`)
        .join('\n')}`,
    );
    process.exit(area ? 2 : 0);
  }
  let values: ReturnType<typeof parseArgs>['values'];
  try {
    ({ values } = parseArgs({ args: rest, options: entry.options, strict: true, allowPositionals: false }));
  } catch (err) {
    // A bad flag is a usage error (exit 2), like a missing one; 1 stays for commands' own outcomes.
    console.error((err as Error).message);
    process.exit(2);
  }
  process.exitCode = await entry.run(values as Record<string, string | boolean | undefined>);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
