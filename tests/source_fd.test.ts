// SourceFd (mio's unix::SourceFd): registering descriptors the caller owns.
// mio has no test file of its own for it; these follow its documentation's
// two examples (a listener registered through its raw descriptor, and a
// custom Source delegating to SourceFd) plus the rules: straight to the
// selector, never owns or closes the descriptor.
import assert from "node:assert/strict";
import {
  Interest,
  type Interest as InterestType,
  pipe,
  Poll,
  type Registry,
  type Source,
  SourceFd,
  TcpListener,
  TcpStream,
  Token,
  UnixStream,
} from "../mod.ts";
import { SourceFd as SourceFdFromSubpath } from "../src/unix/mod.ts";
import { expect, expectEvents, expectNoEvents, initWithPoll, Readiness, tokensOf } from "./util/events.ts";
import { assertEarlyIoError, assertIoError, bytes } from "./util/io.ts";
import { isFdOpen } from "./util/descriptors.ts";
import { NOT_ON_WINDOWS, testUnlessWindows } from "./util/skips.ts";
import { libc } from "../sys/unix/libc.ts";

/** `test`, but on Windows each test is skipped with its reason printed: SourceFd is Unix-only. */
const unixTest = testUnlessWindows(NOT_ON_WINDOWS.sourceFd);

const TOKEN = Token(7);

unixTest("source_fd_registers_a_listener_by_its_descriptor", () => {
  // mio's first example: a listener registered through SourceFd(&listener.as_raw_fd()).
  const [poll, events] = initWithPoll();
  const listener = TcpListener.bind("127.0.0.1:0");
  let client: TcpStream | null = null;
  try {
    const source = new SourceFd(listener.fd);
    assert.equal(source.fd, listener.fd);
    poll.registry().register(source, Token(0), Interest.READABLE);
    expectNoEvents(poll, events);
    client = TcpStream.connect(listener.localAddr());
    expectEvents(poll, events, [expect(0, Readiness.READABLE)]);
    const accepted = listener.accept();
    assert.notEqual(accepted, null);
    accepted![0].close();
    poll.registry().deregister(source);
  } finally {
    client?.close();
    listener.close();
    poll.close();
  }
});

/** mio's second example: a type of one's own that is a Source through SourceFd. */
class MyIo implements Source {
  constructor(readonly fd: number) {}

  register(registry: Registry, token: Token, interest: InterestType): void {
    new SourceFd(this.fd).register(registry, token, interest);
  }

  reregister(registry: Registry, token: Token, interest: InterestType): void {
    new SourceFd(this.fd).reregister(registry, token, interest);
  }

  deregister(registry: Registry): void {
    new SourceFd(this.fd).deregister(registry);
  }
}

unixTest("source_fd_custom_source_delegates_to_it", () => {
  const [poll, events] = initWithPoll();
  const [a, b] = UnixStream.pair();
  try {
    const mine = new MyIo(b.fd);
    poll.registry().register(mine, TOKEN, Interest.READABLE);
    a.write(bytes("ping"));
    expectEvents(poll, events, [expect(TOKEN, Readiness.READABLE)]);

    // Change token and interest; a fresh SourceFd each time, as mio builds one per call.
    assert.equal(b.read(new Uint8Array(8)), 4);
    poll.registry().reregister(mine, Token(8), Interest.WRITABLE);
    expectEvents(poll, events, [expect(8, Readiness.WRITABLE)]);

    poll.registry().deregister(mine);
    a.write(bytes("pong"));
    expectNoEvents(poll, events);
  } finally {
    a.close();
    b.close();
    poll.close();
  }
});

unixTest("source_fd_does_not_own_or_close_the_descriptor", () => {
  const [poll, events] = initWithPoll();
  const [sender, receiver] = pipe();
  try {
    const source = new SourceFd(receiver.fd);
    poll.registry().register(source, TOKEN, Interest.READABLE);
    sender.write(bytes("x"));
    expectEvents(poll, events, [expect(TOKEN, Readiness.READABLE)]);
    poll.registry().deregister(source);
    assert.ok(isFdOpen(receiver.fd), "SourceFd closed the descriptor");
    assert.equal("close" in source, false, "SourceFd has no close(): the descriptor is the caller's");
    assert.equal(receiver.read(new Uint8Array(4)), 1, "the owner still reads its descriptor");
  } finally {
    sender.close();
    receiver.close();
    poll.close();
  }
});

unixTest("source_fd_goes_straight_to_the_selector", () => {
  const [poll, events] = initWithPoll();
  const [sender, receiver] = pipe();
  try {
    const first = new SourceFd(receiver.fd);
    const second = new SourceFd(receiver.fd);
    poll.registry().register(first, TOKEN, Interest.READABLE);
    // It keeps no state: another SourceFd of the same descriptor is the same registration.
    // epoll and poll(2) refuse to add it twice; on kqueue EV_ADD updates it (mio's kqueue selector).
    const kqueue = Poll.backend === "kqueue";
    if (kqueue) poll.registry().register(second, TOKEN, Interest.READABLE);
    else assertIoError(() => poll.registry().register(second, TOKEN, Interest.READABLE), "AlreadyExists");
    poll.registry().reregister(second, Token(9), Interest.READABLE);
    sender.write(bytes("x"));
    poll.poll(events, 1000);
    assert.deepEqual(tokensOf(events), [9]);
    poll.registry().deregister(first);
    if (kqueue) {
      // mio's kqueue selector ignores ENOENT (deleting filters that are not there), and its
      // reregister adds the filters back.
      poll.registry().deregister(second);
      poll.registry().reregister(first, TOKEN, Interest.READABLE);
      poll.registry().deregister(first);
    } else {
      assertIoError(() => poll.registry().deregister(second), "NotFound");
      assertIoError(() => poll.registry().reregister(first, TOKEN, Interest.READABLE), "NotFound");
    }
  } finally {
    sender.close();
    receiver.close();
    poll.close();
  }
});

unixTest("source_fd_registers_both_ends_of_a_foreign_pipe", () => {
  const [poll, events] = initWithPoll();
  // Raw descriptors, as another library would hand them over; the test owns them.
  const [sender, receiver] = pipe();
  const wfd = sender.intoFd();
  const rfd = receiver.intoFd();
  try {
    poll.registry().register(new SourceFd(wfd), Token(1), Interest.WRITABLE);
    poll.registry().register(new SourceFd(rfd), Token(2), Interest.READABLE);
    expectEvents(poll, events, [expect(1, Readiness.WRITABLE)]);
    const data = bytes("hello");
    assert.equal(libc.write(wfd, data, data.length), data.length);
    expectEvents(poll, events, [expect(2, Readiness.READABLE)]);
    poll.registry().deregister(new SourceFd(wfd));
    poll.registry().deregister(new SourceFd(rfd));
    assert.ok(isFdOpen(wfd) && isFdOpen(rfd));
  } finally {
    libc.close(wfd);
    libc.close(rfd);
    poll.close();
  }
});

unixTest("source_fd_checks_its_descriptor_and_the_registry", () => {
  assert.throws(() => new SourceFd(-1), RangeError);
  assert.throws(() => new SourceFd(1.5), RangeError);
  assert.throws(() => new SourceFd("3" as unknown as number), RangeError);
  const [poll] = initWithPoll();
  const [sender, receiver] = pipe();
  try {
    const source = new SourceFd(receiver.fd);
    assert.throws(
      () => poll.registry().register(source, -1 as unknown as Token, Interest.READABLE),
      RangeError,
    );
    assert.throws(() => poll.registry().register(source, TOKEN, 0 as unknown as InterestType), RangeError);
    assert.throws(() => source.register({} as Registry, TOKEN, Interest.READABLE), TypeError);
    const registry = poll.registry();
    poll.close();
    assertEarlyIoError(() => registry.register(source, TOKEN, Interest.READABLE), "BadResource");
  } finally {
    sender.close();
    receiver.close();
    poll.close();
  }
});

unixTest("source_fd_is_exported_by_the_unix_subpath", () => {
  assert.equal(SourceFdFromSubpath, SourceFd);
});
