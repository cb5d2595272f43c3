// The torture suite (tests/torture/cases.ts says how to run and extend it):
// each case runs as a child process of this runtime, with this process's
// backend flags and a time bound; a crash or a hang fails that case, named
// with the runtime and backend, and the other cases still run.
import assert from "node:assert/strict";
import { CASES } from "./torture/cases.ts";
import { backendName, caseBoundMs, chosenCases, runCase, runtimeName } from "./torture/run_case.ts";
import { test } from "./util/skips.ts";
import { hangGuardMs } from "./util/timing.ts";
import { UNDER_WINE } from "./util/platform.ts";

// Under Wine, deno.exe spends seconds starting each Worker: a case with 7 Workers took 54 s there.
const BOUND_MS = caseBoundMs(hangGuardMs(UNDER_WINE ? 180_000 : 60_000));

for (const c of chosenCases(CASES)) {
  const name = `torture ${c.name} (${runtimeName()}, ${backendName()}): ${c.shows}`;
  test(name, (t) => {
    const result = runCase(c, BOUND_MS);
    if (result.skipped !== null) {
      // The child decides (this runtime or OS cannot run the case): its reason, printed as test() prints one.
      console.log(`SKIP ${name}: ${result.skipped}`);
      return t.skip(result.skipped);
    }
    assert.equal(result.failure, null, result.failure ?? "");
  });
}
