/**
 * Worker roles with a shared Registry (tests/workers.test.ts).
 *
 * @module
 */
import { Interest, Registry, type Source, TcpListener, TcpStream, Token, UdpSocket } from "../../mod.ts";
import { caught, type Role, sleepThread, STEP_TIMEOUT_S, waitStep, watchBlocked } from "./sync.ts";

/** Reads until `n` bytes came (the test sent them before this step), for up to `STEP_TIMEOUT_S`. */
function readAll(stream: TcpStream, n: number): string {
  const buf = new Uint8Array(n);
  let got = 0;
  const deadline = Date.now() + STEP_TIMEOUT_S * 1000;
  while (got < n && Date.now() < deadline) {
    const r = stream.read(buf.subarray(got));
    if (r === 0) break;
    if (r === null) sleepThread(1);
    else got += r;
  }
  return new TextDecoder().decode(buf.subarray(0, got));
}

/** The source the "ops-flow" role works on, and its first and final interests (as in mio's test). */
function opsFlowSource(data: Record<string, unknown>): [Source & { close(): void }, Interest, Interest] {
  if (data.source === "listener") {
    return [TcpListener.fromFd(data.fd as number), Interest.READABLE, Interest.READABLE];
  }
  if (data.source === "udp") {
    return [UdpSocket.bind("127.0.0.1:0"), Interest.WRITABLE, Interest.WRITABLE | Interest.READABLE];
  }
  return [TcpStream.connect(data.addr as string), Interest.READABLE, Interest.READABLE | Interest.WRITABLE];
}

/** The roles, by name. */
export const registryRoles: Record<string, Role> = {
  /**
   * Connects a TcpStream to data.addr and registers it with the shared
   * registry (token data.token, readable and writable), posts { local };
   * at step 1 reads the 5 bytes the test sent, answers "world", posts
   * { got }; at step 2 deregisters it, posts "deregistered"; at step 3
   * closes it.
   */
  "register-stream": ({ data, cells, post }) => {
    const registry = Registry.fromShared(data.registry);
    const stream = TcpStream.connect(data.addr as string);
    try {
      registry.register(stream, Token(data.token as number), Interest.READABLE | Interest.WRITABLE);
      post({ local: String(stream.localAddr()) });
      waitStep(cells, 1);
      const got = readAll(stream, 5);
      stream.write(new TextEncoder().encode("world"));
      post({ got });
      waitStep(cells, 2);
      registry.deregister(stream);
      post("deregistered");
      waitStep(cells, 3);
    } finally {
      stream.close();
    }
  },

  /**
   * mio's register_during_poll: at step 1 waits until thread data.tid is
   * blocked in poll(), registers a UDP socket for writable (token
   * data.token), posts { seen }; at step 2 closes it.
   */
  "register-during-poll": ({ data, cells, post }) => {
    const registry = Registry.fromShared(data.registry);
    const socket = UdpSocket.bind("127.0.0.1:0");
    try {
      waitStep(cells, 1);
      const seen = watchBlocked(data.tid as number);
      registry.register(socket, Token(data.token as number), Interest.WRITABLE);
      post({ seen });
      waitStep(cells, 2);
    } finally {
      socket.close();
    }
  },

  /**
   * At step 1 waits until thread data.tid is blocked in poll(), registers
   * the UDP socket data.fd (a datagram queued: readable) with token
   * data.token, posts { seen }; at step 2 reads the datagram to WouldBlock,
   * deregisters, posts { got, addr }; at step 3 closes it.
   */
  "register-ready-during-poll": ({ data, cells, post }) => {
    const registry = Registry.fromShared(data.registry);
    const socket = UdpSocket.fromFd(data.fd as number);
    try {
      waitStep(cells, 1);
      const seen = watchBlocked(data.tid as number);
      registry.register(socket, Token(data.token as number), Interest.READABLE);
      post({ seen });
      waitStep(cells, 2);
      const buf = new Uint8Array(16);
      const n = socket.recv(buf);
      if (socket.recv(buf) !== null) throw new Error("a second datagram was queued");
      registry.deregister(socket);
      post({ got: new TextDecoder().decode(buf.subarray(0, n ?? 0)), addr: String(socket.localAddr()) });
      waitStep(cells, 3);
    } finally {
      socket.close();
    }
  },

  /**
   * mio's registry_ops_flow: register, deregister, register, reregister a
   * listener (taken with fromFd(data.fd)), a UDP socket or a stream to
   * data.addr (data.source), posts "done"; at step 1 closes it.
   */
  "ops-flow": ({ data, cells, post }) => {
    const registry = Registry.fromShared(data.registry);
    const token = Token(data.token as number);
    const [source, first, last] = opsFlowSource(data);
    try {
      registry.register(source, token, first);
      registry.deregister(source);
      registry.register(source, token, first);
      registry.reregister(source, token, last);
      post("done");
      waitStep(cells, 1);
    } finally {
      source.close();
    }
  },

  /** At step 1 (the test closed the Poll), tries to register a UDP socket; posts { register } (the error, or null). */
  "register-after-close": ({ data, cells, post }) => {
    const registry = Registry.fromShared(data.registry);
    const socket = UdpSocket.bind("127.0.0.1:0");
    try {
      waitStep(cells, 1);
      post({
        register: caught(() => registry.register(socket, Token(data.token as number), Interest.READABLE)),
      });
    } finally {
      socket.close();
    }
  },
};
