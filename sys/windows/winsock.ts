/**
 * The ws2_32 symbol table: every Winsock function mio-ts calls, with its C
 * prototype beside it. A SOCKET is an `isize` (INVALID_SOCKET reads as -1);
 * lengths are `int`. `WSAStartup` runs once, when this module loads.
 *
 * @module
 */
import { ffi } from "../ffi/load.ts";
import type { SymbolTable } from "../ffi/ffi.ts";
import { WOULD_BLOCK } from "../contract.ts";
import { osError } from "./errno_windows.ts";
import { WINSOCK as W } from "./winsock_constants.ts";

/** The largest byte count passed to one `recv`/`send`: their lengths and results are `int`. */
export const MAX_IO = 0x7fffffff;

const WS2_32_SYMBOLS = {
  WSAStartup: {
    c: "int WSAStartup(WORD wVersionRequested, LPWSADATA lpWSAData)",
    args: ["u32", "buffer"],
    result: "i32",
  },
  WSAGetLastError: { c: "int WSAGetLastError(void)", args: [], result: "i32" },
  WSASocketW: {
    c: "SOCKET WSASocketW(int af, int type, int protocol, LPWSAPROTOCOL_INFOW lpProtocolInfo, GROUP g, " +
      "DWORD dwFlags)",
    args: ["i32", "i32", "i32", "isize", "u32", "u32"],
    result: "isize",
  },
  WSAIoctl: {
    c: "int WSAIoctl(SOCKET s, DWORD dwIoControlCode, LPVOID lpvInBuffer, DWORD cbInBuffer, " +
      "LPVOID lpvOutBuffer, DWORD cbOutBuffer, LPDWORD lpcbBytesReturned, LPWSAOVERLAPPED lpOverlapped, " +
      "LPWSAOVERLAPPED_COMPLETION_ROUTINE lpCompletionRoutine)",
    args: ["isize", "u32", "buffer", "u32", "buffer", "u32", "buffer", "isize", "isize"],
    result: "i32",
  },
  ioctlsocket: {
    c: "int ioctlsocket(SOCKET s, long cmd, u_long *argp)",
    args: ["isize", "i32", "buffer"],
    result: "i32",
  },
  closesocket: { c: "int closesocket(SOCKET s)", args: ["isize"], result: "i32" },
  bind: {
    c: "int bind(SOCKET s, const struct sockaddr *name, int namelen)",
    args: ["isize", "buffer", "i32"],
    result: "i32",
  },
  listen: { c: "int listen(SOCKET s, int backlog)", args: ["isize", "i32"], result: "i32" },
  accept: {
    c: "SOCKET accept(SOCKET s, struct sockaddr *addr, int *addrlen)",
    args: ["isize", "buffer", "buffer"],
    result: "isize",
  },
  connect: {
    c: "int connect(SOCKET s, const struct sockaddr *name, int namelen)",
    args: ["isize", "buffer", "i32"],
    result: "i32",
  },
  recv: {
    c: "int recv(SOCKET s, char *buf, int len, int flags)",
    args: ["isize", "buffer", "i32", "i32"],
    result: "i32",
  },
  send: {
    c: "int send(SOCKET s, const char *buf, int len, int flags)",
    args: ["isize", "buffer", "i32", "i32"],
    result: "i32",
  },
  recvfrom: {
    c: "int recvfrom(SOCKET s, char *buf, int len, int flags, struct sockaddr *from, int *fromlen)",
    args: ["isize", "buffer", "i32", "i32", "buffer", "buffer"],
    result: "i32",
  },
  sendto: {
    c: "int sendto(SOCKET s, const char *buf, int len, int flags, const struct sockaddr *to, int tolen)",
    args: ["isize", "buffer", "i32", "i32", "buffer", "i32"],
    result: "i32",
  },
  getsockname: {
    c: "int getsockname(SOCKET s, struct sockaddr *name, int *namelen)",
    args: ["isize", "buffer", "buffer"],
    result: "i32",
  },
  getpeername: {
    c: "int getpeername(SOCKET s, struct sockaddr *name, int *namelen)",
    args: ["isize", "buffer", "buffer"],
    result: "i32",
  },
  getsockopt: {
    c: "int getsockopt(SOCKET s, int level, int optname, char *optval, int *optlen)",
    args: ["isize", "i32", "i32", "buffer", "buffer"],
    result: "i32",
  },
  setsockopt: {
    c: "int setsockopt(SOCKET s, int level, int optname, const char *optval, int optlen)",
    args: ["isize", "i32", "i32", "buffer", "i32"],
    result: "i32",
  },
  shutdown: { c: "int shutdown(SOCKET s, int how)", args: ["isize", "i32"], result: "i32" },
} as const satisfies SymbolTable;

/** `WSAEWOULDBLOCK`: the non-blocking call could not complete now. */
export const WSAEWOULDBLOCK = 10035;
/** `WSAEMSGSIZE`: a datagram was longer than the buffer (it was truncated). */
export const WSAEMSGSIZE = 10040;
/** `WSAESHUTDOWN`: the direction was shut down; a `recv` then means end of stream. */
export const WSAESHUTDOWN = 10058;
/** `WSAEAFNOSUPPORT`: an address of another family. */
export const WSAEAFNOSUPPORT = 10047;

/** The bound Winsock functions. */
export const ws2 = ffi.open("ws2_32.dll", WS2_32_SYMBOLS);

/** The kernel32 function sockets need: making an accepted socket non-inheritable. */
export const socketHandleApi = ffi.open(
  "kernel32.dll",
  {
    SetHandleInformation: {
      c: "BOOL SetHandleInformation(HANDLE hObject, DWORD dwMask, DWORD dwFlags)",
      args: ["isize", "u32", "u32"],
      result: "i32",
    },
  } as const satisfies SymbolTable,
);

/** `HANDLE_FLAG_INHERIT`: child processes inherit the handle. */
export const HANDLE_FLAG_INHERIT = 0x1;

/** The calling thread's last Winsock error; read it at once after a call failed. */
export const lastError: () => number = ws2.WSAGetLastError;

// Winsock 2.2, once per process (each WSAStartup needs a WSACleanup; this one lasts until exit).
{
  const wsaData = new Uint8Array(512); // WSADATA: 408 bytes on 64-bit Windows
  const err = ws2.WSAStartup(W.WINSOCK_VERSION_2_2, wsaData);
  if (err !== 0) throw osError(err, "WSAStartup");
}

/**
 * The answer for a hot call that returned `n`: `n` itself when
 * non-negative, `WOULD_BLOCK` for `WSAEWOULDBLOCK`, else a thrown `IoError`
 * naming `syscall`. Call at once after the call, before the error changes.
 * (Winsock has no `EINTR` to retry on a non-blocking socket.)
 */
export function wsaResult(n: number, syscall: string): number {
  if (n >= 0) return n;
  const e = lastError();
  if (e === WSAEWOULDBLOCK) return WOULD_BLOCK;
  throw osError(e, syscall);
}
