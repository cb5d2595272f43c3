/**
 * The shape of the per-OS constant tables of the kqueue systems (macOS and
 * iOS, FreeBSD, NetBSD, OpenBSD, DragonFly; libkqueue on Linux): what the
 * kqueue selector needs from `<sys/event.h>` and `<errno.h>`, and the socket,
 * fcntl and errno numbers a BSD socket layer needs. The values live in one
 * file per OS (`constants_darwin.ts`, …), each citing the headers it was
 * read from; `tests/kqueue_layout.test.ts` pins every entry.
 *
 * `null` marks a constant the OS does not have (or, for the filters, one
 * mio-ts does not use there: see each field).
 *
 * @module
 */
export {};
