/** Key of overlapped sources' handles (named pipes): `lpOverlapped` is one of their OVERLAPPEDs. */
export declare const OVERLAPPED_KEY = 1;
/** Key of AFD handles: `lpOverlapped` is a socket state's IO_STATUS_BLOCK. */
export declare const AFD_KEY = 2;
/** Key of events posted by overlapped sources: `lpOverlapped` is their registration's id, the byte count the readiness. */
export declare const POSTED_KEY = 3;
/** Key of a `Waker`'s wake: `lpOverlapped` is the waker's id. */
export declare const WAKER_KEY = 4;
/** Key of the packet that ends a `waitAsync` early; it reports nothing. */
export declare const INTERRUPT_KEY = 5;
/**
 * Creates a completion port.
 *
 * @throws `IoError` when Windows refuses.
 */
export declare function createPort(): number;
/**
 * Associates `handle` with `port`: its overlapped operations complete there
 * with `key`. Windows allows one port per handle, for the handle's lifetime.
 *
 * @throws `IoError` when Windows refuses (e.g. the handle has a port already).
 */
export declare function associate(port: number, handle: number, key: number): void;
/**
 * Queues a packet on `port` (`PostQueuedCompletionStatus`).
 *
 * @throws `IoError` when Windows refuses (e.g. the port was closed).
 */
export declare function postPacket(port: number, bytes: number, key: number, overlapped: number): void;
