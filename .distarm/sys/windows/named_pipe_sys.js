/**
 * The kernel32 (and two ntdll) functions behind named pipes, with each C
 * prototype beside it, and their constants. HANDLEs and addresses of
 * native memory are `isize`; `BOOL` results are `i32` (0: failed, see
 * `GetLastError`).
 *
 * @module
 */
import { ffi } from "../ffi/load.js";
const PIPE_SYMBOLS = {
    CreateNamedPipeW: {
        c: "HANDLE CreateNamedPipeW(LPCWSTR lpName, DWORD dwOpenMode, DWORD dwPipeMode, DWORD nMaxInstances, " +
            "DWORD nOutBufferSize, DWORD nInBufferSize, DWORD nDefaultTimeOut, LPSECURITY_ATTRIBUTES lpSecurityAttributes)",
        args: ["buffer", "u32", "u32", "u32", "u32", "u32", "u32", "isize"],
        result: "isize",
    },
    CreateFileW: {
        c: "HANDLE CreateFileW(LPCWSTR lpFileName, DWORD dwDesiredAccess, DWORD dwShareMode, " +
            "LPSECURITY_ATTRIBUTES lpSecurityAttributes, DWORD dwCreationDisposition, DWORD dwFlagsAndAttributes, " +
            "HANDLE hTemplateFile)",
        args: ["buffer", "u32", "u32", "isize", "u32", "u32", "isize"],
        result: "isize",
    },
    ConnectNamedPipe: {
        c: "BOOL ConnectNamedPipe(HANDLE hNamedPipe, LPOVERLAPPED lpOverlapped)",
        args: ["isize", "isize"],
        result: "i32",
    },
    DisconnectNamedPipe: { c: "BOOL DisconnectNamedPipe(HANDLE hNamedPipe)", args: ["isize"], result: "i32" },
    ReadFile: {
        c: "BOOL ReadFile(HANDLE hFile, LPVOID lpBuffer, DWORD nNumberOfBytesToRead, LPDWORD lpNumberOfBytesRead, " +
            "LPOVERLAPPED lpOverlapped)",
        args: ["isize", "isize", "u32", "isize", "isize"],
        result: "i32",
    },
    WriteFile: {
        c: "BOOL WriteFile(HANDLE hFile, LPCVOID lpBuffer, DWORD nNumberOfBytesToWrite, " +
            "LPDWORD lpNumberOfBytesWritten, LPOVERLAPPED lpOverlapped)",
        args: ["isize", "isize", "u32", "isize", "isize"],
        result: "i32",
    },
    CancelIoEx: {
        c: "BOOL CancelIoEx(HANDLE hFile, LPOVERLAPPED lpOverlapped)",
        args: ["isize", "isize"],
        result: "i32",
    },
    // Copies native memory out to a typed array (reads from the pipe's buffer).
    RtlMoveMemory: {
        c: "void RtlMoveMemory(void *Destination, const void *Source, SIZE_T Length)",
        args: ["buffer", "isize", "usize"],
        result: "void",
    },
};
const COPY_IN_SYMBOLS = {
    // Copies a typed array into native memory (writes to the pipe's buffer).
    memcpy: {
        c: "void *memcpy(void *dest, const void *src, size_t count)",
        args: ["isize", "buffer", "usize"],
        result: "isize",
    },
};
/** The bound kernel32 named-pipe functions. */
export const pipeApi = ffi.open("kernel32.dll", PIPE_SYMBOLS);
/** ntdll's `memcpy`, declared to copy from a typed array into native memory. */
export const copyIn = ffi.open("ntdll.dll", COPY_IN_SYMBOLS).memcpy;
/** `PIPE_ACCESS_DUPLEX`: the server end reads and writes. */
export const PIPE_ACCESS_DUPLEX = 0x0000_0003;
/** `FILE_FLAG_FIRST_PIPE_INSTANCE`: fail if the pipe name exists already. */
export const FILE_FLAG_FIRST_PIPE_INSTANCE = 0x0008_0000;
/** `FILE_FLAG_OVERLAPPED`: operations are asynchronous and complete on the port. */
export const FILE_FLAG_OVERLAPPED = 0x4000_0000;
/** `PIPE_TYPE_BYTE | PIPE_READMODE_BYTE | PIPE_WAIT`: a byte stream. */
export const PIPE_TYPE_BYTE = 0;
/** `PIPE_UNLIMITED_INSTANCES` */
export const PIPE_UNLIMITED_INSTANCES = 255;
/** `GENERIC_READ | GENERIC_WRITE` */
export const GENERIC_READ_WRITE = 0xc000_0000;
/** `OPEN_EXISTING` */
export const OPEN_EXISTING = 3;
/**
 * `SECURITY_SQOS_PRESENT | SECURITY_IDENTIFICATION`: the server may learn
 * who the client is but not act as it (tokio's default for clients).
 */
export const SECURITY_IDENTIFICATION_ONLY = 0x0010_0000 | 0x0001_0000;
/** `ERROR_BROKEN_PIPE`: the other end closed; a read then means end of stream. */
export const ERROR_BROKEN_PIPE = 109;
/** `ERROR_NO_DATA`: the pipe is being closed (a client connected and left already). */
export const ERROR_NO_DATA = 232;
/** `ERROR_MORE_DATA`: a read filled the buffer and more of the message waits. */
export const ERROR_MORE_DATA = 234;
/** `ERROR_PIPE_CONNECTED`: a client connected before `ConnectNamedPipe`. */
export const ERROR_PIPE_CONNECTED = 535;
/** `ERROR_PIPE_LISTENING`: no client yet; the server end waits for a connect. */
export const ERROR_PIPE_LISTENING = 536;
/** `ERROR_IO_PENDING`: the overlapped operation goes on; its completion comes to the port. */
export const ERROR_IO_PENDING = 997;
