// Worker of tests/bun_off_thread.test.ts: starts a read(2) of the pipe
// descriptor it is given, off the JavaScript thread, into the
// SharedArrayBuffer it is given, then ends (process.exit) with the read
// still waiting.
import process from "node:process";
import { parentPort, workerData } from "node:worker_threads";
import { ffi } from "../../sys/ffi/load.ts";
import { cLibrary } from "../../sys/unix/unix_os.ts";

const { fd, buffer } = workerData as { fd: number; buffer: SharedArrayBuffer };
const { read } = ffi.openOffThread(cLibrary().library, {
  read: { c: "ssize_t read(int fd, void *buf, size_t count)", args: ["i32", "buffer", "i32"], result: "i32" },
});
read(fd, new Uint8Array(buffer), buffer.byteLength).then(() => console.log("the read resolved"));
parentPort!.postMessage("reading");
process.exit(0);
