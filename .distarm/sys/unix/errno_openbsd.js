/**
 * OpenBSD errno numbers with their names and messages: OpenBSD
 * sys/sys/errno.h, with libc's strerror texts, as golang.org/x/sys
 * unix/zerrors_openbsd_amd64.go@1bfbee0e records them (generated from the
 * headers by its mkerrors.sh).
 *
 * @module
 */
/** errno number → [name, message], for the errors sockets and selectors report. */
export const OPENBSD_ERRNO = {
    1: ["EPERM", "operation not permitted"],
    2: ["ENOENT", "no such file or directory"],
    4: ["EINTR", "interrupted system call"],
    5: ["EIO", "input/output error"],
    9: ["EBADF", "bad file descriptor"],
    12: ["ENOMEM", "cannot allocate memory"],
    13: ["EACCES", "permission denied"],
    14: ["EFAULT", "bad address"],
    16: ["EBUSY", "device busy"],
    17: ["EEXIST", "file exists"],
    19: ["ENODEV", "operation not supported by device"],
    20: ["ENOTDIR", "not a directory"],
    22: ["EINVAL", "invalid argument"],
    23: ["ENFILE", "too many open files in system"],
    24: ["EMFILE", "too many open files"],
    28: ["ENOSPC", "no space left on device"],
    32: ["EPIPE", "broken pipe"],
    35: ["EAGAIN", "resource temporarily unavailable"],
    36: ["EINPROGRESS", "operation now in progress"],
    37: ["EALREADY", "operation already in progress"],
    38: ["ENOTSOCK", "socket operation on non-socket"],
    39: ["EDESTADDRREQ", "destination address required"],
    40: ["EMSGSIZE", "message too long"],
    41: ["EPROTOTYPE", "protocol wrong type for socket"],
    42: ["ENOPROTOOPT", "protocol not available"],
    43: ["EPROTONOSUPPORT", "protocol not supported"],
    45: ["EOPNOTSUPP", "operation not supported"],
    47: ["EAFNOSUPPORT", "address family not supported by protocol family"],
    48: ["EADDRINUSE", "address already in use"],
    49: ["EADDRNOTAVAIL", "can't assign requested address"],
    50: ["ENETDOWN", "network is down"],
    51: ["ENETUNREACH", "network is unreachable"],
    53: ["ECONNABORTED", "software caused connection abort"],
    54: ["ECONNRESET", "connection reset by peer"],
    55: ["ENOBUFS", "no buffer space available"],
    56: ["EISCONN", "socket is already connected"],
    57: ["ENOTCONN", "socket is not connected"],
    60: ["ETIMEDOUT", "operation timed out"],
    61: ["ECONNREFUSED", "connection refused"],
    65: ["EHOSTUNREACH", "no route to host"],
    78: ["ENOSYS", "function not implemented"],
    91: ["ENOTSUP", "not supported"],
};
