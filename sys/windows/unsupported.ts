/**
 * What Windows does not provide to the portable layer: Unix-domain sockets and
 * pipes (mio offers neither on Windows). Every operation (but closing a
 * pipe end) throws `IoError` kind `Unsupported` before any syscall, naming
 * what is missing.
 *
 * @module
 */
import { IoError } from "../error.ts";
import type { PipeOps, UnixSocketOps } from "../contract.ts";

/** A function that throws `Unsupported` for `feature`. */
function refuse(feature: string): () => never {
  return () => {
    throw new IoError("Unsupported", `${feature} are not supported on Windows (as in mio)`, {
      code: "EOPNOTSUPP",
    });
  };
}

const uds = refuse("Unix-domain sockets (UnixListener, UnixStream, UnixDatagram)");

/** Unix-domain socket operations on Windows: each throws `Unsupported`. */
export const unsupportedUdsOps: UnixSocketOps = {
  check: uds,
  listen: uds,
  connect: uds,
  datagram: uds,
  pair: uds,
  accept: uds,
  connectDatagram: uds,
  sendTo: uds,
  recvFrom: uds,
  localAddr: uds,
  peerAddr: uds,
};

const pipes = refuse("Unix pipes (pipe(), Sender, Receiver)");

/**
 * Pipe operations on Windows: each throws `Unsupported`, but `close`, which
 * does nothing: no pipe can be made here, and a number handed to
 * `Sender.fromFd`/`Receiver.fromFd` stays its owner's (closing must not
 * throw, least of all from the safety net that closes dropped sources).
 */
export const unsupportedPipeOps: PipeOps = {
  pipe: pipes,
  read: pipes,
  write: pipes,
  setNonblocking: pipes,
  close: () => {},
};
