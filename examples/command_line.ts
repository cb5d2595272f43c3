/**
 * The examples' command line, read with `node:util`'s `parseArgs` (the same
 * on Deno, Bun and Node): string options as `--opt VALUE` or `--opt=VALUE`,
 * and `-h`/`--help`, which prints the usage and exits with 0. A mistake (an
 * unknown option, an option without its value) prints a message and the
 * usage, and exits with 2.
 *
 * @module
 */
import process from "node:process";
import { parseArgs } from "node:util";

/** Prints `message` and `usage` (whose first line names the program) on stderr and exits with 2. */
export function usageError(usage: string, message: string): never {
  const program = /^usage: (\S+)/.exec(usage)?.[1] ?? "example";
  console.error(`${program}: ${message}\n\n${usage}`);
  process.exit(2);
}

/**
 * The values of the string options `names` given on the command line
 * (absent ones are missing); handles `--help` and mistakes as described
 * above.
 */
export function commandLine<const Name extends string>(
  usage: string,
  names: readonly Name[],
): Partial<Record<Name, string>> {
  const options: Record<string, { type: "string" } | { type: "boolean"; short: string }> = {
    help: { type: "boolean", short: "h" },
  };
  for (const name of names) options[name] = { type: "string" };
  let values;
  try {
    values = parseArgs({ args: process.argv.slice(2), options }).values;
  } catch (e) {
    usageError(usage, (e as Error).message);
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const given: Partial<Record<Name, string>> = {};
  for (const name of names) {
    const value = values[name];
    if (typeof value === "string") given[name] = value;
  }
  return given;
}
