/**
 * `threadExit` on Windows: fiber-local storage slots (`FlsAlloc`) whose
 * callback is kernel32's `CloseHandle` or Winsock's `closesocket` (see
 * `../thread_exit.ts`). When a thread exits, Windows calls each slot's
 * callback with the thread's value of that slot if it is not NULL
 * (`FlsAlloc`: "when a thread exits"); a handle stored as the value arrives
 * as `CloseHandle(handle)` or `closesocket(socket)`, whose one parameter is
 * pointer-sized like the callback's, in the one calling convention of
 * x86_64 and aarch64 Windows. Deno, Bun and Node each run a Worker on a
 * thread of its own that exits when the Worker ends, `terminate()` included.
 *
 * Sockets are closed with `closesocket`, every other handle (completion
 * ports, AFD helper handles, named pipes) with `CloseHandle`: a source's
 * handle is a named pipe's when it is a live overlapped source
 * (`overlappedSources`), else a socket's.
 *
 * Windows documents that a completion port closed while a thread waits on
 * it ends that wait (`GetQueuedCompletionStatusEx` fails with
 * `ERROR_ABANDONED_WAIT_0`): a terminated Worker's pending `pollAsync`
 * then returns, into memory of its own (`iocp_wait.ts`), and its result
 * goes nowhere. Wine 8 does not end it (measured: a wait with no timeout
 * still waited 5 s after its port was closed), so there the thread that
 * ran it (Deno's blocking pool, Bun's caller thread) stays in the wait.
 *
 * Only a Worker's thread holds anything: the main thread's handles end with
 * the process. Slots are taken while their number is below half of
 * `FLS_MAXIMUM_AVAILABLE` (numbered from the lowest free one), which leaves
 * the other half to the runtime and other libraries; past that, a
 * terminated Worker leaves its handles open. FlsFree runs the callback for
 * every thread whose value is not NULL: a slot is freed only once its value
 * was cleared, and only its owning thread ever set it.
 *
 * @module
 */
import { isMainThread } from "node:worker_threads";
import type { ThreadExitClose } from "../contract.ts";
import {
  cString,
  type ExitSlots,
  HOLD_NOTHING,
  releasesSuspended,
  ThreadExitCloser,
} from "../thread_exit.ts";
import { kernel32 } from "./kernel32.ts";
import { overlappedSources } from "./overlapped_source.ts";

/** `FLS_OUT_OF_INDEXES`: `FlsAlloc` found no free slot. */
const FLS_OUT_OF_INDEXES = 0xffff_ffff;
/** `FLS_MAXIMUM_AVAILABLE` of Windows 10's and Wine's winnt.h: slots 0 to 4079. */
const FLS_MAXIMUM_AVAILABLE = 4080;

/** FLS slots whose callback is `name` of `library`; `null` if it cannot be found. */
function closingSlots(library: string, name: string): ExitSlots | null {
  const module = kernel32.LoadLibraryA(cString(library));
  const callback = module === 0 ? 0 : kernel32.GetProcAddress(module, cString(name));
  if (callback === 0) return null;
  return {
    create: () => {
      const slot = kernel32.FlsAlloc(callback);
      return slot === FLS_OUT_OF_INDEXES ? null : slot;
    },
    set: (slot, handle) => void kernel32.FlsSetValue(slot, handle),
    delete: (slot) => void kernel32.FlsFree(slot),
  };
}

/** One closer per kind of handle; both take their slots from the same numbers. */
interface Closers {
  readonly handles: ThreadExitClose;
  readonly sockets: ThreadExitClose;
}

let closers: Closers | null = null;

/** This thread's closers, made at the first use: `HOLD_NOTHING` on the main thread or without the calls. */
function threadClosers(): Closers {
  if (closers !== null) return closers;
  const limit = FLS_MAXIMUM_AVAILABLE >> 1;
  const handleSlots = isMainThread ? null : closingSlots("kernel32.dll", "CloseHandle");
  const socketSlots = isMainThread ? null : closingSlots("ws2_32.dll", "closesocket");
  return closers = {
    handles: handleSlots === null ? HOLD_NOTHING : new ThreadExitCloser(handleSlots, limit),
    sockets: socketSlots === null ? HOLD_NOTHING : new ThreadExitCloser(socketSlots, limit),
  };
}

/**
 * The handles this thread closes when it exits with no JavaScript to run
 * (`ThreadExitClose`), for sources: a named pipe's handle or a socket.
 */
export const threadExit: ThreadExitClose = {
  hold: (handle) => {
    const { handles, sockets } = threadClosers();
    return overlappedSources.has(handle) ? handles.hold(handle) : sockets.hold(handle);
  },
  release: (handle) => {
    if (releasesSuspended()) return;
    const { handles, sockets } = threadClosers();
    handles.release(handle);
    sockets.release(handle);
  },
};

/** Holds the handle `handle` (not a socket) for closing at this thread's exit, and returns it. */
export function heldHandle(handle: number): number {
  threadClosers().handles.hold(handle);
  return handle;
}

/** Releases `handle` (`threadExit.release`), then closes it with `CloseHandle`; its result. */
export function closeHeldHandle(handle: number): number {
  threadExit.release(handle);
  return kernel32.CloseHandle(handle);
}
