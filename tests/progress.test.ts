// tests/util/progress.ts: the progress lines of `npm run bench`, `soak` and
// `fuzz`, with the estimate of the time left, on a clock the test drives.
import assert from "node:assert/strict";
import { formatDuration, Progress } from "./util/progress.ts";
import { test } from "./util/skips.ts";

test("formatDuration: seconds, minutes and seconds, hours and minutes", () => {
  assert.equal(formatDuration(0), "0 s");
  assert.equal(formatDuration(44.6), "45 s");
  assert.equal(formatDuration(185), "3 min 05 s");
  assert.equal(formatDuration(3720), "1 h 02 min");
  assert.equal(formatDuration(-3), "0 s");
});

test("Progress: the time left is the time per unit so far times the units left; one line per interval", () => {
  let now = 1000;
  const lines: string[] = [];
  const p = new Progress("soak", 10_000, {
    unit: "messages",
    intervalMs: 5000,
    write: (line) => lines.push(line),
    now: () => now,
  });
  assert.equal(p.line(), "soak: 0% (0 of 10,000 messages), 0 s elapsed, no estimate yet");
  now += 4000;
  p.update(1000);
  assert.deepEqual(lines, [], "printed before the interval passed");
  now += 6000; // 10 s elapsed, 2,500 done: 4 ms each, 7,500 left
  p.advance(1500);
  assert.deepEqual(lines, ["soak: 25% (2,500 of 10,000 messages), 10 s elapsed, about 30 s left"]);
  assert.equal(p.done, 2500);
  now += 1000;
  p.advance(100);
  assert.equal(lines.length, 1);
  now += 90_000;
  p.update(12_000); // past the total: 100%, nothing left
  assert.equal(lines[1], "soak: 100% (10,000 of 10,000 messages), 1 min 41 s elapsed, about 0 s left");
});
