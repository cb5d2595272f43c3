/**
 * Native memory for structures the kernel writes after a call returned
 * (OVERLAPPED, IO_STATUS_BLOCK, AFD_POLL_INFO, overlapped I/O buffers): it
 * lives on the process heap (`HeapAlloc`), outside the JavaScript heap, so
 * the engine can neither move nor collect it. The owner frees it only once
 * the operation, or its cancellation, completed.
 *
 * @module
 */
import { ffi } from "../ffi/load.js";
import { IoError } from "../../src/io_error.js";
import { HEAP_ZERO_MEMORY, kernel32 } from "./kernel32.js";
const heap = kernel32.GetProcessHeap();
let live = 0;
/**
 * How many blocks are allocated and not yet freed, in this Worker: a
 * diagnostic, through which the tests check that memory the kernel may
 * still write is kept until its operation completed, and freed after.
 */
export function liveNativeBlocks() {
    return live;
}
class HeapBlock {
    address;
    size;
    bytes;
    words;
    #freed = false;
    constructor(address, size) {
        this.address = address;
        this.size = size;
        const buffer = ffi.view(address, size);
        this.bytes = new Uint8Array(buffer);
        this.words = new DataView(buffer);
    }
    get freed() {
        return this.#freed;
    }
    free() {
        if (this.#freed)
            return;
        this.#freed = true;
        live--;
        kernel32.HeapFree(heap, 0, this.address);
    }
}
/**
 * Allocates `size` zeroed bytes of native memory (`HeapAlloc` with
 * `HEAP_ZERO_MEMORY` on the process heap). Throws `RangeError` for a size
 * that is not a positive safe integer, `IoError` "OutOfMemory" when the
 * heap has no room.
 */
export function allocNative(size) {
    if (!Number.isSafeInteger(size) || size <= 0) {
        throw new RangeError(`native block size must be a positive integer, got ${size}`);
    }
    const address = kernel32.HeapAlloc(heap, HEAP_ZERO_MEMORY, size);
    if (address === 0) {
        // ERROR_NOT_ENOUGH_MEMORY (8): HeapAlloc does not set the last error.
        throw new IoError("OutOfMemory", `HeapAlloc(${size}) failed`, {
            code: "ENOMEM",
            errno: 8,
            syscall: "HeapAlloc",
        });
    }
    live++;
    return new HeapBlock(address, size);
}
