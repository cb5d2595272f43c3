/**
 * A socket's base handle (mio's `get_base_socket`): AFD polls the base
 * provider's socket, not a handle a layered service provider (LSP) may
 * have wrapped around it.
 *
 * @module
 */
import { ffi } from "../ffi/load.ts";
import type { SymbolTable } from "../ffi/ffi.ts";
import { osError } from "./errno_windows.ts";

const WS2_32_SYMBOLS = {
  WSAIoctl: {
    c: "int WSAIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer, " +
      "LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned, LPWSAOVERLAPPED lpOverlapped, " +
      "LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)",
    args: ["isize", "u32", "isize", "u32", "buffer", "u32", "buffer", "isize", "isize"],
    result: "i32",
  },
  WSAGetLastError: { c: "int WSAGetLastError(void)", args: [], result: "i32" },
} as const satisfies SymbolTable;

const ws2 = ffi.open("ws2_32.dll", WS2_32_SYMBOLS);

/** `SIO_BASE_HANDLE` */
const SIO_BASE_HANDLE = 0x4800_0022;
/** The ioctls mio tries when an LSP breaks `SIO_BASE_HANDLE`, most appropriate first. */
const SIO_BSP_HANDLES = [0x4800_001c, 0x4800_001d, 0x4800_001b]; // _SELECT, _POLL, plain

const out = new Uint32Array(2);
const returned = new Uint32Array(1);

function tryBaseSocket(socket: number, ioctl: number): number {
  out[0] = out[1] = 0;
  if (ws2.WSAIoctl(socket, ioctl, 0, 0, out, 8, returned, 0, 0) !== 0) return -1;
  return out[0] + out[1] * 0x1_0000_0000;
}

/**
 * The base handle of `socket`.
 *
 * @throws `IoError` (e.g. `WSAENOTSOCK` for something that is not a socket).
 */
export function baseSocket(socket: number): number {
  const base = tryBaseSocket(socket, SIO_BASE_HANDLE);
  if (base !== -1) return base;
  const error = ws2.WSAGetLastError();
  // Only an LSP makes SIO_BASE_HANDLE fail on a real socket: accept another answer only if it differs.
  for (const ioctl of SIO_BSP_HANDLES) {
    const other = tryBaseSocket(socket, ioctl);
    if (other !== -1 && other !== socket) return other;
  }
  throw osError(error, "WSAIoctl(SIO_BASE_HANDLE)");
}
