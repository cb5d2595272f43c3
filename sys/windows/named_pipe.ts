/**
 * Named pipes on IOCP (mio's `windows::NamedPipe`): a completion model
 * turned into readiness. One read is kept in flight into a native buffer
 * while the pipe is registered; `read` copies out of that buffer. A write
 * copies the caller's bytes into a native buffer and writes them in the
 * background. A connect is an overlapped `ConnectNamedPipe`. Each
 * completion updates the state and posts the event mio would report
 * through the selector's `EventPoster`.
 *
 * Every OVERLAPPED and buffer the kernel writes lives in native memory
 * (`allocNative`) and is freed only once no operation is in flight:
 * `close()` cancels the pending connect and read, lets a write in flight
 * finish (as mio does) and closes the handle once it did, and the memory is
 * freed when the last completion came in. If that never comes (the `Poll`
 * was closed first), the memory is left allocated on purpose: the kernel may
 * still write there.
 *
 * @module
 */
import type { IoError } from "../error.ts";
import {
  INTEREST_READABLE,
  INTEREST_WRITABLE,
  type NamedPipeEnd,
  type NamedPipeOps,
  READY_READABLE,
  READY_WRITABLE,
  WOULD_BLOCK,
} from "../contract.ts";
import { INVALID_HANDLE_VALUE, kernel32 } from "./kernel32.ts";
import { OVERLAPPED } from "./layout.ts";
import { allocNative, type NativeBlock } from "./native_memory.ts";
import {
  copyIn,
  ERROR_BROKEN_PIPE,
  ERROR_IO_PENDING,
  ERROR_MORE_DATA,
  ERROR_NO_DATA,
  ERROR_PIPE_CONNECTED,
  ERROR_PIPE_LISTENING,
  FILE_FLAG_FIRST_PIPE_INSTANCE,
  FILE_FLAG_OVERLAPPED,
  GENERIC_READ_WRITE,
  OPEN_EXISTING,
  PIPE_ACCESS_DUPLEX,
  PIPE_TYPE_BYTE,
  PIPE_UNLIMITED_INSTANCES,
  pipeApi,
  SECURITY_IDENTIFICATION_ONLY,
} from "./named_pipe_sys.ts";
import { ntdll } from "./ntdll.ts";
import { osError } from "./errno_windows.ts";
import {
  type EventPoster,
  type OverlappedSource,
  overlappedSources,
  pendingOverlapped,
} from "./overlapped_source.ts";

/** Bytes one background read asks for (mio's buffer size). */
const READ_SIZE = 4096;
/** The most one `write` takes; the caller writes the rest next time. */
const MAX_WRITE = 65536;
/** The pipe's buffer sizes, each way (mio's). */
const PIPE_BUFFER = 65536;

/** No operation of that kind. */
const IDLE = 0;
/** An operation is in flight. */
const PENDING = 1;
/** A read completed: its bytes wait in the buffer. */
const READY = 2;
/** An operation failed: its error is given to the next `read`/`write`. */
const FAILED = 3;

/** One end of a named pipe: its handle, its overlapped operations, and their buffers. */
class PipeState implements OverlappedSource, NamedPipeEnd {
  readonly handle: number;
  /** The three OVERLAPPEDs: connect, read, write. */
  readonly #control: NativeBlock;
  readonly #connectOverlapped: number;
  readonly #readOverlapped: number;
  readonly #writeOverlapped: number;
  #readBuffer: NativeBlock | null = null;
  #writeBuffer: NativeBlock | null = null;

  #poster: EventPoster | null = null;
  #token = 0;
  #interest = 0;

  #connecting = false;
  #connectError = 0;
  #read = IDLE;
  #readPos = 0;
  #readLen = 0;
  #readError = 0;
  #write = IDLE;
  #writePos = 0;
  #writeLen = 0;
  #writeError = 0;
  /** The read and write in flight belong to a client `disconnect()` sent away: their results are dropped. */
  #staleRead = false;
  #staleWrite = false;
  /** Operations in flight: their completions are still to come. */
  #inFlight = 0;
  #closed = false;
  #handleClosed = false;

  constructor(handle: number) {
    this.handle = handle;
    this.#control = allocNative(3 * OVERLAPPED.size);
    this.#connectOverlapped = this.#control.address;
    this.#readOverlapped = this.#control.address + OVERLAPPED.size;
    this.#writeOverlapped = this.#control.address + 2 * OVERLAPPED.size;
    overlappedSources.set(handle, this);
  }

  // ---- OverlappedSource: what the selector calls.

  attach(poster: EventPoster, token: number, interest: number): void {
    this.#poster = poster;
    this.#token = token;
    this.#interest = interest;
    this.#postRegister();
  }

  detach(): void {
    this.#poster = null;
  }

  /**
   * Readable while a completed read's bytes (or its error) wait to be
   * taken; writable while a client is connected (a read is in flight or
   * done) and no write is in flight. Within the interest; 0 once detached.
   */
  readiness(): number {
    if (this.#poster === null) return 0;
    let r = 0;
    if (this.#read === READY || this.#read === FAILED) r |= READY_READABLE;
    if (this.#read !== IDLE && !this.#staleRead && this.#write !== PENDING) r |= READY_WRITABLE;
    return r & this.#wanted();
  }

  complete(overlapped: number, bytes: number, status: number): void {
    pendingOverlapped.delete(overlapped);
    this.#inFlight--;
    const error = status === 0 ? 0 : ntdll.RtlNtStatusToDosError(status);
    if (overlapped === this.#readOverlapped) this.#readDone(bytes, error);
    else if (overlapped === this.#writeOverlapped) this.#writeDone(bytes, error);
    else this.#connectDone(error);
    if (this.#closed) this.#release();
  }

  // ---- NamedPipeEnd: what the portable NamedPipe calls.

  connect(): boolean {
    if (this.#poster === null || this.#connecting) return false;
    this.#start(this.#connectOverlapped);
    this.#connecting = true;
    if (pipeApi.ConnectNamedPipe(this.handle, this.#connectOverlapped) !== 0) {
      // Connected at once; the completion still comes (and finds nothing left to do).
      this.#postRegister();
      return true;
    }
    const e = kernel32.GetLastError();
    if (e === ERROR_IO_PENDING) return false;
    this.#cancelStart(this.#connectOverlapped);
    this.#connecting = false;
    // A client came first (ERROR_NO_DATA: and left already; reads then say end of stream).
    if (e === ERROR_PIPE_CONNECTED || e === ERROR_NO_DATA) {
      this.#postRegister();
      return true;
    }
    throw osError(e, "ConnectNamedPipe");
  }

  disconnect(): void {
    if (pipeApi.DisconnectNamedPipe(this.handle) === 0) {
      throw osError(kernel32.GetLastError(), "DisconnectNamedPipe");
    }
    // What came from, or went wrong with, the client just sent away must not reach the next one.
    if (this.#read === PENDING) this.#staleRead = true;
    else this.#read = IDLE;
    if (this.#write === PENDING) this.#staleWrite = true;
    else this.#write = IDLE;
  }

  read(buf: Uint8Array, len: number): number {
    if (this.#poster === null) return WOULD_BLOCK;
    if (this.#read === READY) {
      const n = Math.min(len, this.#readLen - this.#readPos);
      if (n > 0) pipeApi.RtlMoveMemory(buf, this.#readBuffer!.address + this.#readPos, n);
      this.#readPos += n;
      if (this.#readPos === this.#readLen) {
        this.#read = IDLE;
        this.#scheduleRead();
      }
      return n;
    }
    if (this.#read === FAILED) {
      const e = this.#readError;
      this.#read = IDLE;
      this.#scheduleRead();
      if (e === ERROR_BROKEN_PIPE) return 0;
      throw osError(e, "ReadFile");
    }
    return WOULD_BLOCK; // a read is in flight, or no client is connected yet
  }

  write(buf: Uint8Array, len: number): number {
    if (this.#poster === null || this.#write === PENDING) return WOULD_BLOCK;
    if (this.#write === FAILED) {
      this.#write = IDLE;
      throw osError(this.#writeError, "WriteFile");
    }
    const n = Math.min(len, MAX_WRITE);
    if (n === 0) return 0;
    if (this.#writeBuffer === null || this.#writeBuffer.size < n) {
      this.#writeBuffer?.free(); // no write is in flight
      this.#writeBuffer = allocNative(Math.max(n, READ_SIZE));
    }
    copyIn(this.#writeBuffer.address, buf, n);
    this.#writePos = 0;
    this.#writeLen = n;
    const e = this.#issueWrite();
    if (e !== 0) throw osError(e, "WriteFile");
    return n;
  }

  takeError(): IoError | null {
    const e = this.#connectError;
    this.#connectError = 0;
    return e === 0 ? null : osError(e, "ConnectNamedPipe");
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#poster = null;
    if (overlappedSources.get(this.handle) === this) overlappedSources.delete(this.handle);
    // Cancel the connect and the read, but let a write finish (mio flushes it too).
    if (this.#connecting) pipeApi.CancelIoEx(this.handle, this.#connectOverlapped);
    if (this.#read === PENDING) pipeApi.CancelIoEx(this.handle, this.#readOverlapped);
    this.#release();
  }

  // ---- The state machine.

  /** Marks `overlapped` in flight (zeroed, known to the selector) before its operation starts. */
  #start(overlapped: number): void {
    this.#control.bytes.fill(
      0,
      overlapped - this.#control.address,
      overlapped - this.#control.address + OVERLAPPED.size,
    );
    pendingOverlapped.set(overlapped, this);
    this.#inFlight++;
  }

  /** Undoes `#start` for an operation that failed at once: no completion will come. */
  #cancelStart(overlapped: number): void {
    pendingOverlapped.delete(overlapped);
    this.#inFlight--;
  }

  /**
   * mio's `post_register`: keeps a read in flight and reports what is ready
   * now — readable if a read completed, writable if no write is in flight.
   * Nothing while no client is connected.
   */
  #postRegister(): void {
    const waiting = this.#read === READY || this.#read === FAILED;
    if (!this.#scheduleRead()) return;
    if (waiting) this.#notify(READY_READABLE);
    if (this.#write !== PENDING) this.#notify(READY_WRITABLE);
  }

  /**
   * Starts a background read if none is in flight or waiting to be taken.
   * Returns `false` when no client is connected (mio's `schedule_read`).
   */
  #scheduleRead(): boolean {
    if (this.#read !== IDLE || this.#closed) return true;
    this.#readBuffer ??= allocNative(READ_SIZE);
    this.#start(this.#readOverlapped);
    this.#read = PENDING;
    if (pipeApi.ReadFile(this.handle, this.#readBuffer.address, READ_SIZE, 0, this.#readOverlapped) !== 0) {
      return true; // done already; its completion is queued all the same
    }
    const e = kernel32.GetLastError();
    if (e === ERROR_IO_PENDING || e === ERROR_MORE_DATA) return true;
    this.#cancelStart(this.#readOverlapped);
    if (e === ERROR_PIPE_LISTENING) {
      this.#read = IDLE;
      return false;
    }
    this.#read = FAILED;
    this.#readError = e;
    this.#notify(READY_READABLE);
    return true;
  }

  /** Starts writing the rest of the write buffer; returns 0, or the error of a write that failed at once. */
  #issueWrite(): number {
    this.#start(this.#writeOverlapped);
    this.#write = PENDING;
    const address = this.#writeBuffer!.address + this.#writePos;
    if (
      pipeApi.WriteFile(this.handle, address, this.#writeLen - this.#writePos, 0, this.#writeOverlapped) !== 0
    ) {
      return 0;
    }
    const e = kernel32.GetLastError();
    if (e === ERROR_IO_PENDING) return 0;
    this.#cancelStart(this.#writeOverlapped);
    this.#write = IDLE;
    return e;
  }

  #connectDone(error: number): void {
    this.#connecting = false;
    if (error !== 0) this.#connectError = error;
    if (!this.#closed) this.#postRegister();
  }

  #readDone(bytes: number, error: number): void {
    if (this.#staleRead) {
      this.#staleRead = false;
      this.#read = IDLE;
      this.#scheduleRead(); // for the next client, if it connected meanwhile
      return;
    }
    if (error === 0 || error === ERROR_MORE_DATA) {
      this.#read = IDLE;
      if (bytes === 0) {
        this.#scheduleRead(); // an empty write by the peer: nothing to report
        return;
      }
      this.#read = READY;
      this.#readPos = 0;
      this.#readLen = bytes;
    } else {
      this.#read = FAILED;
      this.#readError = error;
    }
    this.#notify(READY_READABLE);
  }

  #writeDone(bytes: number, error: number): void {
    if (this.#staleWrite) {
      this.#staleWrite = false;
      this.#write = IDLE;
      this.#notify(READY_WRITABLE);
      return;
    }
    if (error === 0) {
      this.#writePos += bytes;
      if (this.#writePos < this.#writeLen) {
        const e = this.#issueWrite(); // a partial write: the rest goes too (after close as well)
        if (e === 0) return;
        error = e;
      } else {
        this.#write = IDLE;
        this.#notify(READY_WRITABLE);
        return;
      }
    }
    this.#write = FAILED;
    this.#writeError = error;
    this.#notify(READY_WRITABLE);
  }

  /** The readiness bits the interest asks for. */
  #wanted(): number {
    return (this.#interest & INTEREST_READABLE ? READY_READABLE : 0) |
      (this.#interest & INTEREST_WRITABLE ? READY_WRITABLE : 0);
  }

  /** Posts `readiness` for the registered token, if the interest asks for it. */
  #notify(readiness: number): void {
    const poster = this.#poster;
    if (poster === null) return;
    const wanted = this.#wanted();
    if ((readiness & wanted) !== 0) poster.post(this.#token, readiness & wanted);
  }

  /**
   * After `close()`: closes the handle once no write is in flight, and frees
   * the memory once nothing is (the kernel may write it until the cancelled
   * operations completed).
   */
  #release(): void {
    if (!this.#handleClosed && this.#write !== PENDING) {
      this.#handleClosed = true;
      kernel32.CloseHandle(this.handle);
    }
    if (this.#inFlight > 0 || this.#control.freed) return;
    this.#control.free();
    this.#readBuffer?.free();
    this.#writeBuffer?.free();
  }
}

/** `name` as a NUL-terminated UTF-16 string. */
function wide(name: string): Uint16Array {
  const out = new Uint16Array(name.length + 1);
  for (let i = 0; i < name.length; i++) out[i] = name.charCodeAt(i);
  return out;
}

/** Named-pipe operations for Windows. */
export function windowsNamedPipeOps(): NamedPipeOps {
  return {
    create(name: string): NamedPipeEnd {
      const handle = pipeApi.CreateNamedPipeW(
        wide(name),
        PIPE_ACCESS_DUPLEX | FILE_FLAG_FIRST_PIPE_INSTANCE | FILE_FLAG_OVERLAPPED,
        PIPE_TYPE_BYTE,
        PIPE_UNLIMITED_INSTANCES,
        PIPE_BUFFER,
        PIPE_BUFFER,
        0,
        0,
      );
      if (handle === INVALID_HANDLE_VALUE) throw osError(kernel32.GetLastError(), "CreateNamedPipeW", name);
      return adopt(handle);
    },

    open(name: string): NamedPipeEnd {
      const flags = FILE_FLAG_OVERLAPPED | SECURITY_IDENTIFICATION_ONLY;
      const handle = pipeApi.CreateFileW(wide(name), GENERIC_READ_WRITE, 0, 0, OPEN_EXISTING, flags, 0);
      if (handle === INVALID_HANDLE_VALUE) throw osError(kernel32.GetLastError(), "CreateFileW", name);
      return adopt(handle);
    },

    fromHandle: adopt,
  };
}

/** The state of pipe `handle`; closes the handle if its memory cannot be had. */
function adopt(handle: number): NamedPipeEnd {
  try {
    return new PipeState(handle);
  } catch (e) {
    kernel32.CloseHandle(handle);
    throw e;
  }
}
