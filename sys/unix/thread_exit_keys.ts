/**
 * `threadExit` on Unix: pthread keys whose destructor is the C library's
 * own `close` (see `../thread_exit.ts`). When a thread exits, the C library
 * calls each key's destructor with the thread's value of that key if it is
 * not NULL (POSIX `pthread_key_create`); a descriptor `fd` stored as the
 * value arrives as `close((void *)fd)`, and `close` reads its `int` from
 * the low 32 bits of the first argument register (x86_64: edi of rdi;
 * aarch64: w0 of x0), which hold `fd`. Deno, Bun and Node each run a Worker
 * on a thread of its own that exits when the Worker ends, `terminate()`
 * included, so its keys' destructors run then.
 *
 * A descriptor a pending off-thread wait (`pollAsync`) is polling may be
 * closed under it: poll(2) keeps references of its own to the files it
 * waits on, so closing one does not end the wait, but closing the write end
 * of its cancel pipe does (`off_thread_wait.ts`), and its result goes
 * nowhere (Deno and Bun drop it with the realm; Node's Worker thread exits
 * only after its pool call returned). The thread's exit may also run after
 * the realm's `exit` listeners closed what they could (`process.exit()`,
 * returning): those released their descriptors first, so the destructors
 * close only what JavaScript left open, such as a `Poll` whose close waited
 * for its off-thread wait to return.
 *
 * Only a Worker's thread holds anything: the main thread's descriptors end
 * with the process (and its destructors do not run at `exit()`). Keys are
 * taken while their number is below half of the C library's
 * `PTHREAD_KEYS_MAX` (they are numbered from the lowest free one), which
 * leaves the other half to the runtime and other libraries; past that, and
 * where the C library lacks the calls, descriptors are closed by JavaScript
 * alone, and a terminated Worker leaves them open. A terminated Worker's
 * keys stay taken (a key is freed only by `pthread_key_delete`, which
 * nothing calls for a thread that is gone), so they count against the
 * budget for the rest of the process.
 *
 * @module
 */
import { isMainThread } from "node:worker_threads";
import { ffi } from "../ffi/load.ts";
import type { ThreadExitClose } from "../contract.ts";
import {
  cString,
  type ExitSlots,
  HOLD_NOTHING,
  releasesSuspended,
  ThreadExitCloser,
} from "../thread_exit.ts";
import { libc, LOADER_SYMBOLS, THREAD_KEY_SYMBOLS } from "./libc.ts";
import { cLibrary, loaderLibrary, threadKeysMax } from "./unix_os.ts";

/** `dlopen`'s `RTLD_NOW`: 2 in glibc, musl, Apple's and the BSDs' `<dlfcn.h>`. */
const RTLD_NOW = 2;

/** pthread keys whose destructor is the C library's `close`; `null` if the C library lacks a call. */
function closingKeys(): ExitSlots | null {
  const { library } = cLibrary();
  let keys;
  let closeAddress;
  try {
    keys = ffi.open(library, THREAD_KEY_SYMBOLS);
    const loader = ffi.open(loaderLibrary(), LOADER_SYMBOLS);
    const handle = loader.dlopen(cString(library), RTLD_NOW);
    closeAddress = handle === 0 ? 0 : loader.dlsym(handle, cString("close"));
  } catch {
    return null;
  }
  if (closeAddress === 0) return null;
  const out = new Uint8Array(8);
  const key = new DataView(out.buffer);
  return {
    create: () => keys.pthread_key_create(out, closeAddress) === 0 ? key.getUint32(0, true) : null,
    set: (slot, fd) => void keys.pthread_setspecific(slot, fd),
    delete: (slot) => void keys.pthread_key_delete(slot),
  };
}

let closer: ThreadExitClose | null = null;

/** This thread's closer, made at the first use: `HOLD_NOTHING` on the main thread or without the calls. */
function threadExitCloser(): ThreadExitClose {
  if (closer !== null) return closer;
  const slots = isMainThread ? null : closingKeys();
  return closer = slots === null ? HOLD_NOTHING : new ThreadExitCloser(slots, threadKeysMax() >> 1);
}

/**
 * Makes this thread's closer now, binding its C calls, not at the first
 * descriptor held: the Unix platform calls it at import where the FFI binds
 * everything then (`Ffi.bindsAtImport`).
 */
export function bindThreadExit(): void {
  threadExitCloser();
}

/** The descriptors this thread closes when it exits with no JavaScript to run (`ThreadExitClose`). */
export const threadExit: ThreadExitClose = {
  hold: (fd) => threadExitCloser().hold(fd),
  release: (fd) => {
    if (!releasesSuspended()) threadExitCloser().release(fd);
  },
};

/** Holds the descriptor `fd` (`threadExit.hold`) and returns it; a negative `fd` (a failed call) is returned as it is. */
export function held(fd: number): number {
  if (fd >= 0) threadExit.hold(fd);
  return fd;
}

/** Releases `fd` (`threadExit.release`), then closes it with the C library's `close`; its result. */
export function closeHeld(fd: number): number {
  threadExit.release(fd);
  return libc.close(fd);
}
