import { type SockaddrCodec } from "./sockaddr.ts";
import type { SocketOps } from "../net_ops.ts";
/** Socket operations for Linux. */
export declare function unixSocketOps(codec: SockaddrCodec): SocketOps;
