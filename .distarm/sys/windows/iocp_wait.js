/**
 * The wait behind the IOCP selector's `waitAsync`: one
 * `GetQueuedCompletionStatusEx` run off the JavaScript thread
 * (`Ffi.openOffThread`) into a `SharedArrayBuffer`. A completion port has
 * no way to wait without dequeuing, so the packets it dequeued are kept
 * here until the selector's next `select` decodes them: none is lost.
 * `interrupt()` posts a packet with `INTERRUPT_KEY`, which reports nothing.
 *
 * @module
 */
import { ffi } from "../ffi/load.js";
import { INFINITE } from "./kernel32.js";
import { INTERRUPT_KEY, postPacket } from "./completion_port.js";
import { OVERLAPPED_ENTRY } from "./layout.js";
/** Packets one off-thread wait may dequeue. */
const CAPACITY = 64;
const OFF_THREAD_SYMBOLS = {
    GetQueuedCompletionStatusEx: {
        c: "BOOL GetQueuedCompletionStatusEx(HANDLE CompletionPort, LPOVERLAPPED_ENTRY lpCompletionPortEntries, " +
            "ULONG ulCount, PULONG ulNumEntriesRemoved, DWORD dwMilliseconds, BOOL fAlertable)",
        args: ["isize", "buffer", "u32", "buffer", "u32", "i32"],
        result: "i32",
    },
};
let offThread = null;
/** The off-thread binding, made at the first wait. */
function bindOffThread() {
    if (offThread !== null)
        return offThread;
    offThread = ffi.openOffThread("kernel32.dll", OFF_THREAD_SYMBOLS);
    return offThread;
}
/** One off-thread dequeue at a time, and the packets it dequeued until the selector takes them. */
export class IocpWait {
    /** Dequeued packets (OVERLAPPED_ENTRY records), memory the other thread writes. */
    words = new Uint32Array(new SharedArrayBuffer(CAPACITY * OVERLAPPED_ENTRY.size));
    #removed = new Uint32Array(new SharedArrayBuffer(4));
    /** Packets dequeued by the last wait. */
    #count = 0;
    /** The next one the selector has not taken. */
    #next = 0;
    #pending = false;
    #interrupted = false;
    /** Whether a wait is in progress. */
    get pending() {
        return this.#pending;
    }
    /** Whether dequeued packets wait for the selector. */
    get hasPackets() {
        return this.#next < this.#count;
    }
    /** The index of the next packet not taken, and marks it taken; -1 when none is left. */
    take() {
        return this.#next < this.#count ? this.#next++ : -1;
    }
    /**
     * Dequeues up to 64 packets of `port` off the JavaScript thread, waiting
     * up to `timeoutMs` (-1: no limit). Its failures are lost with its
     * thread: they end the wait with nothing (the selector's next `select`
     * meets them itself).
     */
    async wait(port, timeoutMs) {
        if (this.#pending)
            throw new Error("IocpWait: one wait at a time");
        const gqcs = bindOffThread().GetQueuedCompletionStatusEx;
        this.#count = this.#next = 0;
        this.#removed[0] = 0;
        this.#pending = true;
        try {
            const ok = await gqcs(port, this.words, CAPACITY, this.#removed, timeoutMs < 0 ? INFINITE : timeoutMs, 0);
            if (ok !== 0)
                this.#count = this.#removed[0];
        }
        finally {
            this.#pending = false;
            this.#interrupted = false;
        }
    }
    /** Makes the pending wait return soon (posts an interrupt packet); nothing when none is pending. */
    interrupt(port) {
        if (!this.#pending || this.#interrupted)
            return;
        this.#interrupted = true;
        postPacket(port, 0, INTERRUPT_KEY, 0);
    }
}
