/**
 * mio-ts's networking sources: TCP and UDP.
 *
 * @module
 */
export { TcpListener, type TcpListenerOptions } from "./tcp_listener.ts";
export { TcpStream } from "./tcp_stream.ts";
export { UdpSocket } from "./udp_socket.ts";
export { SocketAddr, type SocketAddrInput } from "./socket_addr.ts";
export type { ShutdownHow } from "../../sys/contract.ts";
export { SocketSource } from "../socket_source.ts";
export { DescriptorSource } from "../descriptor_source.ts";
export { StreamSocket } from "../stream_socket.ts";
