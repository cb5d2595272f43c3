/**
 * FreeBSD errno numbers with their names and messages: FreeBSD
 * sys/sys/errno.h, with libc's strerror texts, as golang.org/x/sys
 * unix/zerrors_freebsd_amd64.go@1bfbee0e records them (generated from the
 * headers by its mkerrors.sh). `ENOTSUP` is `EOPNOTSUPP` (45).
 *
 * @module
 */
/** errno number → [name, message], for the errors sockets and selectors report. */
export declare const FREEBSD_ERRNO: Readonly<Record<number, readonly [string, string]>>;
