/**
 * `Source`: what a `Registry` can register (mio's `event::Source`).
 *
 * @module
 */
import type { Interest } from "./interest.ts";
import type { RegisterOptions } from "./register_options.ts";
import type { Registry } from "./registry.ts";
import type { Token } from "./token.ts";

/**
 * Anything that can be registered with a `Poll`. Every socket type
 * implements it; implement it on your own type by delegating to a socket or
 * `SourceFd` it holds, passing every argument on (`options` included). Call
 * these through the `Registry`, not directly: it checks the arguments first.
 */
export interface Source {
  /** Starts delivering events for `interest` with `token`, in the mode `options` names. */
  register(registry: Registry, token: Token, interest: Interest, options?: RegisterOptions): void;
  /** Changes the token, interest and mode of an existing registration. */
  reregister(registry: Registry, token: Token, interest: Interest, options?: RegisterOptions): void;
  /** Stops delivering events. */
  deregister(registry: Registry): void;
}

/** Throws `TypeError` unless `source` implements `Source`. */
export function checkSource(source: unknown): asserts source is Source {
  const s = source as Partial<Source> | null;
  if (
    s === null || typeof s !== "object" || typeof s.register !== "function" ||
    typeof s.reregister !== "function" || typeof s.deregister !== "function"
  ) {
    throw new TypeError("source must implement Source (register, reregister, deregister)");
  }
}
