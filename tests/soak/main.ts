/**
 * The soak, full size by default: 1,000 TCP and 100 Unix-domain
 * connections, each exchanging 10,000 checksummed messages of 1 B to
 * 64 KiB (log-uniform) with an edge-triggered echo server on mio-ts, over
 * loopback. Prints the figures and exits 0, or prints what broke and exits
 * 1. Raises `RLIMIT_NOFILE` to what it needs (up to the hard limit).
 *
 * Sizes come from the environment: SOAK_TCP, SOAK_UNIX, SOAK_MESSAGES,
 * SOAK_SEED, SOAK_MAX_SIZE, SOAK_TIME_LIMIT_S (default 3600).
 *
 *     deno run -A tests/soak/main.ts
 *     bun tests/soak/main.ts
 *     node dist/tests/soak/main.js   (after `tsc -p .`)
 *     npm run soak                   (all three in turn)
 *
 * @module
 */
import process from "node:process";
import { Progress } from "../util/progress.ts";
import { nofileLimit, setNofileLimit } from "../util/rlimit.ts";
import { SoakFailure } from "./echo_clients.ts";
import { runSoak, type SoakFigures } from "./run.ts";

function setting(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new Error(`${name} must be a non-negative integer, got ${text}`);
  }
  return n;
}

/** Descriptors the soak needs: two per connection, and some for the runtime. */
function ensureDescriptors(connections: number): void {
  const needed = 2 * connections + 256;
  const { soft, hard } = nofileLimit();
  if (soft >= needed) return;
  if (hard < needed) throw new Error(`RLIMIT_NOFILE hard limit ${hard} < ${needed} descriptors needed`);
  setNofileLimit(needed);
}

const group = (n: number) => Math.round(n).toLocaleString("en-US");

function report(f: SoakFigures): string {
  return [
    `soak ${f.runtime}/${f.backend}: OK`,
    `  connections ${group(f.tcp + f.unix)} (${group(f.tcp)} TCP + ${group(f.unix)} Unix)`,
    `  messages    ${group(f.messages)} (every one checked: sequence, length, checksum)`,
    `  bytes       ${group(f.bytes)} each way (${(f.bytes / 2 ** 30).toFixed(2)} GiB)`,
    `  seconds     ${f.seconds.toFixed(1)} (${group(f.messages / f.seconds)} messages/s, ${
      (f.bytes / 2 ** 20 / f.seconds).toFixed(0)
    } MiB/s each way)`,
    `  peak RSS    ${(f.peakRssKiB / 1024).toFixed(1)} MiB (VmHWM)`,
    `  server      ${JSON.stringify(f.server)}`,
  ].join("\n");
}

const options = {
  tcp: setting("SOAK_TCP", 1000),
  unix: setting("SOAK_UNIX", 100),
  messages: setting("SOAK_MESSAGES", 10_000),
  seed: setting("SOAK_SEED", 1),
  maxSize: setting("SOAK_MAX_SIZE", 64 * 1024),
  window: 128 * 1024,
  timeLimitMs: setting("SOAK_TIME_LIMIT_S", 3600) * 1000,
  onProgress: (messages: number) => progress?.update(messages),
};
/** Prints, at each `onProgress`, how far the soak is and about how long it has left. */
let progress: Progress | null = null;
ensureDescriptors(options.tcp + options.unix);
const { onProgress: _, ...shown } = options;
console.log(`soak: ${JSON.stringify(shown)}`);
progress = new Progress("soak", (options.tcp + options.unix) * options.messages, {
  unit: "messages checked",
  intervalMs: 0,
});
try {
  console.log(report(runSoak(options)));
} catch (e) {
  if (!(e instanceof SoakFailure)) throw e;
  console.error(`soak FAILED: ${e.message}`);
  process.exit(1);
}
