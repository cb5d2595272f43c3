/**
 * mio-ts's Unix sources: Unix-domain sockets (`UnixListener`,
 * `UnixStream`, `UnixDatagram`, `UnixSocketAddr`), pipes (`pipe()`,
 * `Sender`, `Receiver`) and `SourceFd` for any descriptor you own.
 *
 * @example
 * ```ts
 * import { Events, Interest, Poll, Token } from "mio-ts";
 * import { UnixStream } from "mio-ts/unix";
 *
 * const poll = new Poll();
 * const [a, b] = UnixStream.pair();
 * poll.registry().register(b, Token(1), Interest.READABLE);
 * a.write(new TextEncoder().encode("hi"));
 * poll.poll(new Events(8), 100);
 * ```
 *
 * @module
 */
export { UnixListener } from "./unix_listener.ts";
export { UnixStream } from "./unix_stream.ts";
export { UnixDatagram } from "./unix_datagram.ts";
export { UnixSocketAddr, type UnixSocketAddrInput } from "./unix_socket_addr.ts";
export { pipe, Receiver, Sender } from "./pipe.ts";
export { PipeEnd } from "./pipe_end.ts";
export { DescriptorSource } from "../descriptor_source.ts";
export { StreamSocket } from "../stream_socket.ts";
export { SourceFd } from "./source_fd.ts";
