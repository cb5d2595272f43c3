// Worker of tests/thread_exit.test.ts: opens a pipe, holds both ends for
// closing at this thread's exit (`threadExit`), releases the write end again,
// and reports the ends with whether each is held. It stays alive (its
// message listener) until the parent terminates it: a Worker that ends by
// itself closes what it holds as its thread ends.
import { readlinkSync } from "node:fs";
import { parentPort } from "node:worker_threads";
import { openPipe } from "../../sys/unix/libc.ts";
import { threadExit } from "../../sys/unix/thread_exit_keys.ts";

const ends = new Int32Array(2);
openPipe(ends);
const [reader, writer] = [ends[0]!, ends[1]!];
const readerHeld = threadExit.hold(reader);
const writerHeld = threadExit.hold(writer);
threadExit.release(writer);
parentPort!.on("message", () => {});
parentPort!.postMessage({
  thread: readlinkSync("/proc/thread-self"),
  reader,
  writer,
  readerHeld,
  writerHeld,
  link: readlinkSync(`/proc/self/fd/${reader}`),
});
