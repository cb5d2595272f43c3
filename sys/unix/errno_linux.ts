/**
 * Linux errno numbers (asm-generic/errno-base.h and asm-generic/errno.h,
 * identical on x86_64 and aarch64) with their names and messages.
 *
 * @module
 */
import { describeErrno, type ErrnoTable, osErrorFrom } from "../error.ts";

/** errno number → [name, message], for the errors sockets and selectors report. */
export const LINUX_ERRNO: ErrnoTable = {
  1: ["EPERM", "operation not permitted"],
  2: ["ENOENT", "no such file or directory"],
  4: ["EINTR", "interrupted system call"],
  5: ["EIO", "input/output error"],
  9: ["EBADF", "bad file descriptor"],
  11: ["EAGAIN", "resource temporarily unavailable"],
  12: ["ENOMEM", "cannot allocate memory"],
  13: ["EACCES", "permission denied"],
  14: ["EFAULT", "bad address"],
  16: ["EBUSY", "device or resource busy"],
  17: ["EEXIST", "file exists"],
  19: ["ENODEV", "no such device"],
  20: ["ENOTDIR", "not a directory"],
  22: ["EINVAL", "invalid argument"],
  23: ["ENFILE", "too many open files in system"],
  24: ["EMFILE", "too many open files"],
  28: ["ENOSPC", "no space left on device"],
  32: ["EPIPE", "broken pipe"],
  38: ["ENOSYS", "function not implemented"],
  88: ["ENOTSOCK", "socket operation on non-socket"],
  89: ["EDESTADDRREQ", "destination address required"],
  90: ["EMSGSIZE", "message too long"],
  91: ["EPROTOTYPE", "protocol wrong type for socket"],
  92: ["ENOPROTOOPT", "protocol not available"],
  93: ["EPROTONOSUPPORT", "protocol not supported"],
  95: ["EOPNOTSUPP", "operation not supported"],
  97: ["EAFNOSUPPORT", "address family not supported by protocol"],
  98: ["EADDRINUSE", "address already in use"],
  99: ["EADDRNOTAVAIL", "cannot assign requested address"],
  100: ["ENETDOWN", "network is down"],
  101: ["ENETUNREACH", "network is unreachable"],
  103: ["ECONNABORTED", "software caused connection abort"],
  104: ["ECONNRESET", "connection reset by peer"],
  105: ["ENOBUFS", "no buffer space available"],
  106: ["EISCONN", "transport endpoint is already connected"],
  107: ["ENOTCONN", "transport endpoint is not connected"],
  110: ["ETIMEDOUT", "connection timed out"],
  111: ["ECONNREFUSED", "connection refused"],
  113: ["EHOSTUNREACH", "no route to host"],
  114: ["EALREADY", "operation already in progress"],
  115: ["EINPROGRESS", "operation now in progress"],
};

/** The `IoError` for `errno` returned by `syscall`; `detail` (an address, a path) is added to the message. */
export const osError = osErrorFrom(describeErrno(LINUX_ERRNO));
