// A program that uses pollAsync(), built into one executable by
// `bun build --compile`, runs and its wait resolves: Bun's off-thread
// helper (C compiled by bun:ffi's cc) travels inside the bundle, since an
// executable has no file beside import.meta.url to read it from. Runs in the
// Bun runs of the suite (Bun builds the executable).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import process from "node:process";
import { currentRuntime, ON_WINDOWS } from "./util/platform.ts";
import { type Skip, test } from "./util/skips.ts";
import { hangGuardMs } from "./util/timing.ts";

const mod = fileURLToPath(new URL("../mod.ts", import.meta.url));
const skip: Skip = currentRuntime() !== "bun"
  ? "it tests Bun's build: it runs in the Bun runs of the suite"
  : ON_WINDOWS
  ? "bun build --compile is not run under Wine"
  : false;

const PROGRAM = `
import { Events, Poll, Token, Waker } from ${JSON.stringify(mod)};
const poll = new Poll();
const waker = new Waker(poll.registry(), Token(7));
const events = new Events(4);
setTimeout(() => waker.wake(), 10);
await poll.pollAsync(events);
console.log("resolved with " + [...events].map((e) => "token " + e.token()).join(", "));
waker.close();
poll.close();
`;

// Its own limit: bun test's default (5 s) is shorter than a build on a busy machine.
const timeout = hangGuardMs(180_000);

test(
  "a bun build --compile executable's pollAsync() resolves when a Waker wakes it",
  { skip, timeout },
  () => {
    const dir = mkdtempSync(join(tmpdir(), "mio-ts-compile-"));
    try {
      const entry = join(dir, "main.ts");
      const exe = join(dir, "program");
      writeFileSync(entry, PROGRAM);
      // In the temporary folder: an interrupted build leaves its scratch file in the working directory.
      const build = spawnSync(process.execPath, ["build", "--compile", entry, "--outfile", exe], {
        cwd: dir,
        encoding: "utf8",
        timeout: hangGuardMs(120_000),
      });
      assert.equal(
        build.status,
        0,
        `bun build --compile failed (${
          build.error?.message ?? build.signal ?? build.status
        }):\n${build.stdout}\n${build.stderr}`,
      );
      // Run from the temporary folder: nothing of the repository is beside it.
      const run = spawnSync(exe, [], { cwd: dir, encoding: "utf8", timeout: hangGuardMs(60_000) });
      assert.equal(
        run.status,
        0,
        `the executable failed (${run.signal ?? run.status}):\n${run.stdout}\n${run.stderr}`,
      );
      assert.equal(run.stdout.trim(), "resolved with token 7");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
