/**
 * OpenBSD errno numbers with their names and messages: OpenBSD
 * sys/sys/errno.h, with libc's strerror texts, as golang.org/x/sys
 * unix/zerrors_openbsd_amd64.go@1bfbee0e records them (generated from the
 * headers by its mkerrors.sh).
 *
 * @module
 */
/** errno number → [name, message], for the errors sockets and selectors report. */
export declare const OPENBSD_ERRNO: Readonly<Record<number, readonly [string, string]>>;
