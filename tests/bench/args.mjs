// The command line of the benchmark's node scripts: `--name value` pairs and bare flags.

import { basename } from 'node:path';

const argv = process.argv.slice(2);

/** The value after `name`, else `fallback`; a script cannot run without a flag that has none. */
export function arg(name, fallback) {
  const i = argv.indexOf(name);
  if (i >= 0 && i + 1 < argv.length) return argv[i + 1];
  if (fallback === undefined) throw new Error(`${basename(process.argv[1])} needs ${name}`);
  return fallback;
}

/** Whether the bare flag `name` is given. */
export const flag = (name) => argv.includes(name);
