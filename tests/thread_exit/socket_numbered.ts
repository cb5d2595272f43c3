// A UDP socket with a given descriptor number, for tests of a number that
// was closed and is reused.
import { UdpSocket } from "../../mod.ts";

/**
 * A UDP socket on 127.0.0.1, connected to itself, whose descriptor is `fd`:
 * sockets are bound until one gets that number (the lowest free one comes
 * first) and the others closed. Fails when 256 sockets pass without it.
 */
export function socketNumbered(fd: number): UdpSocket {
  const others: UdpSocket[] = [];
  try {
    for (let i = 0; i < 256; i++) {
      const socket = UdpSocket.bind("127.0.0.1:0");
      if (socket.fd === fd) {
        socket.connect(socket.localAddr());
        return socket;
      }
      others.push(socket);
    }
    throw new Error(`256 sockets were bound and none got descriptor ${fd}`);
  } finally {
    for (const socket of others) socket.close();
  }
}
