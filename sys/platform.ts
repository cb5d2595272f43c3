/**
 * What `src/` gets from the operating system: one object, built once by
 * `select.ts` for the OS, architecture and runtime this process runs on.
 *
 * @module
 */
import type { Runtime } from "./ffi/ffi.ts";

export type { Runtime };
import type { Backend, Selector, SysWaker } from "./selector.ts";
import type { SocketOps, UdpOps } from "./net_ops.ts";
import type { UnixSocketOps } from "./unix_socket_ops.ts";
import type { PipeOps } from "./pipe_ops.ts";
import type { NamedPipeOps } from "./named_pipe_ops.ts";
import type { IoError } from "./error.ts";

/** The operating system's services, behind portable interfaces. */
export interface Platform {
  /** The FFI in use. */
  readonly runtime: Runtime;
  /** The selector every `Poll` uses. */
  readonly backend: Backend;
  /** Bytes per raw event record of that selector. */
  readonly rawEventSize: number;
  /** Creates a selector. */
  newSelector(): Selector;
  /**
   * A waker of another Worker's `Poll`, from what its `Waker.share()`
   * returned; `TypeError` for anything else.
   */
  sharedWaker(value: unknown): SysWaker;
  /**
   * A selector that registers with another Worker's `Poll`, from what its
   * `Registry.share()` returned; `TypeError` for anything else.
   */
  sharedSelector(value: unknown): Selector;
  /** Socket operations. */
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
  osError(errno: number, syscall: string): IoError;
}
