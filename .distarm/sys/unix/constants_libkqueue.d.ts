/**
 * libkqueue's kqueue constants: the user-space kqueue for Linux that
 * `MIO_KQUEUE_LIB` loads. Its `struct kevent` is macOS's (32 bytes), but its
 * filter numbers follow FreeBSD (`EVFILT_USER` is -11, macOS's -10), so it
 * has a table of its own. Errno numbers are Linux's: libkqueue sets the C
 * library's `errno` and reports Linux errors in `EV_ERROR` entries.
 *
 * @module
 */
import type { KqueueConstants } from "./constants_bsd.ts";
/**
 * The values of libkqueue's include/sys/event.h.in (mheily/libkqueue at
 * f966089, 2.7.0 and later) as its Linux build renders them: `EVFILT_AIO`
 * and `EVFILT_LIO` are not built on Linux, so not defined there.
 */
export declare const LIBKQUEUE: KqueueConstants;
