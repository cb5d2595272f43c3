/**
 * `RegisterOptions`: how a registration reports readiness (mio 0.6's
 * `PollOpt`, smol-rs/polling's `PollMode`).
 *
 * @module
 */
import { MODE_EDGE, MODE_LEVEL, MODE_ONESHOT } from "../sys/contract.ts";

/**
 * The mode of a registration, the optional fourth argument of
 * `registry.register` and `registry.reregister`. The default,
 * `{ trigger: "edge", oneshot: false }`, is mio 1.0's behaviour.
 */
export interface RegisterOptions {
  /**
   * `"edge"` (the default): one event per change of readiness; read or
   * write until WouldBlock before waiting for the next. `"level"`: an event
   * on every `poll()` while the readiness lasts.
   */
  readonly trigger?: "edge" | "level";
  /**
   * `true`: after one event the registration is disabled (still
   * registered) until `reregister` enables it again. Default `false`.
   */
  readonly oneshot?: boolean;
}

/** The four modes as the frozen options a `Source` receives, by mode bits. */
const CANONICAL: readonly Readonly<Required<RegisterOptions>>[] = [
  Object.freeze({ trigger: "edge", oneshot: false }),
  Object.freeze({ trigger: "level", oneshot: false }),
  Object.freeze({ trigger: "edge", oneshot: true }),
  Object.freeze({ trigger: "level", oneshot: true }),
];

/**
 * The mode bits (`MODE_*`) of `options`; `undefined` is the default.
 *
 * @throws {TypeError} unless `options` is an object (or `undefined`) whose
 * `trigger` is a string (or absent) and `oneshot` a boolean (or absent);
 * {RangeError} for a `trigger` other than `"edge"` or `"level"`.
 */
export function checkRegisterOptions(options: unknown): number {
  if (options === undefined) return MODE_EDGE;
  if (typeof options !== "object" || options === null) {
    throw new TypeError(`options must be an object ({ trigger?, oneshot? }), got ${describe(options)}`);
  }
  const { trigger, oneshot } = options as { trigger?: unknown; oneshot?: unknown };
  let mode = MODE_EDGE;
  if (trigger !== undefined) {
    if (typeof trigger !== "string") {
      throw new TypeError(`options.trigger must be "edge" or "level", got ${describe(trigger)}`);
    }
    if (trigger === "level") mode |= MODE_LEVEL;
    else if (trigger !== "edge") {
      throw new RangeError(`options.trigger must be "edge" or "level", got "${trigger}"`);
    }
  }
  if (oneshot !== undefined) {
    if (typeof oneshot !== "boolean") {
      throw new TypeError(`options.oneshot must be a boolean, got ${describe(oneshot)}`);
    }
    if (oneshot) mode |= MODE_ONESHOT;
  }
  return mode;
}

/** The frozen `RegisterOptions` of mode bits `mode`, as a `Source` receives them. */
export function optionsOf(mode: number): Readonly<Required<RegisterOptions>> {
  return CANONICAL[mode]!;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value === "string") return `"${value}"`;
  if (typeof value === "object" || typeof value === "function") return typeof value;
  return String(value);
}
