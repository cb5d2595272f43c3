/**
 * `RegisterOptions`: how a registration reports readiness (mio 0.6's
 * `PollOpt`, smol-rs/polling's `PollMode`), checked by the `Registry`
 * before any source sees them.
 *
 * @module
 */

/** How a registration reports readiness: `registry.register(source, token, interest, options)`. */
export interface RegisterOptions {
  /**
   * `"edge"` (the default, mio 1.0's behaviour): one event per new
   * readiness; `"level"`: an event on every `poll()` while the readiness lasts.
   */
  readonly trigger?: "edge" | "level";
  /**
   * After one event, report nothing more (the source stays registered)
   * until `reregister` enables it again. Default `false`.
   */
  readonly oneshot?: boolean;
}

/** Checked options, every field present. */
export interface RegisterMode {
  /** `"edge"` or `"level"`. */
  readonly trigger: "edge" | "level";
  /** Whether one event disables the registration until `reregister`. */
  readonly oneshot: boolean;
}

/** The defaults: edge-triggered, not oneshot. */
export const DEFAULT_MODE: RegisterMode = Object.freeze({ trigger: "edge", oneshot: false });

/**
 * Checks `options` (`undefined` means the defaults) and returns them with
 * every field present.
 *
 * @throws {TypeError} unless `options` is an object (or `undefined`) whose
 * `trigger` is a string and `oneshot` a boolean (or absent); {RangeError}
 * for a `trigger` other than `"edge"` or `"level"`.
 */
export function checkRegisterOptions(options: unknown): RegisterMode {
  if (options === undefined) return DEFAULT_MODE;
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`options must be an object ({ trigger, oneshot }), got ${String(options)}`);
  }
  const { trigger = "edge", oneshot = false } = options as { trigger?: unknown; oneshot?: unknown };
  if (typeof trigger !== "string") {
    throw new TypeError(`options.trigger must be a string, got ${String(trigger)}`);
  }
  if (trigger !== "edge" && trigger !== "level") {
    throw new RangeError(`options.trigger must be "edge" or "level", got "${trigger}"`);
  }
  if (typeof oneshot !== "boolean") {
    throw new TypeError(`options.oneshot must be a boolean, got ${String(oneshot)}`);
  }
  return trigger === "edge" && !oneshot ? DEFAULT_MODE : Object.freeze({ trigger, oneshot });
}
