// The FFI layer's pointer-sized integers (`isize`: HANDLE, SOCKET, addresses)
// and its views of native memory, the two things Windows' overlapped I/O
// needs: memory the kernel keeps writing after a call returned lives outside
// the JavaScript heap and is read in place.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ffi } from "../sys/ffi/load.js";
/** The C library with malloc/free/memset on this OS, and its 64-bit absolute value. */
const C_LIBRARY = ffi.os === "windows" ? "msvcrt.dll" : "libc.so.6";
const ABS64 = ffi.os === "windows" ? "_abs64" : "llabs";
const c = ffi.open(C_LIBRARY, {
    malloc: { c: "void *malloc(size_t size)", args: ["usize"], result: "isize" },
    free: { c: "void free(void *ptr)", args: ["isize"], result: "void" },
    memset: { c: "void *memset(void *s, int c, size_t n)", args: ["isize", "i32", "usize"], result: "isize" },
});
const abs64 = ffi.open(C_LIBRARY, {
    [ABS64]: {
        c: "long long llabs(long long n) / __int64 _abs64(__int64 n)",
        args: ["isize"],
        result: "isize",
    },
})[ABS64];
test("an isize result is a number, negative values included", () => {
    const address = c.malloc(64);
    try {
        assert.equal(typeof address, "number");
        assert.ok(address > 0);
        assert.equal(c.memset(address, 0, 64), address);
    }
    finally {
        c.free(address);
    }
});
test("isize parameters and results carry values beyond 32 bits, and -1", () => {
    assert.equal(abs64(-(2 ** 40)), 2 ** 40);
    assert.equal(abs64(-1), 1);
    assert.equal(abs64(2 ** 52 + 3), 2 ** 52 + 3);
});
test("view reads and writes native memory in place", () => {
    const address = c.malloc(32);
    try {
        c.memset(address, 0x5a, 32);
        const bytes = new Uint8Array(ffi.view(address, 32));
        assert.equal(bytes.length, 32);
        assert.ok(bytes.every((b) => b === 0x5a));
        bytes[7] = 1;
        c.memset(address + 8, 0x11, 8);
        assert.equal(bytes[7], 1);
        assert.deepEqual([...bytes.subarray(8, 16)], new Array(8).fill(0x11));
        assert.equal(bytes[16], 0x5a);
    }
    finally {
        c.free(address);
    }
});
