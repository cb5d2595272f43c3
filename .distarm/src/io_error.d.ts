/**
 * `IoError`: every failure mio-ts reports, with mio's `ErrorKind` name.
 *
 * @module
 */
/** mio's (Rust std's) `ErrorKind` names, plus `"BadResource"` for use after close. */
export type ErrorKind = "NotFound" | "PermissionDenied" | "ConnectionRefused" | "ConnectionReset" | "ConnectionAborted" | "HostUnreachable" | "NetworkUnreachable" | "NetworkDown" | "NotConnected" | "AddrInUse" | "AddrNotAvailable" | "BrokenPipe" | "AlreadyExists" | "WouldBlock" | "InvalidInput" | "TimedOut" | "Interrupted" | "Unsupported" | "OutOfMemory" | "InProgress" | "ResourceBusy" | "BadResource" | "Other";
/** The `ErrorKind` for an error code such as `"ECONNREFUSED"` (`"Other"` if unknown). */
export declare function kindOfCode(code: string): ErrorKind;
/** Options for constructing an `IoError`. */
export interface IoErrorOptions {
    /** The OS error code name, e.g. `"ECONNREFUSED"`; `""` for errors raised before any syscall. */
    code?: string;
    /** The OS's positive error number; 0 for errors raised before any syscall. */
    errno?: number;
    /** The C function that failed, e.g. `"bind"`; `""` for errors raised before any syscall. */
    syscall?: string;
}
/**
 * An I/O error, as mio's `io::Error`: `kind` is mio's `ErrorKind` name;
 * `code`, `errno` and `syscall` say what the OS said and where.
 *
 * @example
 * ```ts
 * import { IoError } from "mio-ts";
 * import { TcpListener } from "mio-ts/net";
 *
 * try {
 *   TcpListener.bind("nonsense");
 * } catch (e) {
 *   if (e instanceof IoError) console.log(e.kind); // "InvalidInput"
 * }
 * ```
 */
export declare class IoError extends Error {
    /** mio's `ErrorKind` name, e.g. `"ConnectionRefused"`. */
    readonly kind: ErrorKind;
    /** The error code as Node names it, e.g. `"ECONNREFUSED"`. */
    readonly code: string;
    /** The OS's positive error number; 0 when raised before any syscall. */
    readonly errno: number;
    /** The C function that failed; `""` when raised before any syscall. */
    readonly syscall: string;
    /** Creates an error of `kind` with `message`. */
    constructor(kind: ErrorKind, message: string, options?: IoErrorOptions);
}
/** An `InvalidInput` error raised before any syscall. */
export declare function invalidInput(message: string): IoError;
/** The error for using a source or `Poll` after `close()`. */
export declare function badResource(what: string): IoError;
