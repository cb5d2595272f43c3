import type { NamedPipeOps } from "../named_pipe_ops.ts";
/** Named-pipe operations for Windows. */
export declare function windowsNamedPipeOps(): NamedPipeOps;
