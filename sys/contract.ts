/**
 * The contract between the portable layer and the operating system: what
 * every platform provides, in one file. The portable layer imports `sys`
 * only through this file, `current.ts` (the platform this process runs
 * on), `error.ts` and `byte_length.ts`; nothing in `sys` imports it.
 *
 * A platform (`Platform`, built once by `current.ts`) must provide:
 * - a selector per `Poll` (`Selector`): register, reregister, deregister and
 *   rearm descriptors (`Registrar`), wait for events into an `EventBuffer`
 *   (`select`, `waitAsync`), and create its waker (`SysWaker`);
 * - shared forms for other Workers: a `Registrar` from what
 *   `Registrar.share()` returned (`sharedRegistrar`) and a waker from what
 *   `SysWaker.share()` returned (`sharedWaker`);
 * - socket operations: `SocketOps` (TCP, and the stream calls every socket
 *   uses: read, write, peek, shutdown, `takeErrno`, close), `UdpOps`,
 *   `UnixSocketOps` (Unix-domain sockets), `PipeOps` and `NamedPipeOps`,
 *   each throwing `IoError` `Unsupported` where the OS has none;
 * - `osError`, which turns the OS's error numbers into `IoError`s.
 *
 * Conventions: interest and readiness travel as the bits below; hot
 * operations return a count, or `WOULD_BLOCK`, and allocate nothing; every
 * other failure throws `IoError`; `EINTR` is retried inside. A buffer comes
 * with `len`, how many of its bytes the OS may use: never more than its
 * engine length (`byteLengthOf`, as `checkBuffer` returned it), which a
 * redefined `byteLength` cannot change.
 *
 * @module
 */
import type { Arch, Os, Runtime } from "./ffi/ffi.ts";
import type { IoError, OsError } from "./error.ts";

export type { Arch, Os, Runtime };

// ---- Interest and readiness bits

/** Interest in readability (mio's `Interest::READABLE`). */
export const INTEREST_READABLE = 0b0_0001;
/** Interest in writability. */
export const INTEREST_WRITABLE = 0b0_0010;
/** Interest in AIO completion (kqueue only). */
export const INTEREST_AIO = 0b0_0100;
/** Interest in LIO completion (kqueue only). */
export const INTEREST_LIO = 0b0_1000;
/** Interest in priority (out-of-band) readiness. */
export const INTEREST_PRIORITY = 0b1_0000;
/** Every interest bit. */
export const INTEREST_ALL = 0b1_1111;

/**
 * Registration modes (`RegisterOptions` as bits): 0 is edge-triggered and
 * not oneshot, mio 1.0's behaviour.
 */
export const MODE_EDGE = 0;
/** Level-triggered: reported on every `select` while the readiness lasts. */
export const MODE_LEVEL = 0b01;
/** Oneshot: disabled after one event until `reregister`; `rearm` never re-enables it. */
export const MODE_ONESHOT = 0b10;

/** Readiness: readable. */
export const READY_READABLE = 1;
/** Readiness: writable. */
export const READY_WRITABLE = 2;
/** Readiness: an error is pending (`takeError()`). */
export const READY_ERROR = 4;
/** Readiness: the read half is closed. */
export const READY_READ_CLOSED = 8;
/** Readiness: the write half is closed. */
export const READY_WRITE_CLOSED = 16;
/** Readiness: priority data. */
export const READY_PRIORITY = 32;
/** Readiness: AIO completion. */
export const READY_AIO = 64;
/** Readiness: LIO completion. */
export const READY_LIO = 128;

// ---- Selectors

/** The selector names `Poll.backend` reports. */
export type Backend = "epoll" | "kqueue" | "iocp" | "poll";

/**
 * Where descriptors are registered: a `Poll`'s own selector, or the shared
 * form another Worker builds from what `share()` returned.
 */
export interface Registrar {
  /** Which selector this is. */
  readonly backend: Backend;
  /** Whether the selector has been closed (by its `Poll`, in any Worker). */
  readonly closed: boolean;
  /**
   * The INTEREST_* bits this selector can deliver; the portable layer
   * refuses the others (`Unsupported`) before calling `register`.
   */
  readonly interests: number;
  /**
   * Starts watching `fd` for `interest` (INTEREST_* bits), reporting
   * `token`, in `mode` (MODE_* bits).
   */
  register(fd: number, token: number, interest: number, mode: number): void;
  /**
   * Changes the token, interest and mode of a watched `fd`; re-enables a
   * oneshot registration that fired, and reports readiness still pending.
   */
  reregister(fd: number, token: number, interest: number, mode: number): void;
  /** Stops watching `fd`. */
  deregister(fd: number): void;
  /**
   * Called after an operation on the registered `fd` reported WouldBlock
   * (mio's `do_io` rule). Selectors that emulate edge-triggering (poll(2),
   * IOCP) re-arm the descriptor's interests here; epoll has nothing to do.
   * A oneshot registration that fired stays disabled.
   */
  rearm(fd: number): void;
  /**
   * A plain value through which another Worker registers with this
   * selector (`Registry.fromShared`): every selector can be shared (epoll
   * and kqueue through the kernel, poll(2) and IOCP through a change queue
   * their owner applies, `shared_changes.ts`).
   */
  share(): SharedRegistry;
  /**
   * What registrars of one selector have in common: a source registered
   * through one is registered through every other whose `instance` is the
   * same object (a `Poll`'s selector and its clones).
   */
  readonly instance: object;
  /**
   * A registrar of the same selector that works on its own: it owns a
   * duplicate of the selector's descriptor where there is one (epoll),
   * else keeps the selector's state alive; `close()` releases it.
   */
  tryClone(): ClonedRegistrar;
}

/** A registrar `Registrar.tryClone()` made: closed on its own. */
export interface ClonedRegistrar extends Registrar {
  /** Releases what the clone owns; `closed` is `true` afterwards. Idempotent. */
  close(): void;
}

/** A readiness selector: one per `Poll`; it registers, waits, and makes the `Poll`'s waker. */
export interface Selector extends Registrar {
  /**
   * Waits up to `timeoutMs` (-1: forever) and writes what is ready into
   * `events`. A signal ends the wait early with no events.
   */
  select(events: EventBuffer, timeoutMs: number): void;
  /**
   * Waits without blocking the JavaScript thread (the waiting happens on
   * another thread) until `select(events, 0)` may find events, `timeoutMs`
   * passed (-1: no limit), or `interruptWait()` was called. It may also
   * return with nothing to find: callers select, then wait again. One wait
   * at a time. `close()` during a wait interrupts it and closes the
   * selector's descriptors once it returned, before its promise settles.
   */
  waitAsync(timeoutMs: number): Promise<void>;
  /** Makes a pending `waitAsync` return soon; nothing when none is pending. */
  interruptWait(): void;
  /** The selector's own descriptor (epoll, kqueue); `null` where it has none (poll(2), IOCP). */
  readonly fd: number | null;
  /** Creates this selector's waker, which makes `select` return `token`. */
  createWaker(token: number): SysWaker;
  /** Releases the selector's descriptor. */
  close(): void;
}

/** A selector's waker. */
export interface SysWaker {
  /** Makes the selector's current or next `select` return the waker's token. */
  wake(): void;
  /** A plain value through which another Worker wakes the selector (`Waker.fromShared`). */
  share(): SharedWaker;
  /** Releases the waker's descriptor. */
  close(): void;
}

/**
 * How many numbers locate a selector's waker (`Platform.locateWaker`), so
 * that any Worker of the process can wake it from shared memory
 * (`Platform.wakeAt`).
 */
export const WAKER_LOCATION_SLOTS = 3;

/** Preallocated storage for the events of one `select` call. */
export class EventBuffer {
  /** How many events fit. */
  readonly capacity: number;
  /** The OS's event records (`epoll_event[]`, `kevent[]`, …). */
  readonly raw: Uint8Array;
  /** The same records as 32-bit words (every record size is a multiple of 4). */
  readonly words: Uint32Array;
  /** The token of each event. */
  readonly tokens: Float64Array;
  /** The readiness bits (`READY_*`) of each event. */
  readonly readiness: Uint8Array;
  /** How many events the last `select` wrote. */
  length = 0;

  /** Allocates room for `capacity` events of `rawEventSize` bytes each. */
  constructor(capacity: number, rawEventSize: number) {
    this.capacity = capacity;
    this.raw = new Uint8Array(capacity * rawEventSize);
    this.words = new Uint32Array(this.raw.buffer);
    this.tokens = new Float64Array(capacity);
    this.readiness = new Uint8Array(capacity);
  }
}

// ---- Values that cross to other Workers

/** What `Waker.share()` returns; `Waker.fromShared` takes it in another Worker. */
export interface SharedWaker {
  /** Always `"mio-ts/waker"`. */
  readonly type: "mio-ts/waker";
  /** The descriptor or handle a wake goes to (the number `closeGuarded` closes). */
  readonly fd: number;
}

/** What `Registry.share()` returns; `Registry.fromShared` takes it in another Worker. */
export interface SharedRegistry {
  /** Always `"mio-ts/registry"`. */
  readonly type: "mio-ts/registry";
}

/** Whether `value` is a non-null object whose `type` is `type`. */
export function hasType(value: unknown, type: string): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && (value as { type?: unknown }).type === type;
}

/** Whether `value` is an integer that can be a descriptor (0 to 2^31 - 1). */
export function isDescriptor(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 0x7fffffff;
}

// ---- Sockets

/** What hot operations return when the OS says the call would block. */
export const WOULD_BLOCK = -1;

/** An IP socket address as data: what the OS's `sockaddr_in`/`sockaddr_in6` hold. */
export interface IpEndpoint {
  /** `true` for IPv6. */
  readonly v6: boolean;
  /** 4 or 16 address bytes, network order. */
  readonly octets: Uint8Array;
  /** Port, host order. */
  readonly port: number;
  /** IPv6 flow information (0 for IPv4). */
  readonly flowinfo: number;
  /** IPv6 scope id (0 for IPv4). */
  readonly scopeId: number;
}

/**
 * The address of `endpoint` as Rust's `IpAddr` prints it: `a.b.c.d`, or
 * IPv6 per RFC 5952 (`::1`, `fe80::1`, `::ffff:a.b.c.d` for mapped IPv4).
 */
export function formatIp(endpoint: IpEndpoint): string {
  const o = endpoint.octets;
  if (!endpoint.v6) return `${o[0]}.${o[1]}.${o[2]}.${o[3]}`;
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((o[i]! << 8) | o[i + 1]!);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${o[12]}.${o[13]}.${o[14]}.${o[15]}`;
  }
  let bestStart = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [bestStart, bestLen] = [i, j - i];
    i = j;
  }
  const hex = (gs: number[]) => gs.map((g) => g.toString(16)).join(":");
  if (bestLen < 2) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLen))}`;
}

/**
 * `endpoint` as Rust's `SocketAddr` prints it, for `String(addr)` and error
 * messages alike: `127.0.0.1:8080`, `[::1]:8080`, `[fe80::1%2]:8080`.
 */
export function formatEndpoint(endpoint: IpEndpoint): string {
  if (!endpoint.v6) return `${formatIp(endpoint)}:${endpoint.port}`;
  const scope = endpoint.scopeId === 0 ? "" : `%${endpoint.scopeId}`;
  return `[${formatIp(endpoint)}${scope}]:${endpoint.port}`;
}

/** A connection `accept` took: its descriptor and its peer's address. */
export interface Accepted<E> {
  /** The connection's descriptor (non-blocking, close-on-exec). */
  readonly fd: number;
  /** The peer's address. */
  readonly peer: E;
}

/** The most address bytes an OS writes for a datagram's sender (`sizeof(struct sockaddr_storage)`). */
const SENDER_BYTES = 128;

/**
 * Where `recvFrom` leaves the sender of the datagram it read, kept by the
 * receiving socket: `addr` is what `wrap` made of the sender's address,
 * made again only when the OS wrote other address bytes than for the
 * datagram before, so a busy peer costs nothing. The one cache of a sender.
 */
export class SenderSlot<E, T> {
  /** The sender of the last datagram, as `wrap` made it; `null` before the first. */
  addr: T | null = null;
  readonly #wrap: (endpoint: E) => T;
  readonly #bytes = new Uint8Array(SENDER_BYTES);
  #length = -1;

  /** A slot whose senders are made by `wrap` from the OS layer's endpoint. */
  constructor(wrap: (endpoint: E) => T) {
    this.#wrap = wrap;
  }

  /**
   * Records the sender whose address the OS wrote into the first `length`
   * bytes of `bytes`; `decode` (which may throw) runs only when they differ
   * from the last sender's.
   */
  update(bytes: Uint8Array, length: number, decode: (bytes: Uint8Array, length: number) => E): void {
    const len = Math.min(length, bytes.length, SENDER_BYTES);
    if (this.addr !== null && len === this.#length && this.#same(bytes, len)) return;
    this.addr = this.#wrap(decode(bytes, length));
    for (let i = 0; i < len; i++) this.#bytes[i] = bytes[i]!;
    this.#length = len;
  }

  #same(bytes: Uint8Array, len: number): boolean {
    for (let i = 0; i < len; i++) if (bytes[i] !== this.#bytes[i]) return false;
    return true;
  }
}

/** How a stream's halves are shut down. */
export type ShutdownHow = "read" | "write" | "both";

/** Options for a listening TCP socket. */
export interface TcpBindOptions {
  /** Set `SO_REUSEPORT` so several sockets can listen on one port. */
  readonly reusePort?: boolean;
}

/** Socket operations on descriptors (Unix) or socket handles (Windows). */
export interface SocketOps {
  /** A non-blocking, close-on-exec TCP socket bound to `addr` and listening. */
  tcpListen(addr: IpEndpoint, options: TcpBindOptions): number;
  /** A non-blocking TCP socket with a connect to `addr` started. */
  tcpConnect(addr: IpEndpoint): number;
  /** Accepts one connection (non-blocking, close-on-exec) with its peer's address; `null` when it would block. */
  accept(fd: number): Accepted<IpEndpoint> | null;
  /** The local address of a socket. */
  localAddr(fd: number): IpEndpoint;
  /** The peer address of a connected socket. */
  peerAddr(fd: number): IpEndpoint;
  /** Reads into the first `len` bytes of `buf`; 0 at end of stream. */
  read(fd: number, buf: Uint8Array, len: number): number;
  /** Reads into the first `len` bytes of `buf` without consuming. */
  peek(fd: number, buf: Uint8Array, len: number): number;
  /** Writes the first `len` bytes of `buf` without raising SIGPIPE. */
  write(fd: number, buf: Uint8Array, len: number): number;
  /** Shuts down one or both halves. */
  shutdown(fd: number, how: ShutdownHow): void;
  /** Reads and clears the socket's pending error: 0, or an errno. */
  takeErrno(fd: number): number;
  /** Sets `TCP_NODELAY`. */
  setNodelay(fd: number, on: boolean): void;
  /** Reads `TCP_NODELAY`. */
  nodelay(fd: number): boolean;
  /** Sets `IP_TTL`. */
  setTtl(fd: number, ttl: number): void;
  /** Reads `IP_TTL`. */
  ttl(fd: number): number;
  /** Closes the descriptor. */
  close(fd: number): void;
}

/** The socket options of a UDP socket that hold one integer (booleans as 0/1). */
export type UdpOption =
  | "broadcast" // SO_BROADCAST
  | "multicastLoopV4" // IP_MULTICAST_LOOP
  | "multicastLoopV6" // IPV6_MULTICAST_LOOP
  | "multicastTtlV4" // IP_MULTICAST_TTL
  | "onlyV6"; // IPV6_V6ONLY

/** The socket option numbers of an OS that the UDP options use. */
export interface UdpOptionNumbers {
  /** `SOL_SOCKET` */
  readonly SOL_SOCKET: number;
  /** `SO_BROADCAST` */
  readonly SO_BROADCAST: number;
  /** `IPPROTO_IP` */
  readonly IPPROTO_IP: number;
  /** `IP_MULTICAST_LOOP` */
  readonly IP_MULTICAST_LOOP: number;
  /** `IP_MULTICAST_TTL` */
  readonly IP_MULTICAST_TTL: number;
  /** `IPPROTO_IPV6` */
  readonly IPPROTO_IPV6: number;
  /** `IPV6_MULTICAST_LOOP` */
  readonly IPV6_MULTICAST_LOOP: number;
  /** `IPV6_V6ONLY` */
  readonly IPV6_V6ONLY: number;
}

/** Each UDP option's level, name, and C name for error messages, with an OS's numbers `n`. */
export function udpOptionTable(
  n: UdpOptionNumbers,
): Readonly<Record<UdpOption, readonly [level: number, name: number, what: string]>> {
  return {
    broadcast: [n.SOL_SOCKET, n.SO_BROADCAST, "SO_BROADCAST"],
    multicastLoopV4: [n.IPPROTO_IP, n.IP_MULTICAST_LOOP, "IP_MULTICAST_LOOP"],
    multicastLoopV6: [n.IPPROTO_IPV6, n.IPV6_MULTICAST_LOOP, "IPV6_MULTICAST_LOOP"],
    multicastTtlV4: [n.IPPROTO_IP, n.IP_MULTICAST_TTL, "IP_MULTICAST_TTL"],
    onlyV6: [n.IPPROTO_IPV6, n.IPV6_V6ONLY, "IPV6_V6ONLY"],
  };
}

/** UDP socket operations. Hot operations return a count or `WOULD_BLOCK`, and never allocate. */
export interface UdpOps {
  /** A non-blocking, close-on-exec UDP socket bound to `addr`. */
  bind(addr: IpEndpoint): number;
  /** Sets the default destination, and the only source `recv` accepts. */
  connect(fd: number, addr: IpEndpoint): void;
  /** Sends the first `len` bytes of `buf` as one datagram to `addr` without raising SIGPIPE. */
  sendTo(fd: number, buf: Uint8Array, len: number, addr: IpEndpoint): number;
  /**
   * Receives (or, with `peek`, peeks at) one datagram into the first `len`
   * bytes of `buf`, truncated to them, and leaves its sender in `sender`.
   */
  recvFrom<T>(
    fd: number,
    buf: Uint8Array,
    len: number,
    peek: boolean,
    sender: SenderSlot<IpEndpoint, T>,
  ): number;
  /** Sends the first `len` bytes of `buf` as one datagram to the connected peer without raising SIGPIPE. */
  send(fd: number, buf: Uint8Array, len: number): number;
  /** Receives (or, with `peek`, peeks at) one datagram into the first `len` bytes of `buf`, truncated to them. */
  recv(fd: number, buf: Uint8Array, len: number, peek: boolean): number;
  /** Sets an integer option. */
  setOption(fd: number, option: UdpOption, value: number): void;
  /** Reads an integer option. */
  option(fd: number, option: UdpOption): number;
  /** Joins (`join`) or leaves an IPv4 multicast group on the interface with address `iface` (0.0.0.0: any). */
  membershipV4(fd: number, join: boolean, group: Uint8Array, iface: Uint8Array): void;
  /** Joins (`join`) or leaves an IPv6 multicast group on interface `ifIndex` (0: any). */
  membershipV6(fd: number, join: boolean, group: Uint8Array, ifIndex: number): void;
}

// ---- Unix-domain sockets

/**
 * A Unix socket address as data: a pathname, an abstract name (Linux), or
 * neither (unnamed). Never both.
 */
export interface UnixEndpoint {
  /** The pathname's bytes, without a terminating NUL; `null` if not a pathname. */
  readonly path: Uint8Array | null;
  /** The abstract name's bytes, without the leading NUL; `null` if not abstract. */
  readonly abstract: Uint8Array | null;
}

/** The two kinds of Unix socket mio-ts makes. */
export type UnixSocketType = "stream" | "datagram";

/** Unix-domain socket operations on descriptors. */
export interface UnixSocketOps {
  /**
   * Checks that `addr` fits the OS's `sun_path`; throws `IoError`
   * `InvalidInput` (before any syscall) when it does not.
   */
  check(addr: UnixEndpoint): void;
  /** A non-blocking, close-on-exec stream socket bound to `addr` and listening. */
  listen(addr: UnixEndpoint): number;
  /** A non-blocking, close-on-exec stream socket connected (or connecting) to `addr`. */
  connect(addr: UnixEndpoint): number;
  /** A non-blocking, close-on-exec datagram socket, bound to `addr` unless it is `null`. */
  datagram(addr: UnixEndpoint | null): number;
  /** Two connected non-blocking, close-on-exec sockets of `type` (`socketpair`). */
  pair(type: UnixSocketType): [number, number];
  /** Accepts one connection (non-blocking, close-on-exec) with its peer's address; `null` when it would block. */
  accept(fd: number): Accepted<UnixEndpoint> | null;
  /** Connects a datagram socket: the default destination and only source. */
  connectDatagram(fd: number, addr: UnixEndpoint): void;
  /** Sends the first `len` bytes of `buf` (see `SocketOps`) as one datagram to `addr` without raising SIGPIPE. */
  sendTo(fd: number, buf: Uint8Array, len: number, addr: UnixEndpoint): number;
  /** Receives one datagram into the first `len` bytes of `buf` (truncated to them) and leaves its sender in `sender`. */
  recvFrom<T>(fd: number, buf: Uint8Array, len: number, sender: SenderSlot<UnixEndpoint, T>): number;
  /** The local address of a socket. */
  localAddr(fd: number): UnixEndpoint;
  /** The peer address of a connected socket. */
  peerAddr(fd: number): UnixEndpoint;
}

// ---- Pipes

/** Operations on the two ends of a pipe. */
export interface PipeOps {
  /** A new pipe, both ends non-blocking and close-on-exec: `[readFd, writeFd]`. */
  pipe(): [number, number];
  /** Reads into the first `len` bytes of `buf` (see `SocketOps`); 0 at end of stream (every writer closed). */
  read(fd: number, buf: Uint8Array, len: number): number;
  /** Writes the first `len` bytes of `buf`; `BrokenPipe` once every reader has closed. */
  write(fd: number, buf: Uint8Array, len: number): number;
  /** Sets or clears `O_NONBLOCK` (for descriptors taken with `fromFd`). */
  setNonblocking(fd: number, on: boolean): void;
  /** Closes the descriptor. */
  close(fd: number): void;
}

// ---- Windows named pipes

/**
 * One end of a named pipe with its overlapped I/O state. The selector
 * registers it by `handle`; reads come from an internal buffer a background
 * read fills, writes are copied and written in the background. Until it is
 * registered with a `Poll`, every operation would block.
 */
export interface NamedPipeEnd {
  /** The pipe's HANDLE, as a number. */
  readonly handle: number;
  /**
   * Starts connecting a client (server end): `true` once one is connected,
   * `false` (WouldBlock) while the connect is pending or before the end is
   * registered; a writable event says the connect ended.
   */
  connect(): boolean;
  /** Disconnects the client, if any (server end). */
  disconnect(): void;
  /**
   * Reads buffered data into the first `len` bytes of `buf` (at most its
   * engine length, `byteLengthOf`): a count, 0 at end of stream, or `WOULD_BLOCK`.
   */
  read(buf: Uint8Array, len: number): number;
  /** Copies the first `len` bytes of `buf` (or fewer) and writes them in the background: the count, or `WOULD_BLOCK`. */
  write(buf: Uint8Array, len: number): number;
  /** The error of the last connect, cleared by reading it, or `null`. */
  takeError(): IoError | null;
  /**
   * Cancels the pending connect and read and closes the handle once pending
   * writes are done (they are not cancelled, as in mio). Idempotent.
   */
  close(): void;
}

/** Opens named pipes. */
export interface NamedPipeOps {
  /** Creates the server end of pipe `name` (`\\.\pipe\…`): its first instance, overlapped, byte mode. */
  create(name: string): NamedPipeEnd;
  /** Opens the client end of pipe `name`, overlapped. */
  open(name: string): NamedPipeEnd;
  /** Takes ownership of a named pipe `handle` opened for overlapped I/O. */
  fromHandle(handle: number): NamedPipeEnd;
}

// ---- The platform

/**
 * Closes a Worker's descriptors when its thread ends without running
 * JavaScript (`worker.terminate()`): see `thread_exit.ts`. Every owner of a
 * descriptor holds it when it takes it and releases it before it closes it
 * (or gives it away, or shares it with another Worker), so exactly one path
 * closes it. Holding may decline (the main thread, a budget, an OS without
 * the means): the descriptor is then closed by JavaScript only.
 */
export interface ThreadExitClose {
  /** Has `fd` closed when this thread exits, unless released first; whether it is held. */
  hold(fd: number): boolean;
  /** Stops holding `fd`; nothing if it is not held. */
  release(fd: number): void;
}

/** The operating system's services, behind portable interfaces. */
export interface Platform {
  /** The FFI in use. */
  readonly runtime: Runtime;
  /** The selector every `Poll` uses. */
  readonly backend: Backend;
  /** Bytes per raw event record of that selector. */
  readonly rawEventSize: number;
  /** The most events one wait of that selector can return (the OS's bound on its count argument). */
  readonly maxEvents: number;
  /** Creates a selector. */
  newSelector(): Selector;
  /**
   * A waker of another Worker's `Poll`, from what its `Waker.share()`
   * returned; `TypeError` for anything else.
   */
  sharedWaker(value: unknown): SysWaker;
  /**
   * Registers with another Worker's `Poll`, from what its `Registry.share()`
   * returned; `TypeError` for anything else.
   */
  sharedRegistrar(value: unknown): Registrar;
  /**
   * Writes into `into` (`WAKER_LOCATION_SLOTS` numbers, e.g. in a
   * `SharedArrayBuffer`) where `waker`, made by `createWaker`, is, for
   * `wakeAt` in any Worker.
   */
  locateWaker(waker: SysWaker, into: Float64Array): void;
  /**
   * Wakes the waker that `locateWaker` wrote into `location`, from any
   * Worker. The caller makes sure that waker is not closed meanwhile (no
   * guard here: the numbers may name something else once it is).
   */
  wakeAt(location: Float64Array): void;
  /**
   * TCP operations, and the stream calls (read, write, peek, shutdown,
   * `takeErrno`, close) that every socket uses, Unix-domain ones included.
   */
  readonly net: SocketOps;
  /** UDP socket operations. */
  readonly udp: UdpOps;
  /** Unix-domain socket operations. */
  readonly uds: UnixSocketOps;
  /** Pipe operations. */
  readonly pipe: PipeOps;
  /** Windows named-pipe operations (`Unsupported` elsewhere). */
  readonly namedPipe: NamedPipeOps;
  /** The `IoError` for an OS error number reported by `syscall`. */
  readonly osError: OsError;
  /** Closes the sources' descriptors when this thread ends with no JavaScript to run. */
  readonly threadExit: ThreadExitClose;
}
