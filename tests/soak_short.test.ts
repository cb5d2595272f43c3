// The soak, short: 100 TCP and 4 Unix-domain connections (none on Windows), each exchanging
// 1,000 (200 under qemu-user) checksummed messages of 1 B to 64 KiB with an edge-triggered echo
// server on mio-ts over loopback; every byte must come back, in order,
// once. The full size runs with `npm run soak` (tests/soak/main.ts).
import { test } from "node:test";
import assert from "node:assert/strict";
import { runSoak } from "./soak/run.ts";
import { ON_WINDOWS } from "./util/platform.ts";
import { hangGuardMs, LONG_TEST_TIMEOUT_MS, qemuScaled } from "./util/timing.ts";

/** Unix-domain connections: none on Windows, which has no Unix-domain sockets (as in mio). */
const UNIX = ON_WINDOWS ? 0 : 4;
/** Messages per connection: 1,000, or 200 under qemu-user, where each costs about a hundred times more. */
const MESSAGES = qemuScaled(1000, 200);

/** The workload, as the test's name gives it. */
const SIZE = `${100 + UNIX} connections × ${MESSAGES.toLocaleString("en")}`;

test(`soak (short): ${SIZE} checksummed messages echoed, every byte checked`, {
  timeout: LONG_TEST_TIMEOUT_MS,
}, () => {
  const f = runSoak({
    tcp: 100,
    unix: UNIX,
    messages: MESSAGES,
    seed: 20240601,
    maxSize: 64 * 1024,
    window: 128 * 1024,
    timeLimitMs: hangGuardMs(300_000), // a hang guard, far above the few seconds it takes
  });
  console.log(
    `soak (short) ${f.runtime}/${f.backend}: ${f.tcp + f.unix} connections, ${f.messages} messages, ` +
      `${f.bytes} bytes each way, ${f.seconds.toFixed(1)} s, peak RSS ${
        (f.peakRssKiB / 1024).toFixed(1)
      } MiB`,
  );
  assert.equal(f.messages, (100 + UNIX) * MESSAGES);
  assert.equal(f.server.accepted, 100 + UNIX);
  assert.equal(f.server.finished, 100 + UNIX);
  assert.deepEqual(f.server.failed, {});
  assert.equal(f.server.bytes, f.bytes);
});
