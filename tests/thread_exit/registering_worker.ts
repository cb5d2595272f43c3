// Worker of tests/thread_exit.test.ts: registers a UDP socket of its own
// with the parent's Poll through the shared registry in `workerData`, with
// the token given, and reports its thread (Linux) and the socket's descriptor. With
// a descriptor number given, it first reports its thread alone and waits
// for "go" (the parent frees that number then: a Worker's start takes
// descriptors of its own); the socket is then the first one bound with that
// number, and it is sent a datagram. It stays alive (its message listener)
// until the parent terminates it: a Worker that ends by itself closes its
// sockets.
import { readlinkSync } from "node:fs";
import process from "node:process";
import { parentPort, workerData } from "node:worker_threads";
import { Interest, Registry, Token, UdpSocket } from "../../mod.ts";
import { socketNumbered } from "./socket_numbered.ts";

const { value, token, fd } = workerData as { value: unknown; token: number; fd: number | null };
const registry = Registry.fromShared(value);
/** The thread, as `/proc/thread-self` names it (Linux); "" on Windows, where the parent watches the socket's handle. */
const thread = process.platform === "linux" ? readlinkSync("/proc/thread-self") : "";
/** Kept reachable until the Worker is terminated: a socket collected would be closed. */
let socket: UdpSocket | null = null;
const registerOne = () => {
  socket = fd === null ? UdpSocket.bind("127.0.0.1:0") : socketNumbered(fd);
  registry.register(socket, Token(token), Interest.READABLE);
  if (fd !== null) socket.send(new Uint8Array([1]));
  parentPort!.postMessage({ thread, fd: socket.fd });
};
parentPort!.on("message", registerOne);
if (fd === null) registerOne();
else parentPort!.postMessage({ thread, fd: null });
