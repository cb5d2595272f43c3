/** The bound kernel32 named-pipe functions. */
export declare const pipeApi: import("../ffi/ffi.ts").Bound<{
    readonly CreateNamedPipeW: {
        readonly c: string;
        readonly args: readonly ["buffer", "u32", "u32", "u32", "u32", "u32", "u32", "isize"];
        readonly result: "isize";
    };
    readonly CreateFileW: {
        readonly c: string;
        readonly args: readonly ["buffer", "u32", "u32", "isize", "u32", "u32", "isize"];
        readonly result: "isize";
    };
    readonly ConnectNamedPipe: {
        readonly c: "BOOL ConnectNamedPipe(HANDLE hNamedPipe, LPOVERLAPPED lpOverlapped)";
        readonly args: readonly ["isize", "isize"];
        readonly result: "i32";
    };
    readonly DisconnectNamedPipe: {
        readonly c: "BOOL DisconnectNamedPipe(HANDLE hNamedPipe)";
        readonly args: readonly ["isize"];
        readonly result: "i32";
    };
    readonly ReadFile: {
        readonly c: string;
        readonly args: readonly ["isize", "isize", "u32", "isize", "isize"];
        readonly result: "i32";
    };
    readonly WriteFile: {
        readonly c: string;
        readonly args: readonly ["isize", "isize", "u32", "isize", "isize"];
        readonly result: "i32";
    };
    readonly CancelIoEx: {
        readonly c: "BOOL CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped)";
        readonly args: readonly ["isize", "isize"];
        readonly result: "i32";
    };
    readonly RtlMoveMemory: {
        readonly c: "void RtlMoveMemory(void *Destination, const void *Source, SIZE_T Length)";
        readonly args: readonly ["buffer", "isize", "usize"];
        readonly result: "void";
    };
}>;
/** ntdll's `memcpy`, declared to copy from a typed array into native memory. */
export declare const copyIn: import("../ffi/ffi.ts").NativeFunction;
/** `PIPE_ACCESS_DUPLEX`: the server end reads and writes. */
export declare const PIPE_ACCESS_DUPLEX = 3;
/** `FILE_FLAG_FIRST_PIPE_INSTANCE`: fail if the pipe name exists already. */
export declare const FILE_FLAG_FIRST_PIPE_INSTANCE = 524288;
/** `FILE_FLAG_OVERLAPPED`: operations are asynchronous and complete on the port. */
export declare const FILE_FLAG_OVERLAPPED = 1073741824;
/** `PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT`: a byte stream. */
export declare const PIPE_TYPE_BYTE = 0;
/** `PIPE_UNLIMITED_INSTANCES` */
export declare const PIPE_UNLIMITED_INSTANCES = 255;
/** `GENERIC_READ | GENERIC_WRITE` */
export declare const GENERIC_READ_WRITE = 3221225472;
/** `OPEN_EXISTING` */
export declare const OPEN_EXISTING = 3;
/**
 * `SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION`: the server may learn
 * who the client is but not act as it (tokio's default for clients).
 */
export declare const SECURITY_IDENTIFICATION_ONLY: number;
/** `ERROR_BROKEN_PIPE`: the other end closed; a read then means end of stream. */
export declare const ERROR_BROKEN_PIPE = 109;
/** `ERROR_NO_DATA`: the pipe is being closed (a client connected and left already). */
export declare const ERROR_NO_DATA = 232;
/** `ERROR_MORE_DATA`: a read filled the buffer and more of the message waits. */
export declare const ERROR_MORE_DATA = 234;
/** `ERROR_PIPE_CONNECTED`: a client connected before `ConnectNamedPipe`. */
export declare const ERROR_PIPE_CONNECTED = 535;
/** `ERROR_PIPE_LISTENING`: no client yet; the server end waits for a connect. */
export declare const ERROR_PIPE_LISTENING = 536;
/** `ERROR_IO_PENDING`: the overlapped operation goes on; its completion comes to the port. */
export declare const ERROR_IO_PENDING = 997;
