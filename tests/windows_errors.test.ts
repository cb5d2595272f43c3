// Windows error numbers → IoError (unit; runs on every OS: the table and
// osError are plain data and code): code as Node names it, kind as Rust
// std's decode_error_kind for Windows (else the kind of the code), errno,
// syscall and message.
import { test } from "node:test";
import assert from "node:assert/strict";
import { IoError } from "../mod.ts";
import { kindOfCode } from "../src/io_error.ts";
import { osError, WINDOWS_ERRORS } from "../sys/windows/errno_windows.ts";

/**
 * Rust std's decode_error_kind (library/std/src/sys/pal/windows/mod.rs),
 * copied as data for the errors mio-ts lists: number → kind.
 * ERROR_INVALID_NAME (std: InvalidFilename, a kind mio-ts lacks) is
 * InvalidInput.
 */
const STD_KINDS: Record<number, string> = {
  5: "PermissionDenied", // ERROR_ACCESS_DENIED
  183: "AlreadyExists", // ERROR_ALREADY_EXISTS
  80: "AlreadyExists", // ERROR_FILE_EXISTS
  109: "BrokenPipe", // ERROR_BROKEN_PIPE
  2: "NotFound", // ERROR_FILE_NOT_FOUND
  3: "NotFound", // ERROR_PATH_NOT_FOUND
  232: "BrokenPipe", // ERROR_NO_DATA
  123: "InvalidInput", // ERROR_INVALID_NAME
  87: "InvalidInput", // ERROR_INVALID_PARAMETER
  8: "OutOfMemory", // ERROR_NOT_ENOUGH_MEMORY
  14: "OutOfMemory", // ERROR_OUTOFMEMORY
  121: "TimedOut", // ERROR_SEM_TIMEOUT
  258: "TimedOut", // WAIT_TIMEOUT
  995: "TimedOut", // ERROR_OPERATION_ABORTED (std files it with the timeouts)
  120: "Unsupported", // ERROR_CALL_NOT_IMPLEMENTED
  10013: "PermissionDenied", // WSAEACCES
  10048: "AddrInUse", // WSAEADDRINUSE
  10049: "AddrNotAvailable", // WSAEADDRNOTAVAIL
  10053: "ConnectionAborted", // WSAECONNABORTED
  10061: "ConnectionRefused", // WSAECONNREFUSED
  10054: "ConnectionReset", // WSAECONNRESET
  10022: "InvalidInput", // WSAEINVAL
  10057: "NotConnected", // WSAENOTCONN
  10035: "WouldBlock", // WSAEWOULDBLOCK
  10060: "TimedOut", // WSAETIMEDOUT
  10065: "HostUnreachable", // WSAEHOSTUNREACH
  10050: "NetworkDown", // WSAENETDOWN
  10051: "NetworkUnreachable", // WSAENETUNREACH
};

test("the errors std categorizes get std's kind", () => {
  for (const [errno, kind] of Object.entries(STD_KINDS)) {
    const e = osError(Number(errno), "call");
    assert.equal(e.kind, kind, `${WINDOWS_ERRORS[Number(errno)]?.[0] ?? errno}: ${e.message}`);
  }
});

test("the errors std leaves uncategorized get the kind of their code", () => {
  let checked = 0;
  for (const [errno, [name, code, , stdKind]] of Object.entries(WINDOWS_ERRORS)) {
    assert.equal(
      stdKind !== undefined,
      Number(errno) in STD_KINDS,
      `${name}: std's kind is listed iff std maps it`,
    );
    if (stdKind !== undefined) continue;
    assert.equal(osError(Number(errno), "call").kind, kindOfCode(code), name);
    checked++;
  }
  assert.ok(checked > 20);
});

test("the errors mio-ts meets on Windows: code, kind and errno as the API promises", () => {
  const cases: [number, string, string][] = [
    [10061, "ECONNREFUSED", "ConnectionRefused"], // WSAECONNREFUSED
    [10035, "EAGAIN", "WouldBlock"], // WSAEWOULDBLOCK
    [10048, "EADDRINUSE", "AddrInUse"], // WSAEADDRINUSE
    [10049, "EADDRNOTAVAIL", "AddrNotAvailable"], // WSAEADDRNOTAVAIL
    [10054, "ECONNRESET", "ConnectionReset"], // WSAECONNRESET
    [10053, "ECONNABORTED", "ConnectionAborted"], // WSAECONNABORTED
    [10057, "ENOTCONN", "NotConnected"], // WSAENOTCONN
    [10058, "EPIPE", "BrokenPipe"], // WSAESHUTDOWN: a write after shutdown("write")
    [10040, "EMSGSIZE", "Other"], // WSAEMSGSIZE
    [10047, "EAFNOSUPPORT", "Other"], // WSAEAFNOSUPPORT
    [10045, "EOPNOTSUPP", "Unsupported"], // WSAEOPNOTSUPP
    [10004, "EINTR", "Interrupted"], // WSAEINTR
    [109, "EPIPE", "BrokenPipe"], // ERROR_BROKEN_PIPE
    [232, "EPIPE", "BrokenPipe"], // ERROR_NO_DATA
    [231, "EBUSY", "ResourceBusy"], // ERROR_PIPE_BUSY
    [2, "ENOENT", "NotFound"], // ERROR_FILE_NOT_FOUND
    [5, "EPERM", "PermissionDenied"], // ERROR_ACCESS_DENIED
    [6, "EBADF", "BadResource"], // ERROR_INVALID_HANDLE
  ];
  for (const [errno, code, kind] of cases) {
    const e = osError(errno, "send", "127.0.0.1:80");
    assert.ok(e instanceof IoError);
    assert.equal(e.errno, errno);
    assert.equal(e.code, code, e.message);
    assert.equal(osError(errno, "send").code, code);
    assert.equal(e.kind, kind, e.message);
    assert.equal(e.syscall, "send");
    assert.ok(e.message.startsWith("send 127.0.0.1:80: "), e.message);
    assert.ok(e.message.includes(`${WINDOWS_ERRORS[errno][0]} ${errno}`), e.message);
  }
});

test("an unknown error number is Other, named E<number>", () => {
  const e = osError(123456, "WSAIoctl");
  assert.equal(e.kind, "Other");
  assert.equal(e.code, "E123456");
  assert.equal(e.errno, 123456);
  assert.equal(osError(123456, "WSAIoctl").code, "E123456");
  assert.equal(e.message, "WSAIoctl: OS error 123456");
});

test("the table is well formed: C names unique, codes as Node names them or the C name", () => {
  const names = new Set<string>();
  for (const [errno, [name, code, message]] of Object.entries(WINDOWS_ERRORS)) {
    assert.ok(Number(errno) > 0 && Number.isInteger(Number(errno)), name);
    assert.ok(/^(ERROR|WSA|WAIT)_?[A-Z0-9_]+$/.test(name), name);
    assert.ok(!names.has(name), `${name} twice`);
    names.add(name);
    assert.ok(/^E[A-Z0-9]+$/.test(code) || code === name, `${name}: code ${code}`);
    assert.ok(message.length > 0 && message === message.trim(), name);
    // Winsock errors are WSABASEERR (10000) + n; Win32 errors are below 10000.
    assert.equal(name.startsWith("WSA"), Number(errno) >= 10000, name);
  }
});
