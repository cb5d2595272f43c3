/**
 * Native memory for structures the kernel writes after a call returned
 * (OVERLAPPED, IO_STATUS_BLOCK, AFD_POLL_INFO, overlapped I/O buffers): it
 * lives on the process heap (`HeapAlloc`), outside the JavaScript heap, so
 * the engine can neither move nor collect it. The owner frees it only once
 * the operation, or its cancellation, completed.
 *
 * @module
 */
import { ffi } from "../ffi/load.ts";
import { IoError } from "../error.ts";
import { HEAP_ZERO_MEMORY, kernel32 } from "./kernel32.ts";

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

const heap = kernel32.GetProcessHeap();
let live = 0;

/**
 * How many blocks are allocated and not yet freed, in this Worker: a
 * diagnostic, through which the tests check that memory the kernel may
 * still write is kept until its operation completed, and freed after.
 */
export function liveNativeBlocks(): number {
  return live;
}

class HeapBlock implements NativeBlock {
  readonly address: number;
  readonly size: number;
  readonly bytes: Uint8Array;
  readonly words: DataView;
  #freed = false;

  constructor(address: number, size: number) {
    this.address = address;
    this.size = size;
    const buffer = ffi.view(address, size);
    this.bytes = new Uint8Array(buffer);
    this.words = new DataView(buffer);
  }

  get freed(): boolean {
    return this.#freed;
  }

  free(): void {
    if (this.#freed) return;
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
export function allocNative(size: number): NativeBlock {
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
