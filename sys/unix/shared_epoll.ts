/**
 * An epoll instance's registry, shared between Workers. `epoll_ctl` is
 * thread-safe in the kernel, so another Worker can add, change and remove
 * descriptors of the owner's epoll instance directly; their events arrive
 * in the owner's `poll()`. The owner's `SharedGuard` keeps those calls away
 * from the epoll descriptor once the `Poll` is closed (`BadResource`).
 *
 * @module
 */
import { errno, libc } from "./libc.ts";
import { LINUX as C } from "./constants_linux.ts";
import { osError } from "./errno_linux.ts";
import { epollFlags } from "./epoll.ts";
import { SharedGuard } from "../shared_guard.ts";
import {
  hasType,
  isDescriptor,
  type Registrar,
  type SharedRegistry,
} from "../contract.ts";
import type { Struct } from "../layout.ts";
import { badResource } from "../error.ts";

const TWO_32 = 0x1_0000_0000;

/** The shared value of an epoll registry. */
export interface SharedEpollValue extends SharedRegistry {
  /** Always `"epoll"`. */
  readonly backend: "epoll";
  /** The epoll descriptor. */
  readonly fd: number;
  /** The owner's `SharedGuard` state. */
  readonly state: SharedArrayBuffer;
}

/**
 * The registrar behind a `Registry.fromShared` registry: it registers,
 * reregisters and deregisters with the owner's epoll instance. Waiting for events
 * and making a waker belong to the owner's `Selector`, in the owner's Worker.
 */
export class SharedEpollRegistrar implements Registrar {
  /** Always `"epoll"`. */
  readonly backend = "epoll" as const;
  readonly #value: SharedEpollValue;
  readonly #guard: SharedGuard;
  readonly #layout: Struct;
  /** One `epoll_event` for `epoll_ctl`, reused. */
  readonly #ctl: Uint8Array;
  readonly #ctlWords: DataView;

  private constructor(layout: Struct, value: SharedEpollValue) {
    this.#value = value;
    this.#guard = SharedGuard.attach(value.state);
    this.#layout = layout;
    this.#ctl = new Uint8Array(layout.size);
    this.#ctlWords = new DataView(this.#ctl.buffer);
  }

  /**
   * Checks `value` and wraps it, using the `epoll_event` layout given.
   *
   * @throws {TypeError} unless `value` came from `Registry.share()`.
   */
  static from(layout: Struct, value: unknown): SharedEpollRegistrar {
    if (
      !hasType(value, "mio-ts/registry") || value.backend !== "epoll" || !isDescriptor(value.fd) ||
      !SharedGuard.isState(value.state)
    ) {
      throw new TypeError("value must be what Registry.share() returned");
    }
    const { fd, state } = value;
    return new SharedEpollRegistrar(layout, { type: "mio-ts/registry", backend: "epoll", fd, state });
  }

  /** Whether the owner closed its `Poll`. */
  get closed(): boolean {
    return this.#guard.closed;
  }

  #ctlCall(op: number, fd: number, token: number, interest: number): void {
    const { events, data } = this.#layout.fields;
    this.#ctlWords.setUint32(events.offset, epollFlags(interest), true);
    this.#ctlWords.setUint32(data.offset, token % TWO_32, true);
    this.#ctlWords.setUint32(data.offset + 4, Math.floor(token / TWO_32), true);
    if (!this.#guard.enter()) throw badResource("Poll");
    let e = 0;
    try {
      if (libc.epoll_ctl(this.#value.fd, op, fd, this.#ctl) < 0) e = errno();
    } finally {
      this.#guard.leave();
    }
    if (e !== 0) throw osError(e, "epoll_ctl");
  }

  /** `EPOLL_CTL_ADD` on the owner's epoll instance. */
  register(fd: number, token: number, interest: number): void {
    this.#ctlCall(C.EPOLL_CTL_ADD, fd, token, interest);
  }

  /** `EPOLL_CTL_MOD` on the owner's epoll instance. */
  reregister(fd: number, token: number, interest: number): void {
    this.#ctlCall(C.EPOLL_CTL_MOD, fd, token, interest);
  }

  /** `EPOLL_CTL_DEL` on the owner's epoll instance. */
  deregister(fd: number): void {
    this.#ctlCall(C.EPOLL_CTL_DEL, fd, 0, 0);
  }

  /** Nothing to do: epoll is edge-triggered by itself. */
  rearm(_fd: number): void {}

  /** The value this registry was built from, to hand on to another Worker. */
  share(): SharedEpollValue {
    return { ...this.#value };
  }
}
