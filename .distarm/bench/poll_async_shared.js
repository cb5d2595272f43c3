// What bench/poll_async_latency.ts and its writer Worker share.
/** `Int32Array` cell the main thread bumps to arm the writer for one round. */
export const ARMED = 0;
/** `Int32Array` cell set to 1 to make the writer end. */
export const QUIT = 1;
/** `Float64Array` cell where the writer notes when it wrote (ms, `timeOrigin + now()`). */
export const WRITTEN_AT = 0;
/** How long the writer waits after being armed, so the main thread's wait is parked (ms). */
export const WAKE_DELAY_MS = 0.2;
