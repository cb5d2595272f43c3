/**
 * mio-ts's networking sources: TCP and UDP.
 *
 * @module
 */
export { TcpListener } from "./tcp_listener.js";
export { TcpStream } from "./tcp_stream.js";
export { UdpSocket } from "./udp_socket.js";
export { SocketAddr } from "./socket_addr.js";
export { SocketSource } from "../socket_source.js";
