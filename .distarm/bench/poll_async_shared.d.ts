/** `Int32Array` cell the main thread bumps to arm the writer for one round. */
export declare const ARMED = 0;
/** `Int32Array` cell set to 1 to make the writer end. */
export declare const QUIT = 1;
/** `Float64Array` cell where the writer notes when it wrote (ms, `timeOrigin + now()`). */
export declare const WRITTEN_AT = 0;
/** How long the writer waits after being armed, so the main thread's wait is parked (ms). */
export declare const WAKE_DELAY_MS = 0.2;
/** The writer Worker's `workerData`. */
export interface WriterData {
    /** The descriptor to write one byte to each round. */
    fd: number;
    /** Two `Int32` cells: `ARMED` and `QUIT`. */
    control: SharedArrayBuffer;
    /** One `Float64` cell: `WRITTEN_AT`. */
    times: SharedArrayBuffer;
}
