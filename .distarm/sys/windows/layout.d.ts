/**
 * The Windows structs the IOCP selector and overlapped I/O use, declared as
 * data (x86_64 and aarch64 Windows: both LLP64, same sizes and offsets).
 * Code reads offsets and sizes from here; tests/windows_layout.test.ts pins
 * them to the documented values.
 *
 * @module
 */
import type { Struct } from "../layout.ts";
/** `OVERLAPPED_ENTRY`: one completion dequeued by `GetQueuedCompletionStatusEx`. */
export declare const OVERLAPPED_ENTRY: Struct;
/** `IO_STATUS_BLOCK`: where the kernel writes an NT operation's status and byte count. */
export declare const IO_STATUS_BLOCK: Struct;
/** `AFD_POLL_INFO` with one `AFD_POLL_HANDLE_INFO`: the in/out buffer of `IOCTL_AFD_POLL`. */
export declare const AFD_POLL_INFO: Struct;
/** `UNICODE_STRING`: a counted UTF-16 string (lengths in bytes). */
export declare const UNICODE_STRING: Struct;
/** `OBJECT_ATTRIBUTES`: names the object `NtCreateFile` opens. */
export declare const OBJECT_ATTRIBUTES: Struct;
/** `OVERLAPPED`: an overlapped operation's state (named pipes); `Internal` holds its NTSTATUS. */
export declare const OVERLAPPED: Struct;
