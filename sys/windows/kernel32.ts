/**
 * The kernel32 symbol table: every kernel32.dll function mio-ts calls on
 * Windows, with its C prototype beside it. HANDLEs, ULONG_PTRs and pointers
 * passed as addresses are `isize` (numbers; INVALID_HANDLE_VALUE is -1).
 *
 * @module
 */
import { ffi } from "../ffi/load.ts";
import type { SymbolTable } from "../ffi/ffi.ts";

const KERNEL32_SYMBOLS = {
  CreateIoCompletionPort: {
    c: "HANDLE CreateIoCompletionPort(HANDLE FileHandle, HANDLE ExistingCompletionPort, " +
      "ULONG_PTR CompletionKey, DWORD NumberOfConcurrentThreads)",
    args: ["isize", "isize", "isize", "u32"],
    result: "isize",
  },
  GetQueuedCompletionStatusEx: {
    c: "BOOL GetQueuedCompletionStatusEx(HANDLE CompletionPort, LPOVERLAPPED_ENTRY lpCompletionPortEntries, " +
      "ULONG ulCount, PULONG ulNumEntriesRemoved, DWORD dwMilliseconds, BOOL fAlertable)",
    args: ["isize", "buffer", "u32", "buffer", "u32", "i32"],
    result: "i32",
  },
  PostQueuedCompletionStatus: {
    c: "BOOL PostQueuedCompletionStatus(HANDLE CompletionPort, DWORD dwNumberOfBytesTransferred, " +
      "ULONG_PTR dwCompletionKey, LPOVERLAPPED lpOverlapped)",
    args: ["isize", "u32", "isize", "isize"],
    result: "i32",
  },
  SetFileCompletionNotificationModes: {
    c: "BOOL SetFileCompletionNotificationModes(HANDLE FileHandle, UCHAR Flags)",
    args: ["isize", "u32"],
    result: "i32",
  },
  CloseHandle: { c: "BOOL CloseHandle(HANDLE hObject)", args: ["isize"], result: "i32" },
  GetLastError: { c: "DWORD GetLastError(void)", args: [], result: "u32" },
  GetTickCount: { c: "DWORD GetTickCount(void)", args: [], result: "u32" },
  GetProcessHeap: { c: "HANDLE GetProcessHeap(void)", args: [], result: "isize" },
  HeapAlloc: {
    c: "LPVOID HeapAlloc(HANDLE hHeap, DWORD dwFlags, SIZE_T dwBytes)",
    args: ["isize", "u32", "usize"],
    result: "isize",
  },
  HeapFree: {
    c: "BOOL HeapFree(HANDLE hHeap, DWORD dwFlags, LPVOID lpMem)",
    args: ["isize", "u32", "isize"],
    result: "i32",
  },
  FlsAlloc: {
    c: "DWORD FlsAlloc(PFLS_CALLBACK_FUNCTION lpCallback)",
    args: ["isize"],
    result: "u32",
  },
  FlsSetValue: {
    c: "BOOL FlsSetValue(DWORD dwFlsIndex, PVOID lpFlsData)",
    args: ["u32", "isize"],
    result: "i32",
  },
  FlsFree: { c: "BOOL FlsFree(DWORD dwFlsIndex)", args: ["u32"], result: "i32" },
  LoadLibraryA: { c: "HMODULE LoadLibraryA(LPCSTR lpLibFileName)", args: ["buffer"], result: "isize" },
  GetProcAddress: {
    c: "FARPROC GetProcAddress(HMODULE hModule, LPCSTR lpProcName)",
    args: ["isize", "buffer"],
    result: "isize",
  },
} as const satisfies SymbolTable;

/** The bound kernel32 functions. */
export const kernel32 = ffi.open("kernel32.dll", KERNEL32_SYMBOLS);

/** `HEAP_ZERO_MEMORY`: HeapAlloc returns zeroed memory. */
export const HEAP_ZERO_MEMORY = 0x0000_0008;
/** `INVALID_HANDLE_VALUE`, as an `isize` number. */
export const INVALID_HANDLE_VALUE = -1;
/** `FILE_SKIP_SET_EVENT_ON_HANDLE`: completions do not signal the handle itself. */
export const FILE_SKIP_SET_EVENT_ON_HANDLE = 0x2;
/** `WAIT_TIMEOUT`: GetQueuedCompletionStatusEx's error when the wait timed out. */
export const WAIT_TIMEOUT = 258;
/** `INFINITE`: wait without a time limit. */
export const INFINITE = 0xffff_ffff;
