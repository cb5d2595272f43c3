/**
 * `IoError`: every failure mio-ts reports, with mio's `ErrorKind` name.
 *
 * @module
 */
/** Error codes (as Node names them) mapped to mio's `ErrorKind`, as Rust std maps errno. */
const KIND_BY_CODE = {
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
export function kindOfCode(code) {
    return KIND_BY_CODE[code] ?? "Other";
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
    kind;
    /** The error code as Node names it, e.g. `"ECONNREFUSED"`. */
    code;
    /** The OS's positive error number; 0 when raised before any syscall. */
    errno;
    /** The C function that failed; `""` when raised before any syscall. */
    syscall;
    /** Creates an error of `kind` with `message`. */
    constructor(kind, message, options = {}) {
        super(message);
        this.name = "IoError";
        this.kind = kind;
        this.code = options.code ?? "";
        this.errno = options.errno ?? 0;
        this.syscall = options.syscall ?? "";
    }
}
/** An `InvalidInput` error raised before any syscall. */
export function invalidInput(message) {
    return new IoError("InvalidInput", message, { code: "EINVAL" });
}
/** The error for using a source or `Poll` after `close()`. */
export function badResource(what) {
    return new IoError("BadResource", `${what} is closed`, { code: "EBADF" });
}
