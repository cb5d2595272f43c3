// The Worker of bench/poll_async_latency.ts: the other thread that wakes the
// main thread's wait. Each round it waits until the main thread arms it,
// spins WAKE_DELAY_MS (so the main thread's wait is parked by then), notes
// the time and writes one byte to the descriptor it was given.
import { workerData } from "node:worker_threads";
import { libc } from "../sys/unix/libc.js";
import { ARMED, QUIT, WAKE_DELAY_MS, WRITTEN_AT } from "./poll_async_shared.js";
const { fd, control, times } = workerData;
const cells = new Int32Array(control);
const stamps = new Float64Array(times);
const one = new Uint8Array([1]);
/** Milliseconds on a clock every thread of the process shares. */
const now = () => performance.timeOrigin + performance.now();
let seen = 0;
for (;;) {
    Atomics.wait(cells, ARMED, seen);
    if (Atomics.load(cells, QUIT) !== 0)
        break;
    seen = Atomics.load(cells, ARMED);
    const start = performance.now();
    while (performance.now() - start < WAKE_DELAY_MS) {
        // Let the main thread's wait park.
    }
    stamps[WRITTEN_AT] = now();
    if (libc.write(fd, one, 1) !== 1)
        throw new Error("the writer Worker could not write");
}
