/**
 * The Windows structs the IOCP selector and overlapped I/O use, declared as
 * data (x86_64 and aarch64 Windows: both LLP64, same sizes and offsets).
 * Code reads offsets and sizes from here; tests/windows_layout.test.ts pins
 * them to the documented values.
 *
 * @module
 */
import type { Field, Struct } from "../layout.ts";

const f = (c: string, offset: number, size: number): Field => ({ c, offset, size });

/** `OVERLAPPED_ENTRY`: one completion dequeued by `GetQueuedCompletionStatusEx`. */
export const OVERLAPPED_ENTRY: Struct<"key" | "overlapped" | "internal" | "bytes"> = {
  c: "OVERLAPPED_ENTRY",
  size: 32,
  fields: {
    key: f("lpCompletionKey", 0, 8),
    overlapped: f("lpOverlapped", 8, 8),
    /** The operation's NTSTATUS (the kernel copies its IO_STATUS_BLOCK.Status here). */
    internal: f("Internal", 16, 8),
    bytes: f("dwNumberOfBytesTransferred", 24, 4),
  },
};

/** `IO_STATUS_BLOCK`: where the kernel writes an NT operation's status and byte count. */
export const IO_STATUS_BLOCK: Struct<"status" | "information"> = {
  c: "IO_STATUS_BLOCK",
  size: 16,
  fields: {
    status: f("Status", 0, 4),
    information: f("Information", 8, 8),
  },
};

/** `AFD_POLL_INFO` with one `AFD_POLL_HANDLE_INFO`: the in/out buffer of `IOCTL_AFD_POLL`. */
export const AFD_POLL_INFO: Struct<
  "timeout" | "numberOfHandles" | "exclusive" | "handle" | "events" | "status"
> = {
  c: "AFD_POLL_INFO",
  size: 32,
  fields: {
    timeout: f("Timeout", 0, 8),
    numberOfHandles: f("NumberOfHandles", 8, 4),
    exclusive: f("Exclusive", 12, 4),
    handle: f("Handles[0].Handle", 16, 8),
    events: f("Handles[0].Events", 24, 4),
    status: f("Handles[0].Status", 28, 4),
  },
};

/** `UNICODE_STRING`: a counted UTF-16 string (lengths in bytes). */
export const UNICODE_STRING: Struct<"length" | "maximumLength" | "buffer"> = {
  c: "UNICODE_STRING",
  size: 16,
  fields: {
    length: f("Length", 0, 2),
    maximumLength: f("MaximumLength", 2, 2),
    buffer: f("Buffer", 8, 8),
  },
};

/** `OBJECT_ATTRIBUTES`: names the object `NtCreateFile` opens. */
export const OBJECT_ATTRIBUTES: Struct<
  | "length"
  | "rootDirectory"
  | "objectName"
  | "attributes"
  | "securityDescriptor"
  | "securityQualityOfService"
> = {
  c: "OBJECT_ATTRIBUTES",
  size: 48,
  fields: {
    length: f("Length", 0, 4),
    rootDirectory: f("RootDirectory", 8, 8),
    objectName: f("ObjectName", 16, 8),
    attributes: f("Attributes", 24, 4),
    securityDescriptor: f("SecurityDescriptor", 32, 8),
    securityQualityOfService: f("SecurityQualityOfService", 40, 8),
  },
};

/** `OVERLAPPED`: an overlapped operation's state (named pipes); `Internal` holds its NTSTATUS. */
export const OVERLAPPED: Struct<"internal" | "internalHigh" | "offset" | "offsetHigh" | "event"> = {
  c: "OVERLAPPED",
  size: 32,
  fields: {
    internal: f("Internal", 0, 8),
    internalHigh: f("InternalHigh", 8, 8),
    offset: f("Offset", 16, 4),
    offsetHigh: f("OffsetHigh", 20, 4),
    event: f("hEvent", 24, 8),
  },
};
