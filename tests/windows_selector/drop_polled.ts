// Child process for tests/windows_selector.test.ts (Windows): registers many
// sockets with AFD polls in flight (some completing as datagrams arrive),
// drops them without close(), forces garbage collection so the safety net
// deregisters (cancelling the polls) and closes them while the Poll keeps
// polling, three rounds; then checks the Poll and a new one still work.
// Prints one JSON report line. Run with the engine's gc exposed (node
// --expose-gc, deno --v8-flags=--expose-gc; Bun has Bun.gc).
import process from "node:process";
import { Events, Interest, Poll, TcpListener, TcpStream, Token, UdpSocket } from "../../mod.ts";
import { isFdOpen } from "../util/descriptors.ts";
import { ffi } from "../../sys/ffi/load.ts";
import { liveNativeBlocks } from "../../sys/windows/native_memory.ts";

const heap = ffi.open("kernel32.dll", {
  GetProcessHeap: { c: "HANDLE GetProcessHeap(void)", args: [], result: "isize" },
  HeapValidate: {
    c: "BOOL HeapValidate(HANDLE hHeap, DWORD dwFlags, LPCVOID lpMem)",
    args: ["isize", "u32", "isize"],
    result: "i32",
  },
});
/** Whether the process heap (where socket states' native memory lives) is consistent. */
const heapValid = () => heap.HeapValidate(heap.GetProcessHeap(), 0, 0) !== 0;

const g = globalThis as { gc?: () => void; Bun?: { gc(force: boolean): void } };
const collect = () => (g.gc ? g.gc() : g.Bun?.gc(true));
const ROUNDS = 3;
const PER_KIND = 24;

const poll = new Poll();
const events = new Events(256);
const listener = TcpListener.bind("127.0.0.1:0");
const sender = UdpSocket.bind("127.0.0.1:0");

/**
 * Opens UDP sockets and connected TCP streams in a scope that ends, registers
 * each with a poll started for it, makes half of the UDP polls complete, and
 * returns their handles.
 */
function leak(round: number): number[] {
  const handles: number[] = [];
  const udp: UdpSocket[] = [];
  for (let i = 0; i < PER_KIND; i++) {
    const socket = UdpSocket.bind("127.0.0.1:0");
    poll.registry().register(socket, Token(1000 * round + i), Interest.READABLE);
    udp.push(socket);
    const stream = TcpStream.connect(listener.localAddr());
    poll.registry().register(stream, Token(1000 * round + 500 + i), Interest.READABLE);
    handles.push(socket.fd, stream.fd);
  }
  poll.poll(events, 0); // starts every socket's poll
  for (let i = 0; i < PER_KIND; i += 2) sender.sendTo(new Uint8Array([round, i]), udp[i].localAddr());
  return handles;
}

/** Accepts what the leaked streams connected, and closes it. */
function drainListener(): void {
  for (let accepted = listener.accept(); accepted !== null; accepted = listener.accept()) accepted[0].close();
}

// Warm up what the selector allocates once per process (NtCreateFile's arguments, the cancel block).
const warm = UdpSocket.bind("127.0.0.1:0");
poll.registry().register(warm, Token(1), Interest.READABLE);
poll.poll(events, 0);
warm.close();
poll.poll(events, 100);
const baseline = liveNativeBlocks();

const leaked: number[] = [];
let collected = true;
for (let round = 1; round <= ROUNDS; round++) {
  const handles = leak(round);
  leaked.push(...handles);
  let open = handles;
  for (let i = 0; i < 200 && open.length > 0; i++) {
    collect();
    await new Promise((resolve) => setTimeout(resolve, 10));
    poll.poll(events, 0); // dequeues the cancelled polls' completions, freeing their memory
    drainListener();
    open = handles.filter(isFdOpen);
  }
  if (open.length > 0) collected = false;
}

/** A datagram to a newly registered socket is reported with its token and read back. */
function exchange(p: Poll, token: number): boolean {
  const receiver = UdpSocket.bind("127.0.0.1:0");
  try {
    p.registry().register(receiver, Token(token), Interest.READABLE);
    sender.sendTo(new Uint8Array([7, 7, 7]), receiver.localAddr());
    let seen = false;
    for (let i = 0; i < 20 && !seen; i++) {
      p.poll(events, 250);
      for (const event of events) if (event.token() === token && event.isReadable()) seen = true;
    }
    const buf = new Uint8Array(8);
    return seen && receiver.recvFrom(buf)?.[0] === 3;
  } finally {
    receiver.close();
  }
}

let heapOk = heapValid();
const sameOk = exchange(poll, 77);
// Close this Poll with polls in flight (the exchange's socket is closed; the listener's is pending).
poll.registry().register(listener, Token(78), Interest.READABLE);
poll.poll(events, 0);
poll.close();
const fresh = new Poll();
const freshOk = exchange(fresh, 79);
heapOk &&= heapValid();
fresh.close();
listener.close();
sender.close();
const blocksLeft = liveNativeBlocks() - baseline;
process.stdout.write(
  `${
    JSON.stringify({
      leaked: leaked.length,
      open: leaked.filter(isFdOpen),
      collected,
      sameOk,
      freshOk,
      heapOk,
      blocksLeft,
    })
  }\n`,
);
