/**
 * DragonFly BSD errno numbers with their names and messages: DragonFly
 * sys/sys/errno.h, with libc's strerror texts, as golang.org/x/sys
 * unix/zerrors_dragonfly_amd64.go@1bfbee0e records them (generated from the
 * headers by its mkerrors.sh). `ENOTSUP` is `EOPNOTSUPP` (45).
 *
 * @module
 */
/** errno number → [name, message], for the errors sockets and selectors report. */
export declare const DRAGONFLY_ERRNO: Readonly<Record<number, readonly [string, string]>>;
