// Sources dropped without close() are closed by a FinalizationRegistry safety
// net, with one warning naming the first one; the registered ones are
// deregistered first, so a number reused afterwards is a clean slate.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { currentRuntime, ON_WINDOWS } from "./util/platform.ts";
import { NOT_ON_WINDOWS, onWindows, test } from "./util/skips.ts";
import { hangGuardMs } from "./util/timing.ts";

const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
const script = fileURLToPath(new URL(`./safety_net/drop_sources.${ext}`, import.meta.url));
const pollScript = fileURLToPath(new URL(`./safety_net/drop_polls.${ext}`, import.meta.url));

/** Runs `file` in a child of this runtime with the collector exposed. */
function runWithGc(file: string) {
  const runtime = currentRuntime();
  const args = runtime === "deno"
    ? ["run", "-A", "--v8-flags=--expose-gc", file]
    : runtime === "node"
    ? ["--expose-gc", file]
    : [file];
  return spawnSync(process.execPath, args, { encoding: "utf8", timeout: hangGuardMs(60_000) });
}

test("sources dropped without close() are closed by the safety net, with one warning", () => {
  const runtime = currentRuntime();
  const args = runtime === "deno"
    ? ["run", "-A", "--v8-flags=--expose-gc", script]
    : runtime === "node"
    ? ["--expose-gc", script]
    : [script];
  const r = spawnSync(process.execPath, args, { encoding: "utf8", timeout: hangGuardMs(60_000) });
  assert.equal(r.status, 0, `child failed:\n${r.stdout}\n${r.stderr}`);
  const report = JSON.parse(r.stdout.trim().split("\n").pop()!) as {
    fds: number[];
    open: number[];
    reused: number[];
    registerError: string | null;
    tokens: number[];
  };
  // TcpListener, TcpStream, UdpSocket, two UnixStreams, UnixDatagram, Sender, Receiver; on Windows,
  // which has no Unix-domain sockets or pipes, two more UdpSockets instead.
  assert.equal(report.fds.length, ON_WINDOWS ? 5 : 8);
  assert.deepEqual(report.open, [], "every dropped source's descriptor was closed");
  const warnings = r.stderr.split("\n").filter((l) => l.includes("garbage-collected without close()"));
  assert.equal(warnings.length, 1, `exactly one warning, got:\n${r.stderr}`);
  assert.match(
    warnings[0],
    /a (TcpListener|TcpStream|UdpSocket|UnixStream|UnixDatagram|Sender|Receiver) \(descriptor \d+\)/,
  );
  // The registered ones were deregistered before their numbers were freed.
  assert.ok(report.reused.length > 0, `no freed number was reused: ${JSON.stringify(report)}`);
  assert.equal(report.registerError, null, "a reused number registers with the same Poll");
  assert.ok(report.tokens.every((t) => t === 10 || t === 11), `only the new tokens: ${report.tokens}`);
});

test("Polls and Wakers dropped without close() are closed by the safety net, with one warning", {
  skip: onWindows(NOT_ON_WINDOWS.proc),
}, () => {
  const r = runWithGc(pollScript);
  assert.equal(r.status, 0, `child failed:\n${r.stdout}\n${r.stderr}`);
  const report = JSON.parse(r.stdout.trim().split("\n").pop()!) as {
    opened: number;
    open: string[];
    refusedWakers: number;
    tokens: number[];
  };
  assert.ok(report.opened >= 100, `100 Polls opened descriptors: ${JSON.stringify(report)}`);
  assert.deepEqual(report.open, [], "every dropped Poll's and Waker's descriptor was closed");
  // Each dropped Waker held its Poll's one Waker slot until it was collected.
  assert.equal(report.refusedWakers, 0, "each dropped Waker was collected before the next was made");
  assert.deepEqual(report.tokens, [7], "the kept Poll takes a new Waker, which wakes it");
  const warnings = r.stderr.split("\n").filter((l) => l.includes("garbage-collected without close()"));
  assert.equal(warnings.length, 1, `exactly one warning, got:\n${r.stderr}`);
  assert.match(warnings[0], /a (Poll|Waker) was garbage-collected/);
});
