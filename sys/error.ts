/**
 * `IoError`: every failure mio-ts reports, with mio's `ErrorKind` name.
 *
 * @module
 */

/** mio's (Rust std's) `ErrorKind` names, plus `"BadResource"` for use after close. */
export type ErrorKind =
  | "NotFound"
  | "PermissionDenied"
  | "ConnectionRefused"
  | "ConnectionReset"
  | "ConnectionAborted"
  | "HostUnreachable"
  | "NetworkUnreachable"
  | "NetworkDown"
  | "NotConnected"
  | "AddrInUse"
  | "AddrNotAvailable"
  | "BrokenPipe"
  | "AlreadyExists"
  | "WouldBlock"
  | "InvalidInput"
  | "TimedOut"
  | "Interrupted"
  | "Unsupported"
  | "OutOfMemory"
  | "InProgress"
  | "ResourceBusy"
  | "BadResource"
  | "Other";

/** Error codes (as Node names them) mapped to mio's `ErrorKind`, as Rust std maps errno. */
const KIND_BY_CODE: Readonly<Record<string, ErrorKind>> = {
  ENOENT: "NotFound",
  EPERM: "PermissionDenied",
  EACCES: "PermissionDenied",
  ECONNREFUSED: "ConnectionRefused",
  ECONNRESET: "ConnectionReset",
  ECONNABORTED: "ConnectionAborted",
  EHOSTUNREACH: "HostUnreachable",
  ENETUNREACH: "NetworkUnreachable",
  ENETDOWN: "NetworkDown",
  ENOTCONN: "NotConnected",
  EADDRINUSE: "AddrInUse",
  EADDRNOTAVAIL: "AddrNotAvailable",
  EPIPE: "BrokenPipe",
  EEXIST: "AlreadyExists",
  EAGAIN: "WouldBlock",
  EWOULDBLOCK: "WouldBlock",
  EINVAL: "InvalidInput",
  ETIMEDOUT: "TimedOut",
  EINTR: "Interrupted",
  ENOSYS: "Unsupported",
  EOPNOTSUPP: "Unsupported",
  ENOMEM: "OutOfMemory",
  EINPROGRESS: "InProgress",
  EBUSY: "ResourceBusy",
  EBADF: "BadResource",
};

/** The `ErrorKind` for an error code such as `"ECONNREFUSED"` (`"Other"` if unknown). */
export function kindOfCode(code: string): ErrorKind {
  return KIND_BY_CODE[code] ?? "Other";
}

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
export class IoError extends Error {
  /** mio's `ErrorKind` name, e.g. `"ConnectionRefused"`. */
  readonly kind: ErrorKind;
  /** The error code as Node names it, e.g. `"ECONNREFUSED"`. */
  readonly code: string;
  /** The OS's positive error number; 0 when raised before any syscall. */
  readonly errno: number;
  /** The C function that failed; `""` when raised before any syscall. */
  readonly syscall: string;

  /** Creates an error of `kind` with `message`. */
  constructor(kind: ErrorKind, message: string, options: IoErrorOptions = {}) {
    super(message);
    this.name = "IoError";
    this.kind = kind;
    this.code = options.code ?? "";
    this.errno = options.errno ?? 0;
    this.syscall = options.syscall ?? "";
  }
}

/** An `InvalidInput` error raised before any syscall. */
export function invalidInput(message: string): IoError {
  return new IoError("InvalidInput", message, { code: "EINVAL" });
}

/** The error for using a source or `Poll` after `close()`. */
export function badResource(what: string): IoError {
  return new IoError("BadResource", `${what} is closed`, { code: "EBADF" });
}

/**
 * How an OS describes one error number: the code as Node names it, the text
 * after the failing call in the message, and the kind (the OS's own, or the
 * kind of the code).
 */
export interface ErrorDescription {
  /** The code, e.g. `"ECONNREFUSED"`. */
  readonly code: string;
  /** The message text after `syscall:`. */
  readonly text: string;
  /** mio's kind for the error. */
  readonly kind: ErrorKind;
}

/** errno number → [code, message]: the shape of every Unix errno table. */
export type ErrnoTable = Readonly<Record<number, readonly [code: string, message: string]>>;

/** Builds an `IoError` for OS error `errno` reported by `syscall`; `detail` (an address, a path) goes into the message. */
export type OsError = (errno: number, syscall: string, detail?: string) => IoError;

/**
 * The one way an OS error number becomes an `IoError`: `describe` is the
 * OS's table lookup (`describeErrno` for a Unix table, the Windows table's
 * own for Windows).
 */
export function osErrorFrom(describe: (errno: number) => ErrorDescription): OsError {
  return (errno, syscall, detail = "") => {
    const { code, text, kind } = describe(errno);
    const where = detail === "" ? syscall : `${syscall} ${detail}`;
    return new IoError(kind, `${where}: ${text}`, { code, errno, syscall });
  };
}

/** The lookup of `errno` in a Unix errno table: `"E<number>"` and `OS error <number>` if it is not there. */
export function describeErrno(table: ErrnoTable): (errno: number) => ErrorDescription {
  return (errno) => {
    const code = table[errno]?.[0] ?? `E${errno}`;
    const text = table[errno]?.[1] ?? `OS error ${errno}`;
    return { code, text: `${text} (${code})`, kind: kindOfCode(code) };
  };
}
