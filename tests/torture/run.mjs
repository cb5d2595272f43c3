#!/usr/bin/env node
// Runs the torture suite (tests/torture.test.ts; cases in cases.ts) on Deno,
// Bun and Node, each with the default backend and with the poll(2) selector
// and pipe waker forced; Node first builds dist/. Prints one line per
// runtime and backend and exits non-zero if any case failed.
// Usage: node tests/torture/run.mjs [deno|bun|node ...]
// (MIO_TORTURE=name,name and MIO_TORTURE_BOUND_MS=N pass through.)
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const bin = (name) => join(root, "node_modules", ".bin", name);
const commands = {
  deno: [bin("deno"), ["test", "-A", "tests/torture.test.ts"]],
  bun: [bin("bun"), ["test", "--timeout=0", "./tests/torture.test.ts"]],
  node: [process.execPath, ["--test", "dist/tests/torture.test.js"]],
};
const backends = [
  ["default backend", { MIO_FORCE_POLL_POLL: "", MIO_FORCE_WAKER_PIPE: "" }],
  ["poll(2), pipe waker", { MIO_FORCE_POLL_POLL: "1", MIO_FORCE_WAKER_PIPE: "1" }],
];
const chosen = process.argv.length > 2 ? process.argv.slice(2) : Object.keys(commands);
if (chosen.includes("node")) {
  const r = spawnSync(bin("tsc"), ["-p", "."], { cwd: root, stdio: "inherit" });
  if (r.status !== 0) process.exit(1);
}
const lines = [];
for (const runtime of chosen) {
  for (const [label, flags] of backends) {
    console.log(`\n=== torture: ${runtime}, ${label}`);
    const [cmd, args] = commands[runtime];
    const r = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: { ...process.env, ...flags } });
    lines.push(
      `${runtime}, ${label}: ${r.status === 0 ? "all passed" : `FAILED (exit ${r.status ?? r.signal})`}`,
    );
  }
}
console.log(`\n${lines.join("\n")}`);
process.exit(lines.some((l) => l.includes("FAILED")) ? 1 : 0);
