/** A zeroed block of native memory and views over it. */
export interface NativeBlock {
    /** The block's address, for FFI calls and structure fields. */
    readonly address: number;
    /** Its size in bytes. */
    readonly size: number;
    /** Its bytes, read and written in place. */
    readonly bytes: Uint8Array;
    /** The same bytes as a little-endian `DataView` (pass `true` for littleEndian). */
    readonly words: DataView;
    /** Whether `free()` was called. */
    readonly freed: boolean;
    /** Returns the block to the heap; the views must not be touched afterwards. Idempotent. */
    free(): void;
}
/**
 * How many blocks are allocated and not yet freed, in this Worker: a
 * diagnostic, through which the tests check that memory the kernel may
 * still write is kept until its operation completed, and freed after.
 */
export declare function liveNativeBlocks(): number;
/**
 * Allocates `size` zeroed bytes of native memory (`HeapAlloc` with
 * `HEAP_ZERO_MEMORY` on the process heap). Throws `RangeError` for a size
 * that is not a positive safe integer, `IoError` "OutOfMemory" when the
 * heap has no room.
 */
export declare function allocNative(size: number): NativeBlock;
