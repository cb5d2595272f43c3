/** The bound kernel32 functions. */
export declare const kernel32: import("../ffi/ffi.ts").Bound<{
    readonly CreateIoCompletionPort: {
        readonly c: string;
        readonly args: readonly ["isize", "isize", "isize", "u32"];
        readonly result: "isize";
    };
    readonly GetQueuedCompletionStatusEx: {
        readonly c: string;
        readonly args: readonly ["isize", "buffer", "u32", "buffer", "u32", "i32"];
        readonly result: "i32";
    };
    readonly PostQueuedCompletionStatus: {
        readonly c: string;
        readonly args: readonly ["isize", "u32", "isize", "isize"];
        readonly result: "i32";
    };
    readonly SetFileCompletionNotificationModes: {
        readonly c: "BOOL SetFileCompletionNotificationModes(HANDLE FileHandle, UCHAR Flags)";
        readonly args: readonly ["isize", "u32"];
        readonly result: "i32";
    };
    readonly CloseHandle: {
        readonly c: "BOOL CloseHandle(HANDLE hObject)";
        readonly args: readonly ["isize"];
        readonly result: "i32";
    };
    readonly GetLastError: {
        readonly c: "DWORD GetLastError(void)";
        readonly args: readonly [];
        readonly result: "u32";
    };
    readonly GetProcessHeap: {
        readonly c: "HANDLE GetProcessHeap(void)";
        readonly args: readonly [];
        readonly result: "isize";
    };
    readonly HeapAlloc: {
        readonly c: "LPVOID HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes)";
        readonly args: readonly ["isize", "u32", "usize"];
        readonly result: "isize";
    };
    readonly HeapFree: {
        readonly c: "BOOL HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem)";
        readonly args: readonly ["isize", "u32", "isize"];
        readonly result: "i32";
    };
}>;
/** `HEAP_ZERO_MEMORY`: HeapAlloc returns zeroed memory. */
export declare const HEAP_ZERO_MEMORY = 8;
/** `INVALID_HANDLE_VALUE`, as an `isize` number. */
export declare const INVALID_HANDLE_VALUE = -1;
/** `FILE_SKIP_SET_EVENT_ON_HANDLE`: completions do not signal the handle itself. */
export declare const FILE_SKIP_SET_EVENT_ON_HANDLE = 2;
/** `WAIT_TIMEOUT`: GetQueuedCompletionStatusEx's error when the wait timed out. */
export declare const WAIT_TIMEOUT = 258;
/** `INFINITE`: wait without a time limit. */
export declare const INFINITE = 4294967295;
