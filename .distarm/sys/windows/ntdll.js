/**
 * The ntdll symbol table: the NT native calls behind the AFD poll strategy,
 * with each C prototype beside it. Handles and pointers are `isize`
 * (numbers); results are NTSTATUS values (`i32`: failures are negative).
 *
 * @module
 */
import { ffi } from "../ffi/load.js";
const NTDLL_SYMBOLS = {
    NtCreateFile: {
        c: "NTSTATUS NtCreateFile(PHANDLE FileHandle, ACCESS_MASK DesiredAccess, " +
            "POBJECT_ATTRIBUTES ObjectAttributes, PIO_STATUS_BLOCK IoStatusBlock, PLARGE_INTEGER AllocationSize, " +
            "ULONG FileAttributes, ULONG ShareAccess, ULONG CreateDisposition, ULONG CreateOptions, " +
            "PVOID EaBuffer, ULONG EaLength)",
        args: ["isize", "u32", "isize", "isize", "isize", "u32", "u32", "u32", "u32", "isize", "u32"],
        result: "i32",
    },
    NtDeviceIoControlFile: {
        c: "NTSTATUS NtDeviceIoControlFile(HANDLE FileHandle, HANDLE Event, PIO_APC_ROUTINE ApcRoutine, " +
            "PVOID ApcContext, PIO_STATUS_BLOCK IoStatusBlock, ULONG IoControlCode, PVOID InputBuffer, " +
            "ULONG InputBufferLength, PVOID OutputBuffer, ULONG OutputBufferLength)",
        args: ["isize", "isize", "isize", "isize", "isize", "u32", "isize", "u32", "isize", "u32"],
        result: "i32",
    },
    NtCancelIoFileEx: {
        c: "NTSTATUS NtCancelIoFileEx(HANDLE FileHandle, PIO_STATUS_BLOCK IoRequestToCancel, " +
            "PIO_STATUS_BLOCK IoStatusBlock)",
        args: ["isize", "isize", "isize"],
        result: "i32",
    },
    RtlNtStatusToDosError: {
        c: "ULONG RtlNtStatusToDosError(NTSTATUS Status)",
        args: ["i32"],
        result: "u32",
    },
};
/** The bound ntdll functions. */
export const ntdll = ffi.open("ntdll.dll", NTDLL_SYMBOLS);
/** `STATUS_SUCCESS` */
export const STATUS_SUCCESS = 0;
/** `STATUS_PENDING`: the operation goes on; its completion is queued to the port. */
export const STATUS_PENDING = 0x103;
/** `STATUS_CANCELLED` (0xC0000120), as the signed NTSTATUS the kernel writes. */
export const STATUS_CANCELLED = 0xc0000120 | 0;
/** `STATUS_NOT_FOUND` (0xC0000225): nothing to cancel (the operation completed already). */
export const STATUS_NOT_FOUND = 0xc0000225 | 0;
