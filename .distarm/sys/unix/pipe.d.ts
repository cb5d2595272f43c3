import type { PipeOps } from "../pipe_ops.ts";
/** Pipe operations for Linux. */
export declare function unixPipeOps(): PipeOps;
