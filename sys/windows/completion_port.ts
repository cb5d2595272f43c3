/**
 * The completion port calls (mio's `iocp.rs`) and the completion keys the
 * IOCP selector tells its packets apart by.
 *
 * @module
 */
import { INVALID_HANDLE_VALUE, kernel32 } from "./kernel32.ts";
import { osError } from "./errno_windows.ts";

/** Key of overlapped sources' handles (named pipes): `lpOverlapped` is one of their OVERLAPPEDs. */
export const OVERLAPPED_KEY = 1;
/** Key of AFD handles: `lpOverlapped` is a socket state's IO_STATUS_BLOCK. */
export const AFD_KEY = 2;
/** Key of events posted by overlapped sources: `lpOverlapped` is their registration's id, the byte count the readiness. */
export const POSTED_KEY = 3;
/** Key of a `Waker`'s wake: `lpOverlapped` is the waker's id. */
export const WAKER_KEY = 4;
/** Key of the packet that ends a `waitAsync` early; it reports nothing. */
export const INTERRUPT_KEY = 5;

/**
 * Creates a completion port.
 *
 * @throws `IoError` when Windows refuses.
 */
export function createPort(): number {
  const port = kernel32.CreateIoCompletionPort(INVALID_HANDLE_VALUE, 0, 0, 0);
  if (port === 0) throw osError(kernel32.GetLastError(), "CreateIoCompletionPort");
  return port;
}

/**
 * Associates `handle` with `port`: its overlapped operations complete there
 * with `key`. Windows allows one port per handle, for the handle's lifetime.
 *
 * @throws `IoError` when Windows refuses (e.g. the handle has a port already).
 */
export function associate(port: number, handle: number, key: number): void {
  if (kernel32.CreateIoCompletionPort(handle, port, key, 0) === 0) {
    throw osError(kernel32.GetLastError(), "CreateIoCompletionPort");
  }
}

/**
 * Queues a packet on `port` (`PostQueuedCompletionStatus`).
 *
 * @throws `IoError` when Windows refuses (e.g. the port was closed).
 */
export function postPacket(port: number, bytes: number, key: number, overlapped: number): void {
  if (kernel32.PostQueuedCompletionStatus(port, bytes, key, overlapped) === 0) {
    throw osError(kernel32.GetLastError(), "PostQueuedCompletionStatus");
  }
}
