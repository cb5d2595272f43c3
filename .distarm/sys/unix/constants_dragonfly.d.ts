/**
 * DragonFly BSD constants (x86_64, its only architecture).
 *
 * @module
 */
import type { BsdConstants } from "./constants_bsd.ts";
/** DragonFly BSD's kqueue, socket, fcntl and errno numbers. */
export declare const DRAGONFLY: BsdConstants;
