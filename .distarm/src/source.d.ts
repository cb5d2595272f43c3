/**
 * `Source`: what a `Registry` can register (mio's `event::Source`).
 *
 * @module
 */
import type { Interest } from "./interest.ts";
import type { Registry } from "./registry.ts";
import type { Token } from "./token.ts";
/**
 * Anything that can be registered with a `Poll`. Every socket type
 * implements it; implement it on your own type by delegating to a socket or
 * `SourceFd` it holds. Call these through the `Registry`, not directly.
 */
export interface Source {
    /** Starts delivering events for `interest` with `token`. */
    register(registry: Registry, token: Token, interest: Interest): void;
    /** Changes the token and interest of an existing registration. */
    reregister(registry: Registry, token: Token, interest: Interest): void;
    /** Stops delivering events. */
    deregister(registry: Registry): void;
}
/** Throws `TypeError` unless `source` implements `Source`. */
export declare function checkSource(source: unknown): asserts source is Source;
