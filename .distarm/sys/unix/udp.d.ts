import { type SockaddrCodec } from "./sockaddr.ts";
import type { LinuxLayouts } from "../layout.ts";
import type { UdpOps } from "../net_ops.ts";
/** UDP operations for Linux, with the struct layouts and address codec of this architecture. */
export declare function unixUdpOps(layouts: LinuxLayouts, codec: SockaddrCodec): UdpOps;
