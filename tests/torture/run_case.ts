/**
 * Runs one torture case (cases.ts) as a child process of the runtime that
 * runs this code, with the backend flags of this process's environment, and
 * says how it ended.
 *
 * @module
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import process from "node:process";
import type { TortureCase } from "./cases.ts";

/** How a case's child ended. */
export interface CaseResult {
  /** `null` when the case passed or was skipped; else why it failed, naming runtime and backend. */
  readonly failure: string | null;
  /** The reason the child gave for skipping, or `null`. */
  readonly skipped: string | null;
}

/** The time bound of one case: `MIO_TORTURE_BOUND_MS`, else `defaultMs`. */
export function caseBoundMs(defaultMs: number): number {
  const set = Number(process.env.MIO_TORTURE_BOUND_MS);
  return set > 0 ? set : defaultMs;
}

/** The runtime this code runs on. */
export function runtimeName(): "deno" | "bun" | "node" {
  const g = globalThis as { Deno?: unknown; Bun?: unknown };
  return g.Bun !== undefined ? "bun" : g.Deno !== undefined ? "deno" : "node";
}

/** The backend the environment selects, as the test names it. */
export function backendName(): string {
  return process.env.MIO_FORCE_POLL_POLL ? "poll(2)" : "default backend";
}

/** The cases `MIO_TORTURE` names (comma-separated), or all of them. */
export function chosenCases(cases: readonly TortureCase[]): readonly TortureCase[] {
  const names = (process.env.MIO_TORTURE ?? "").split(",").filter((n) => n !== "");
  const unknown = names.filter((n) => !cases.some((c) => c.name === n));
  if (unknown.length > 0) throw new Error(`MIO_TORTURE names no case ${unknown.join(", ")}`);
  return names.length === 0 ? cases : cases.filter((c) => names.includes(c.name));
}

/** The last `n` lines of `text`, indented, for a failure message. */
function tail(text: string, n = 30): string {
  const lines = text.trimEnd().split("\n");
  return lines.slice(-n).map((l) => `    ${l}`).join("\n");
}

/** Runs `c` as a child of this runtime, killed (SIGKILL) if still running after `boundMs`. */
export function runCase(c: TortureCase, boundMs: number): CaseResult {
  const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
  const script = fileURLToPath(new URL(`./${c.script}.${ext}`, import.meta.url));
  const runtime = runtimeName();
  const args = runtime === "deno"
    ? ["run", "-A", "--v8-flags=--expose-gc", script]
    : runtime === "node"
    ? ["--expose-gc", script]
    : [script];
  const started = Date.now();
  const r = spawnSync(process.execPath, [...args, ...(c.args ?? [])], {
    encoding: "utf8",
    timeout: boundMs,
    killSignal: "SIGKILL",
  });
  const elapsed = Date.now() - started;
  const stdout = r.stdout ?? "";
  const stderr = r.stderr ?? "";
  const where = `${c.name} on ${runtime} (${backendName()})`;
  const output = `\n  stdout:\n${tail(stdout)}\n  stderr:\n${tail(stderr)}`;
  const timedOut = (r.error as { code?: string } | undefined)?.code === "ETIMEDOUT" ||
    (r.signal === "SIGKILL" && elapsed >= boundMs);
  if (timedOut) {
    return { failure: `${where}: hung, still running after ${boundMs} ms (killed)${output}`, skipped: null };
  }
  if (r.error) return { failure: `${where}: could not run: ${r.error.message}`, skipped: null };
  if (r.signal !== null) return { failure: `${where}: crashed with ${r.signal}${output}`, skipped: null };
  const skip = /^torture-skip: (.*)$/m.exec(stdout);
  if (r.status === 0 && skip) return { failure: null, skipped: skip[1] };
  const exit = c.exit ?? 0;
  if (r.status !== exit) {
    const crash = r.status !== null && r.status >= 128 ? ` (a crash: signal ${r.status - 128})` : "";
    return { failure: `${where}: exited with ${r.status}${crash}, expected ${exit}${output}`, skipped: null };
  }
  const wanted = c.stdout ?? /^ok$/m;
  if (!wanted.test(stdout)) {
    return { failure: `${where}: stdout does not match ${wanted}${output}`, skipped: null };
  }
  if (c.stderr && !c.stderr.test(stderr)) {
    return { failure: `${where}: stderr does not match ${c.stderr}${output}`, skipped: null };
  }
  return { failure: null, skipped: null };
}
