/**
 * The wait behind the IOCP selector's `waitAsync`: one
 * `GetQueuedCompletionStatusEx` run off the JavaScript thread
 * (`Ffi.openOffThread`) into native memory (`allocNative`), not a
 * `SharedArrayBuffer`: the call may return after this Worker's realm ended
 * and freed its buffers (Deno writes a non-blocking call's results when it
 * returns, and a terminated Worker's wait returns when its port is closed
 * as its thread ends, or later: `thread_exit_fls.ts`), so the memory is
 * freed only by `free()`, with no wait pending. A completion port has no
 * way to wait without dequeuing, so the packets it dequeued are kept here
 * until the selector's next `select` decodes them: none is lost.
 * `interrupt()` posts a packet with `INTERRUPT_KEY`, which reports nothing.
 * Where the runtime bounds how long one off-thread call may block
 * (`Ffi.offThreadSliceMs`: Node), a longer wait is a series of dequeues of
 * at most that long each.
 *
 * @module
 */
import { ffi } from "../ffi/load.ts";
import type { OffThreadBound } from "../ffi/ffi.ts";
import { INFINITE } from "./kernel32.ts";
import { INTERRUPT_KEY, postPacket } from "./completion_port.ts";
import { OVERLAPPED_ENTRY } from "./layout.ts";
import { allocNative, type NativeBlock } from "./native_memory.ts";

/** The longest one off-thread dequeue blocks, or `null` for as long as the wait's timeout. */
const SLICE_MS = ffi.offThreadSliceMs;

/** Packets one off-thread wait may dequeue. */
const CAPACITY = 64;

const OFF_THREAD_SYMBOLS = {
  GetQueuedCompletionStatusEx: {
    c: "BOOL GetQueuedCompletionStatusEx(HANDLE CompletionPort, LPOVERLAPPED_ENTRY lpCompletionPortEntries, " +
      "ULONG ulCount, PULONG ulNumEntriesRemoved, DWORD dwMilliseconds, BOOL fAlertable)",
    args: ["isize", "buffer", "u32", "buffer", "u32", "i32"],
    result: "i32",
  },
} as const;

let offThread: OffThreadBound<typeof OFF_THREAD_SYMBOLS> | null = ffi.bindsAtImport
  ? ffi.openOffThread("kernel32.dll", OFF_THREAD_SYMBOLS)
  : null;

/** The off-thread binding, made at import where the FFI binds everything then (`Ffi.bindsAtImport`), else at the first wait. */
function bindOffThread(): OffThreadBound<typeof OFF_THREAD_SYMBOLS> {
  if (offThread !== null) return offThread;
  offThread = ffi.openOffThread("kernel32.dll", OFF_THREAD_SYMBOLS);
  return offThread;
}

/** One off-thread dequeue at a time, and the packets it dequeued until the selector takes them. */
export class IocpWait {
  /** Dequeued packets (OVERLAPPED_ENTRY records), memory the other thread writes; empty before the first wait. */
  words: Uint32Array = new Uint32Array(0);
  /** The count of packets the other thread dequeued. */
  #removed: Uint32Array = new Uint32Array(0);
  /** The native memory behind `words` and `#removed`, from the first wait until `free()`. */
  #block: NativeBlock | null = null;
  /** Packets dequeued by the last wait. */
  #count = 0;
  /** The next one the selector has not taken. */
  #next = 0;
  #pending = false;
  #interrupted = false;

  /** Whether a wait is in progress. */
  get pending(): boolean {
    return this.#pending;
  }

  /** Whether dequeued packets wait for the selector. */
  get hasPackets(): boolean {
    return this.#next < this.#count;
  }

  /** The index of the next packet not taken, and marks it taken; -1 when none is left. */
  take(): number {
    return this.#next < this.#count ? this.#next++ : -1;
  }

  /**
   * Dequeues up to 64 packets of `port` off the JavaScript thread, waiting
   * up to `timeoutMs` (-1: no limit). Its failures are lost with its
   * thread: they end the wait with nothing (the selector's next `select`
   * meets them itself).
   */
  async wait(port: number, timeoutMs: number): Promise<void> {
    if (this.#pending) throw new Error("IocpWait: one wait at a time");
    const gqcs = bindOffThread().GetQueuedCompletionStatusEx;
    if (this.#block === null) {
      const entries = CAPACITY * OVERLAPPED_ENTRY.size;
      const block = this.#block = allocNative(entries + 4);
      this.words = new Uint32Array(block.bytes.buffer, 0, entries / 4);
      this.#removed = new Uint32Array(block.bytes.buffer, entries, 1);
    }
    this.#count = this.#next = 0;
    this.#removed[0] = 0;
    this.#pending = true;
    try {
      const deadline = timeoutMs < 0 ? Infinity : performance.now() + timeoutMs;
      for (;;) {
        const started = performance.now();
        const left = deadline - started;
        const ms = SLICE_MS !== null && left > SLICE_MS
          ? SLICE_MS
          : timeoutMs < 0
          ? INFINITE
          : Math.max(0, Math.ceil(left));
        const ok = await gqcs(port, this.words, CAPACITY, this.#removed, ms, 0);
        if (ok !== 0) this.#count = this.#removed[0];
        // A slice ends the wait when it dequeued, was the last, was interrupted, or failed rather than
        // timed out (returned well before its time: its error is lost with its thread).
        if (
          ok !== 0 || ms !== SLICE_MS || this.#interrupted || performance.now() >= deadline ||
          performance.now() - started < ms / 2
        ) break;
      }
    } finally {
      this.#pending = false;
      this.#interrupted = false;
    }
  }

  /**
   * Frees the native memory, with no wait pending (a wait still pending
   * keeps it: the other thread writes it when the wait returns); the packets
   * not taken are dropped, and a later wait allocates anew.
   */
  free(): void {
    if (this.#pending || this.#block === null) return;
    this.#block.free();
    this.#block = null;
    this.words = this.#removed = new Uint32Array(0);
    this.#count = this.#next = 0;
  }

  /** Makes the pending wait return soon (posts an interrupt packet); nothing when none is pending. */
  interrupt(port: number): void {
    if (!this.#pending || this.#interrupted) return;
    this.#interrupted = true;
    postPacket(port, 0, INTERRUPT_KEY, 0);
  }
}
