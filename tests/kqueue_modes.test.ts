// The kevent changes the kqueue selector makes for each registration mode,
// read from a recording kevent(2) (no kqueue needed): every target's
// EV_CLEAR, EV_DISPATCH and the delete-then-add of reregister; and the
// memory the off-thread kevent(2) of `pollAsync` writes its events into.
import { test } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import {
  KeventCodec,
  KQUEUE_TARGETS,
  KqueueChanges,
  type KqueueSystem,
  KqueueWait,
} from "../sys/unix/kqueue.ts";
import {
  INTEREST_READABLE,
  INTEREST_WRITABLE,
  MODE_EDGE,
  MODE_LEVEL,
  MODE_ONESHOT,
} from "../sys/contract.ts";
import { osErrorFrom } from "../sys/error.ts";

interface Change {
  ident: number;
  filter: number;
  flags: number;
}

/** A `KqueueSystem` whose kevent(2) records each change list and answers every receipt with success. */
function recording(target: (typeof KQUEUE_TARGETS)[keyof typeof KQUEUE_TARGETS]): [KqueueSystem, Change[][]] {
  const calls: Change[][] = [];
  const codec = new KeventCodec(target.kevent);
  const k = target.constants;
  const sys = {
    target,
    kqueue: () => 3,
    kevent(_kq: number, changes: Uint8Array | null, n: number, events: Uint8Array | null) {
      const words = new Uint32Array(changes!.buffer, changes!.byteOffset, changes!.byteLength >> 2);
      const list: Change[] = [];
      for (let i = 0; i < n; i++) {
        list.push({
          ident: codec.identAt(words, i),
          filter: codec.rawFilterAt(words, i),
          flags: codec.flagsAt(words, i),
        });
      }
      calls.push(list);
      const out = new DataView(events!.buffer, events!.byteOffset, events!.byteLength);
      for (let i = 0; i < n; i++) codec.set(out, i, list[i].ident, 0, k.EV_ERROR, 0, 0); // data 0: success
      return n;
    },
    keventOffThread: () => {
      throw new Error("not used");
    },
    setCloseOnExec: () => 0,
    close: () => 0,
    errno: () => 0,
    osError: osErrorFrom(() => ({ code: "EIO", text: "I/O error", kind: "Other" })),
  } as unknown as KqueueSystem;
  return [sys, calls];
}

for (const [os, target] of Object.entries(KQUEUE_TARGETS)) {
  const k = target.constants;
  const codec = new KeventCodec(target.kevent);
  const READ = codec.rawFilter(k.EVFILT_READ);
  const WRITE = codec.rawFilter(k.EVFILT_WRITE);
  const ADD = k.EV_ADD | k.EV_RECEIPT;
  const DELETE = k.EV_DELETE | k.EV_RECEIPT;

  test(`${os}: register adds EV_CLEAR unless level-triggered, EV_DISPATCH when oneshot`, () => {
    const [sys, calls] = recording(target);
    const changes = new KqueueChanges(sys);
    const rw = INTEREST_READABLE | INTEREST_WRITABLE;
    changes.register(3, 7, 1, rw, MODE_EDGE);
    changes.register(3, 7, 1, rw, MODE_LEVEL);
    changes.register(3, 7, 1, INTEREST_READABLE, MODE_ONESHOT);
    changes.register(3, 7, 1, INTEREST_READABLE, MODE_LEVEL | MODE_ONESHOT);
    assert.deepEqual(calls, [
      [{ ident: 7, filter: WRITE, flags: ADD | k.EV_CLEAR }, {
        ident: 7,
        filter: READ,
        flags: ADD | k.EV_CLEAR,
      }],
      [{ ident: 7, filter: WRITE, flags: ADD }, { ident: 7, filter: READ, flags: ADD }],
      [{ ident: 7, filter: READ, flags: ADD | k.EV_CLEAR | k.EV_DISPATCH }],
      [{ ident: 7, filter: READ, flags: ADD | k.EV_DISPATCH }],
    ]);
  });

  test(`${os}: reregister deletes both filters, then adds the wanted ones in the new mode (one kevent call)`, () => {
    const [sys, calls] = recording(target);
    const changes = new KqueueChanges(sys);
    changes.reregister(3, 9, 2, INTEREST_WRITABLE, MODE_EDGE);
    changes.reregister(3, 9, 2, INTEREST_READABLE, MODE_LEVEL | MODE_ONESHOT);
    assert.deepEqual(calls, [
      [
        { ident: 9, filter: WRITE, flags: DELETE },
        { ident: 9, filter: READ, flags: DELETE },
        { ident: 9, filter: WRITE, flags: ADD | k.EV_CLEAR },
      ],
      [
        { ident: 9, filter: WRITE, flags: DELETE },
        { ident: 9, filter: READ, flags: DELETE },
        { ident: 9, filter: READ, flags: ADD | k.EV_DISPATCH },
      ],
    ]);
  });
}

test("kqueue pollAsync: kevent(2) writes its events into C library memory (calloc), freed by close()", {
  skip: process.platform === "win32" ? "allocates with the C library of Unix (sys/unix/libc.ts)" : false,
}, async () => {
  const { libc } = await import("../sys/unix/libc.ts");
  const [base] = recording(KQUEUE_TARGETS.freebsd);
  const allocated: number[] = [];
  const freed: number[] = [];
  const eventLists: Uint8Array[] = [];
  const sys = {
    ...base,
    calloc: (bytes: number) => {
      const address = libc.calloc(bytes, 1);
      allocated.push(address);
      return address;
    },
    free: (address: number) => {
      freed.push(address);
      libc.free(address);
    },
    // A call that returns after the Worker's realm ended writes its event list then: never into the realm's memory.
    keventOffThread: () => (_kq: number, _changes: Uint8Array, _n: number, events: Uint8Array) => {
      eventLists.push(events);
      return Promise.resolve(0);
    },
  } as KqueueSystem;
  const wait = new KqueueWait(3, new KqueueChanges(sys), () => {
    throw new Error("EVFILT_USER cancels the wait on FreeBSD: no pipe");
  });
  await wait.wait(0);
  await wait.wait(0);
  assert.equal(allocated.length, 1, "one allocation, at the first wait");
  assert.equal(eventLists.length, 2);
  for (const events of eventLists) {
    assert.ok(!(events.buffer instanceof SharedArrayBuffer), "the event list is not a SharedArrayBuffer");
    assert.ok(events.byteLength > 0);
  }
  assert.deepEqual(freed, []);
  let released = false;
  wait.close(() => released = true);
  assert.equal(released, true);
  assert.deepEqual(freed, allocated);
});
