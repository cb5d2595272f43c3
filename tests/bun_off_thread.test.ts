// Bun's native caller threads (sys/ffi/bun_off_thread.ts): a call that
// returns after its realm ended writes nothing into the realm's buffers (it
// writes its thread's own scratch memory), since an ended realm's memory is
// freed. The buffer here is shared with the main thread, so that a write
// after the Worker's end can be seen rather than corrupting freed memory.
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { libc } from "../sys/unix/libc.ts";
import { test } from "./util/skips.ts";
import { ON_WINDOWS } from "./util/platform.ts";

const ON_BUN = (globalThis as { Bun?: unknown }).Bun !== undefined;
/** struct pollfd, POLLIN. */
const POLLIN = 1;

test("a Bun off-thread call returning after its Worker ended writes nothing into that Worker's buffer", {
  skip: !ON_BUN
    ? "bun:ffi's native caller threads exist only on Bun"
    : ON_WINDOWS
    ? "the Worker reads a POSIX pipe with read(2)"
    : false,
}, async () => {
  const ends = new Int32Array(new SharedArrayBuffer(8));
  assert.equal(libc.pipe(ends), 0);
  const [readEnd, writeEnd] = [ends[0]!, ends[1]!];
  try {
    const buffer = new SharedArrayBuffer(8);
    const worker = new Worker(fileURLToPath(new URL("./bun_off_thread/read_worker.ts", import.meta.url)), {
      workerData: { fd: readEnd, buffer },
    });
    const exited = new Promise<number>((resolve) => worker.on("exit", resolve));
    await new Promise<void>((resolve) => worker.on("message", (m) => m === "reading" && resolve()));
    assert.equal(await exited, 0);
    const data = new TextEncoder().encode("ABCDEFGH");
    assert.equal(libc.write(writeEnd, data, data.length), data.length);
    // The Worker's read(2) still runs on its native thread: wait until it took the bytes.
    const pollfd = new Int32Array(new SharedArrayBuffer(8));
    for (;;) {
      pollfd[0] = readEnd;
      pollfd[1] = POLLIN;
      if (libc.poll(new Uint8Array(pollfd.buffer), 1, 0) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.deepEqual([...new Uint8Array(buffer)], new Array(8).fill(0));
  } finally {
    libc.close(readEnd);
    libc.close(writeEnd);
  }
});
