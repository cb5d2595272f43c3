/** Reads once with `read` and scatters the bytes over `bufs` in order. */
export declare function readVectored(bufs: readonly Uint8Array[], read: (buf: Uint8Array) => number): number | null;
/** Gathers `bufs` in order and writes them once with `write`. */
export declare function writeVectored(bufs: readonly Uint8Array[], write: (buf: Uint8Array) => number): number | null;
