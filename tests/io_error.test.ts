// errno → IoError mapping (unit): code, kind, errno, syscall and message.
import { test } from "node:test";
import assert from "node:assert/strict";
import { IoError } from "../mod.ts";
import { kindOfCode } from "../src/io_error.ts";
import { LINUX_ERRNO, osError } from "../sys/unix/tables_linux.ts";

const EXPECTED_KINDS: Record<string, string> = {
  ECONNREFUSED: "ConnectionRefused",
  ECONNRESET: "ConnectionReset",
  ECONNABORTED: "ConnectionAborted",
  EPIPE: "BrokenPipe",
  EADDRINUSE: "AddrInUse",
  EADDRNOTAVAIL: "AddrNotAvailable",
  ENOTCONN: "NotConnected",
  EEXIST: "AlreadyExists",
  ENOENT: "NotFound",
  EACCES: "PermissionDenied",
  EPERM: "PermissionDenied",
  EINVAL: "InvalidInput",
  ETIMEDOUT: "TimedOut",
  EINTR: "Interrupted",
  EAGAIN: "WouldBlock",
  EHOSTUNREACH: "HostUnreachable",
  ENETUNREACH: "NetworkUnreachable",
  EINPROGRESS: "InProgress",
  EBADF: "BadResource",
  EMFILE: "Other",
};

test("every errno code maps to mio's ErrorKind as Rust std does", () => {
  for (const [code, kind] of Object.entries(EXPECTED_KINDS)) assert.equal(kindOfCode(code), kind, code);
  assert.equal(kindOfCode("ESOMETHINGNEW"), "Other");
});

test("osError carries code, errno, syscall and a message naming them", () => {
  const e = osError(111, "connect", "127.0.0.1:1");
  assert.ok(e instanceof IoError);
  assert.ok(e instanceof Error);
  assert.equal(e.name, "IoError");
  assert.equal(e.kind, "ConnectionRefused");
  assert.equal(e.code, "ECONNREFUSED");
  assert.equal(e.errno, 111);
  assert.equal(e.syscall, "connect");
  assert.equal(e.message, "connect 127.0.0.1:1: connection refused (ECONNREFUSED)");
});

test("every errno in the Linux table has a distinct code and a message", () => {
  const codes = new Set<string>();
  for (const [num, [code, message]] of Object.entries(LINUX_ERRNO)) {
    assert.equal(osError(Number(num), "read").code, code);
    assert.ok(message.length > 0);
    assert.ok(!codes.has(code), `duplicate ${code}`);
    codes.add(code);
  }
});

test("an unknown errno still gives a usable error", () => {
  const e = osError(4000, "read");
  assert.equal(e.code, "E4000");
  assert.equal(e.kind, "Other");
  assert.equal(e.errno, 4000);
  assert.match(e.message, /read: OS error 4000/);
});
