/**
 * macOS and iOS errno numbers with their names and messages: bsd/sys/errno.h
 * at xnu tag xnu-11417.101.15 (macOS 15.4); the messages are libc's strerror
 * texts, as golang.org/x/sys unix/zerrors_darwin_amd64.go@59665e5b records
 * them. `EOPNOTSUPP` is 102 for every program built for UNIX03 (all of them
 * since 10.5); 45 is `ENOTSUP`.
 *
 * @module
 */
/** errno number → [name, message], for the errors sockets and selectors report. */
export declare const DARWIN_ERRNO: Readonly<Record<number, readonly [string, string]>>;
