/** The bound ntdll functions. */
export declare const ntdll: import("../ffi/ffi.ts").Bound<{
    readonly NtCreateFile: {
        readonly c: string;
        readonly args: readonly ["isize", "u32", "isize", "isize", "isize", "u32", "u32", "u32", "u32", "isize", "u32"];
        readonly result: "i32";
    };
    readonly NtDeviceIoControlFile: {
        readonly c: string;
        readonly args: readonly ["isize", "isize", "isize", "isize", "isize", "u32", "isize", "u32", "isize", "u32"];
        readonly result: "i32";
    };
    readonly NtCancelIoFileEx: {
        readonly c: string;
        readonly args: readonly ["isize", "isize", "isize"];
        readonly result: "i32";
    };
    readonly RtlNtStatusToDosError: {
        readonly c: "ULONG RtlNtStatusToDosError(NTSTATUS Status)";
        readonly args: readonly ["i32"];
        readonly result: "u32";
    };
}>;
/** `STATUS_SUCCESS` */
export declare const STATUS_SUCCESS = 0;
/** `STATUS_PENDING`: the operation goes on; its completion is queued to the port. */
export declare const STATUS_PENDING = 259;
/** `STATUS_CANCELLED` (0xC0000120), as the signed NTSTATUS the kernel writes. */
export declare const STATUS_CANCELLED: number;
/** `STATUS_NOT_FOUND` (0xC0000225): nothing to cancel (the operation completed already). */
export declare const STATUS_NOT_FOUND: number;
