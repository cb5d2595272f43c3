/**
 * Windows error numbers (`GetLastError`/`WSAGetLastError` values) that
 * sockets, named pipes and the selector report: their C name, the code Node
 * gives them (libuv's `uv_translate_sys_error`), a message, and mio's
 * `ErrorKind` where Rust std's `decode_error_kind` for Windows names one.
 * Plain data: importing this file loads no library.
 *
 * @module
 */
import { type ErrorDescription, type ErrorKind, kindOfCode, osErrorFrom } from "../error.ts";

/** One Windows error: C name, Node-style code, message, and std's kind if std maps it. */
export type WindowsError = readonly [name: string, code: string, message: string, stdKind?: ErrorKind];

/**
 * Error number → what it means. Where std leaves an error uncategorized,
 * `osError` takes the kind of its code (as on Unix: `EPIPE` → BrokenPipe,
 * `EBUSY` → ResourceBusy); codes Node has no name for are the C name.
 * ERROR_BROKEN_PIPE is `EPIPE` here (libuv says `EOF`, which is no error
 * code): a read turns it into end of stream before it is ever thrown.
 */
export const WINDOWS_ERRORS: Readonly<Record<number, WindowsError>> = {
  2: ["ERROR_FILE_NOT_FOUND", "ENOENT", "the system cannot find the file specified", "NotFound"],
  3: ["ERROR_PATH_NOT_FOUND", "ENOENT", "the system cannot find the path specified", "NotFound"],
  5: ["ERROR_ACCESS_DENIED", "EPERM", "access is denied", "PermissionDenied"],
  6: ["ERROR_INVALID_HANDLE", "EBADF", "the handle is invalid"],
  8: ["ERROR_NOT_ENOUGH_MEMORY", "ENOMEM", "not enough memory resources are available", "OutOfMemory"],
  14: ["ERROR_OUTOFMEMORY", "ENOMEM", "not enough storage is available", "OutOfMemory"],
  50: ["ERROR_NOT_SUPPORTED", "ENOTSUP", "the request is not supported"],
  80: ["ERROR_FILE_EXISTS", "EEXIST", "the file exists", "AlreadyExists"],
  87: ["ERROR_INVALID_PARAMETER", "EINVAL", "the parameter is incorrect", "InvalidInput"],
  109: ["ERROR_BROKEN_PIPE", "EPIPE", "the pipe has been ended", "BrokenPipe"],
  120: [
    "ERROR_CALL_NOT_IMPLEMENTED",
    "ENOSYS",
    "this function is not supported on this system",
    "Unsupported",
  ],
  121: ["ERROR_SEM_TIMEOUT", "ETIMEDOUT", "the semaphore timeout period has expired", "TimedOut"],
  // std: InvalidFilename, a kind mio-ts does not have.
  123: [
    "ERROR_INVALID_NAME",
    "ENOENT",
    "the filename, directory name, or volume label syntax is incorrect",
    "InvalidInput",
  ],
  183: [
    "ERROR_ALREADY_EXISTS",
    "EEXIST",
    "cannot create a file when that file already exists",
    "AlreadyExists",
  ],
  230: ["ERROR_BAD_PIPE", "EPIPE", "the pipe state is invalid"],
  231: ["ERROR_PIPE_BUSY", "EBUSY", "all pipe instances are busy"],
  232: ["ERROR_NO_DATA", "EPIPE", "the pipe is being closed", "BrokenPipe"],
  233: ["ERROR_PIPE_NOT_CONNECTED", "EPIPE", "no process is on the other end of the pipe"],
  234: ["ERROR_MORE_DATA", "ERROR_MORE_DATA", "more data is available"],
  258: ["WAIT_TIMEOUT", "ETIMEDOUT", "the wait operation timed out", "TimedOut"],
  535: ["ERROR_PIPE_CONNECTED", "ERROR_PIPE_CONNECTED", "there is a process on the other end of the pipe"],
  536: [
    "ERROR_PIPE_LISTENING",
    "ERROR_PIPE_LISTENING",
    "waiting for a process to open the other end of the pipe",
  ],
  995: [
    "ERROR_OPERATION_ABORTED",
    "ECANCELED",
    "the I/O operation has been aborted because of either a thread exit or an application request",
    "TimedOut",
  ],
  996: ["ERROR_IO_INCOMPLETE", "ERROR_IO_INCOMPLETE", "overlapped I/O event is not in a signaled state"],
  997: ["ERROR_IO_PENDING", "ERROR_IO_PENDING", "overlapped I/O operation is in progress"],
  1225: ["ERROR_CONNECTION_REFUSED", "ECONNREFUSED", "the remote computer refused the network connection"],
  1236: [
    "ERROR_CONNECTION_ABORTED",
    "ECONNABORTED",
    "the network connection was aborted by the local system",
  ],
  10004: ["WSAEINTR", "EINTR", "a blocking operation was interrupted"],
  10009: ["WSAEBADF", "EBADF", "the file handle supplied is not valid"],
  10013: [
    "WSAEACCES",
    "EACCES",
    "an attempt was made to access a socket in a way forbidden by its access permissions",
    "PermissionDenied",
  ],
  10014: ["WSAEFAULT", "EFAULT", "the system detected an invalid pointer address"],
  10022: ["WSAEINVAL", "EINVAL", "an invalid argument was supplied", "InvalidInput"],
  10024: ["WSAEMFILE", "EMFILE", "too many open sockets"],
  10035: [
    "WSAEWOULDBLOCK",
    "EAGAIN",
    "a non-blocking socket operation could not be completed immediately",
    "WouldBlock",
  ],
  10036: ["WSAEINPROGRESS", "EINPROGRESS", "a blocking operation is currently executing"],
  10037: [
    "WSAEALREADY",
    "EALREADY",
    "an operation was attempted on a non-blocking socket that already had an operation in progress",
  ],
  10038: ["WSAENOTSOCK", "ENOTSOCK", "an operation was attempted on something that is not a socket"],
  10039: ["WSAEDESTADDRREQ", "EDESTADDRREQ", "a required address was omitted from an operation on a socket"],
  10040: [
    "WSAEMSGSIZE",
    "EMSGSIZE",
    "a message sent on a datagram socket was larger than the buffer or another limit",
  ],
  10041: ["WSAEPROTOTYPE", "EPROTOTYPE", "a protocol was specified that does not support the socket type"],
  10042: [
    "WSAENOPROTOOPT",
    "ENOPROTOOPT",
    "an unknown, invalid, or unsupported option or level was specified",
  ],
  10043: ["WSAEPROTONOSUPPORT", "EPROTONOSUPPORT", "the requested protocol is not supported"],
  10044: ["WSAESOCKTNOSUPPORT", "ESOCKTNOSUPPORT", "the socket type is not supported in this address family"],
  10045: ["WSAEOPNOTSUPP", "EOPNOTSUPP", "the operation is not supported for this type of object"],
  10046: ["WSAEPFNOSUPPORT", "EPFNOSUPPORT", "the protocol family is not supported"],
  10047: ["WSAEAFNOSUPPORT", "EAFNOSUPPORT", "an address incompatible with the requested protocol was used"],
  10048: [
    "WSAEADDRINUSE",
    "EADDRINUSE",
    "only one usage of each socket address is normally permitted",
    "AddrInUse",
  ],
  10049: [
    "WSAEADDRNOTAVAIL",
    "EADDRNOTAVAIL",
    "the requested address is not valid in its context",
    "AddrNotAvailable",
  ],
  10050: ["WSAENETDOWN", "ENETDOWN", "a socket operation encountered a dead network", "NetworkDown"],
  10051: [
    "WSAENETUNREACH",
    "ENETUNREACH",
    "a socket operation was attempted to an unreachable network",
    "NetworkUnreachable",
  ],
  10052: ["WSAENETRESET", "ENETRESET", "the connection was broken by keep-alive activity"],
  10053: [
    "WSAECONNABORTED",
    "ECONNABORTED",
    "the software in the host machine aborted the connection",
    "ConnectionAborted",
  ],
  10054: ["WSAECONNRESET", "ECONNRESET", "the remote host forcibly closed the connection", "ConnectionReset"],
  10055: ["WSAENOBUFS", "ENOBUFS", "no buffer space available or queue full"],
  10056: ["WSAEISCONN", "EISCONN", "the socket is already connected"],
  10057: [
    "WSAENOTCONN",
    "ENOTCONN",
    "the socket is not connected and no address was supplied",
    "NotConnected",
  ],
  10058: ["WSAESHUTDOWN", "EPIPE", "the socket had already been shut down in that direction"],
  10060: ["WSAETIMEDOUT", "ETIMEDOUT", "the connection attempt timed out", "TimedOut"],
  10061: [
    "WSAECONNREFUSED",
    "ECONNREFUSED",
    "the target machine actively refused the connection",
    "ConnectionRefused",
  ],
  10063: ["WSAENAMETOOLONG", "ENAMETOOLONG", "name too long"],
  10064: ["WSAEHOSTDOWN", "EHOSTDOWN", "the destination host was down"],
  10065: [
    "WSAEHOSTUNREACH",
    "EHOSTUNREACH",
    "a socket operation was attempted to an unreachable host",
    "HostUnreachable",
  ],
  10091: ["WSASYSNOTREADY", "WSASYSNOTREADY", "the network subsystem is unavailable"],
  10092: ["WSAVERNOTSUPPORTED", "WSAVERNOTSUPPORTED", "the Winsock version requested is not supported"],
  10093: ["WSANOTINITIALISED", "WSANOTINITIALISED", "WSAStartup has not been called"],
  10101: ["WSAEDISCON", "WSAEDISCON", "the peer is closing the connection gracefully"],
};

/** What Windows error `errno` is: its code, its message with the C name and number, and std's kind or that of the code. */
function describeWindowsError(errno: number): ErrorDescription {
  const known = WINDOWS_ERRORS[errno];
  if (known === undefined) return { code: `E${errno}`, text: `OS error ${errno}`, kind: "Other" };
  const [name, code, message, stdKind] = known;
  return { code, text: `${message} (${code}, ${name} ${errno})`, kind: stdKind ?? kindOfCode(code) };
}

/**
 * The `IoError` for Windows error `errno` (`GetLastError`/`WSAGetLastError`)
 * reported by `syscall`; `detail` (an address, a pipe name) is added to the
 * message.
 */
export const osError = osErrorFrom(describeWindowsError);
