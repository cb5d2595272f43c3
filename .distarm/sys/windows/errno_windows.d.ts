/**
 * Windows error numbers (`GetLastError`/`WSAGetLastError` values) that
 * sockets, named pipes and the selector report: their C name, the code Node
 * gives them (libuv's `uv_translate_sys_error`), a message, and mio's
 * `ErrorKind` where Rust std's `decode_error_kind` for Windows names one.
 * Plain data: importing this file loads no library.
 *
 * @module
 */
import type { ErrorKind } from "../../src/io_error.ts";
/** One Windows error: C name, Node-style code, message, and std's kind if std maps it. */
export type WindowsError = readonly [name: string, code: string, message: string, stdKind?: ErrorKind];
/**
 * Error number → what it means. Where std leaves an error uncategorized,
 * `osError` takes the kind of its code (as on Unix: `EPIPE` → BrokenPipe,
 * `EBUSY` → ResourceBusy); codes Node has no name for are the C name.
 * ERROR_BROKEN_PIPE is `EPIPE` here (libuv says `EOF`, which is no error
 * code): a read turns it into end of stream before it is ever thrown.
 */
export declare const WINDOWS_ERRORS: Readonly<Record<number, WindowsError>>;
