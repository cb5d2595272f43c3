// Interest, after mio's tests/interest.rs: flags combine with `|`, the `isX`
// helpers read them, `add`/`remove` combine them, `format` names them as
// mio's `Debug` does. An empty (0) or unknown-bit Interest is refused.
import { test } from "node:test";
import assert from "node:assert/strict";
import { Interest } from "../mod.js";
const FLAGS = ["READABLE", "WRITABLE", "PRIORITY", "AIO", "LIO"];
test("is tests (mio is_tests)", () => {
    assert.ok(Interest.isReadable(Interest.READABLE));
    assert.ok(!Interest.isWritable(Interest.READABLE));
    assert.ok(!Interest.isReadable(Interest.WRITABLE));
    assert.ok(Interest.isWritable(Interest.WRITABLE));
    assert.ok(!Interest.isAio(Interest.WRITABLE));
    assert.ok(!Interest.isLio(Interest.WRITABLE));
    assert.ok(!Interest.isPriority(Interest.WRITABLE));
    assert.ok(Interest.isPriority(Interest.PRIORITY));
    assert.ok(Interest.isAio(Interest.AIO));
    assert.ok(Interest.isLio(Interest.LIO));
});
test("each flag is a distinct non-zero bit and answers only its own isX", () => {
    const checks = {
        READABLE: Interest.isReadable,
        WRITABLE: Interest.isWritable,
        PRIORITY: Interest.isPriority,
        AIO: Interest.isAio,
        LIO: Interest.isLio,
    };
    const seen = new Set();
    for (const name of FLAGS) {
        const bit = Interest[name];
        assert.equal(typeof bit, "number");
        assert.ok(bit > 0 && (bit & (bit - 1)) === 0, `${name} is one bit`);
        assert.ok(!seen.has(bit), `${name} is distinct`);
        seen.add(bit);
        for (const other of FLAGS) {
            assert.equal(checks[other](bit), other === name, `is${other}(${name})`);
        }
    }
});
test("bit or (mio bit_or)", () => {
    const interests = Interest.READABLE | Interest.WRITABLE;
    assert.ok(Interest.isReadable(interests));
    assert.ok(Interest.isWritable(interests));
    assert.ok(!Interest.isPriority(interests));
});
test("add (mio add)", () => {
    const interest = Interest.add(Interest.READABLE, Interest.WRITABLE);
    assert.ok(Interest.isReadable(interest));
    assert.ok(Interest.isWritable(interest));
    assert.equal(interest, Interest.READABLE | Interest.WRITABLE);
    // Adding a flag already present changes nothing.
    assert.equal(Interest.add(interest, Interest.READABLE), interest);
    assert.equal(Interest.add(Interest.PRIORITY, Interest.PRIORITY), Interest.PRIORITY);
});
test("remove takes flags out and returns null when nothing is left", () => {
    const rw = Interest.READABLE | Interest.WRITABLE;
    assert.equal(Interest.remove(rw, Interest.WRITABLE), Interest.READABLE);
    assert.equal(Interest.remove(rw, Interest.READABLE), Interest.WRITABLE);
    assert.equal(Interest.remove(rw, rw), null);
    assert.equal(Interest.remove(Interest.READABLE, Interest.READABLE), null);
    // Removing a flag that is not there changes nothing.
    assert.equal(Interest.remove(Interest.READABLE, Interest.WRITABLE), Interest.READABLE);
    assert.equal(Interest.remove(rw | Interest.PRIORITY, rw), Interest.PRIORITY);
});
test("format (mio fmt_debug)", () => {
    assert.equal(Interest.format(Interest.READABLE), "READABLE");
    assert.equal(Interest.format(Interest.WRITABLE), "WRITABLE");
    assert.equal(Interest.format(Interest.READABLE | Interest.WRITABLE), "READABLE | WRITABLE");
    assert.equal(Interest.format(Interest.WRITABLE | Interest.READABLE), "READABLE | WRITABLE");
    assert.equal(Interest.format(Interest.PRIORITY), "PRIORITY");
    assert.equal(Interest.format(Interest.AIO), "AIO");
    assert.equal(Interest.format(Interest.LIO), "LIO");
    // mio's order: READABLE, WRITABLE, AIO, LIO, PRIORITY.
    assert.equal(Interest.format(Interest.PRIORITY | Interest.LIO | Interest.AIO | Interest.WRITABLE | Interest.READABLE), "READABLE | WRITABLE | AIO | LIO | PRIORITY");
    assert.equal(Interest.format(Interest.READABLE | Interest.PRIORITY), "READABLE | PRIORITY");
});
test("the Interest flags cannot be reassigned", () => {
    const before = Interest.READABLE;
    try {
        Interest.READABLE = 0;
    }
    catch {
        // A frozen object throws in strict mode; either way the value must stay.
    }
    assert.equal(Interest.READABLE, before);
});
const ALL = Interest.READABLE | Interest.WRITABLE | Interest.PRIORITY | Interest.AIO | Interest.LIO;
/** Every flag's bit is known; the lowest bit above them all is not. */
const UNKNOWN_BIT = 2 ** Math.ceil(Math.log2(ALL + 1));
const INVALID = [
    0,
    -1,
    -Interest.READABLE,
    UNKNOWN_BIT,
    UNKNOWN_BIT | Interest.READABLE,
    1.5,
    NaN,
    Infinity,
    "1",
    null,
    undefined,
];
test("add and remove refuse 0, negative, unknown-bit and non-integer interests with RangeError", () => {
    for (const bad of INVALID) {
        const b = bad;
        assert.throws(() => Interest.add(b, Interest.READABLE), RangeError, `add(${String(bad)}, READABLE)`);
        assert.throws(() => Interest.add(Interest.READABLE, b), RangeError, `add(READABLE, ${String(bad)})`);
        assert.throws(() => Interest.remove(b, Interest.READABLE), RangeError, `remove(${String(bad)}, READABLE)`);
        assert.throws(() => Interest.remove(Interest.READABLE, b), RangeError, `remove(READABLE, ${String(bad)})`);
    }
});
test("format and the isX helpers refuse 0, negative, unknown-bit and non-integer interests with RangeError", () => {
    const helpers = [
        Interest.format,
        Interest.isReadable,
        Interest.isWritable,
        Interest.isPriority,
        Interest.isAio,
        Interest.isLio,
    ];
    for (const bad of INVALID) {
        for (const helper of helpers) {
            assert.throws(() => helper(bad), RangeError, `${helper.name || "helper"}(${String(bad)})`);
        }
    }
});
