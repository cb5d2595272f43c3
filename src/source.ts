/**
 * `Source`: what a `Registry` can register (mio's `event::Source`).
 *
 * @module
 */
import type { Interest } from "./interest.ts";
import type { RegisterMode } from "./register_options.ts";
import type { Registry } from "./registry.ts";
import type { Token } from "./token.ts";

/**
 * Anything that can be registered with a `Poll`. Every socket type
 * implements it; implement it on your own type by delegating to a socket or
 * `SourceFd` it holds. Call these through the `Registry`, not directly.
 */
export interface Source {
  /**
   * Starts delivering events for `interest` with `token`, as `options` say
   * (checked by the `Registry`, every field present).
   */
  register(registry: Registry, token: Token, interest: Interest, options?: RegisterMode): void;
  /** Changes the token, interest and options of an existing registration. */
  reregister(registry: Registry, token: Token, interest: Interest, options?: RegisterMode): void;
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
