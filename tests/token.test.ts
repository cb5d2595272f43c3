// Token: mio's `Token(usize)` as a branded number. A token is any safe
// non-negative integer; anything else is a RangeError. Tokens must come back
// from the selector unchanged, including those above 2**32 (epoll stores a
// 64-bit `data` field, which mio-ts splits in two 32-bit words).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Events, Interest, Poll, TcpListener, TcpStream, Token } from "../mod.ts";
import { expect, expectEvents, Readiness } from "./util/events.ts";
import { closeAll } from "./util/io.ts";

test("Token accepts safe non-negative integers and returns them unchanged", () => {
  for (const n of [0, 1, 2, 10, 1024, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 5, 2 ** 53 - 1]) {
    const t = Token(n);
    assert.equal(typeof t, "number");
    assert.equal(t, n);
  }
});

test("Token refuses negative, fractional, NaN, unsafe and non-number values with RangeError", () => {
  const bad: unknown[] = [
    -1,
    -(2 ** 31),
    1.5,
    0.1,
    NaN,
    Infinity,
    -Infinity,
    2 ** 53,
    2 ** 64,
    "1",
    "0",
    null,
    undefined,
    1n,
    {},
    [1],
  ];
  for (const value of bad) {
    assert.throws(
      () => Token(value as number),
      RangeError,
      `Token(${
        typeof value === "bigint" ? `${value}n` : JSON.stringify(value) ?? String(value)
      }) should throw RangeError`,
    );
  }
});

test("Token's RangeError message names the bad value", () => {
  assert.throws(() => Token(-1), (e: unknown) => e instanceof RangeError && /-1/.test(e.message));
  assert.throws(() => Token(1.5), (e: unknown) => e instanceof RangeError && /1\.5/.test(e.message));
});

test("tokens equal by value: Token(n) === Token(n) and compares with plain numbers", () => {
  assert.ok(Token(7) === Token(7));
  assert.equal(Token(7), 7);
  assert.notEqual(Token(7), Token(8));
});

test("every token, from 0 to 2**53 - 1, comes back unchanged in events", () => {
  // One writable, connected stream per token; each must report its own token.
  const tokens = [0, 1, 2 ** 31 - 1, 2 ** 31, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 5, 2 ** 48 + 3, 2 ** 53 - 1];
  const poll = new Poll();
  const events = new Events(64);
  const listener = TcpListener.bind("127.0.0.1:0");
  const streams: TcpStream[] = [];
  try {
    const addr = listener.localAddr();
    for (const n of tokens) {
      const stream = TcpStream.connect(addr);
      streams.push(stream);
      poll.registry().register(stream, Token(n), Interest.WRITABLE);
    }
    expectEvents(poll, events, tokens.map((n) => expect(n, Readiness.WRITABLE)));
  } finally {
    closeAll(...streams, listener, poll);
  }
});

test("reregistering with another large token reports the new token", () => {
  const poll = new Poll();
  const events = new Events(8);
  const listener = TcpListener.bind("127.0.0.1:0");
  let stream: TcpStream | null = null;
  try {
    stream = TcpStream.connect(listener.localAddr());
    poll.registry().register(stream, Token(2 ** 40), Interest.READABLE);
    poll.registry().reregister(stream, Token(2 ** 53 - 2), Interest.WRITABLE);
    expectEvents(poll, events, [expect(2 ** 53 - 2, Readiness.WRITABLE)]);
    for (const event of events) assert.notEqual(event.token(), 2 ** 40);
  } finally {
    closeAll(stream, listener, poll);
  }
});
