/**
 * One measurement each: start a server (pinned to the server core) and
 * wait for its port, drive it with the echo load generator or `wrk`
 * (pinned to the load core), and return the count, the window and the
 * server's CPU seconds over that window.
 *
 * @module
 */
import { connect, createServer } from "node:net";
import { join } from "node:path";
import { Child, cpuSeconds } from "./proc.mjs";

/** A port free on 127.0.0.1 right now. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Whether something accepts connections on 127.0.0.1:port. */
function accepting(port) {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Starts a server (`command`, `args`, the port, then `after`) on core
 * `cpu` and resolves once it accepts connections; `{ child, port }`.
 */
export async function startServer({ root, command, args, after = [], cpu }) {
  const port = await freePort();
  const child = new Child(command, [...args, String(port), ...after], { cwd: root, cpu });
  const deadline = Date.now() + 60_000;
  while (!(await accepting(port))) {
    if (child.ended) throw new Error(`${child.describe}: exited before listening\n${child.tail()}`);
    if (Date.now() > deadline) {
      await child.stop();
      throw new Error(`${child.describe}: not listening on ${port} after 60 s\n${child.tail()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port };
}

/** Asks an echo server started with `--control` for its JS heap: `{ heapUsed, open, collected }`. */
async function serverHeap(server) {
  server.child.send("heap\n");
  const [, heapUsed, open, gc] = await server.child.line(/^heap (\d+) (\d+) (\w+)$/, 30_000);
  return { heapUsed: Number(heapUsed), open: Number(open), collected: gc === "gc" };
}

/**
 * Runs bench/.build/echo_load against `server`: `mode` "pingpong" or
 * "stream", `idle` idle connections beside, `heap` to read the server's
 * heap while the load's connections are still open. Returns
 * `{ count, bytes, seconds, serverCpu, heap? }`.
 */
export async function echoLoad(
  server,
  { root, binary, cpu, mode, connections, size, warmup, seconds, idle, heap },
) {
  const args = ["-m", mode, "-p", String(server.port), "-s", String(size), "-c", String(connections)];
  args.push("-w", String(warmup), "-d", String(seconds), "-P", String(server.child.pid));
  if (idle > 0) args.push("-i", String(idle));
  if (heap) args.push("-H");
  const load = new Child(binary, args, { cwd: root, cpu });
  try {
    const [, json] = await load.line(/^RESULT (.*)$/, (warmup + seconds + 120) * 1000);
    const result = JSON.parse(json);
    if (heap) result.heap = await serverHeap(server);
    load.send("\n");
    const { code } = await load.wait(30_000);
    if (code !== 0) throw new Error(`echo_load exited with ${code}\n${load.tail()}`);
    return result;
  } finally {
    await load.stop();
  }
}

/** A time as wrk prints it (`25.00us`, `1.23ms`, `2.00s`), in µs. */
function wrkMicroseconds(text) {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text);
  if (m === null) throw new Error(`wrk printed an unexpected time ${JSON.stringify(text)}`);
  return Number(m[1]) * { us: 1, ms: 1e3, s: 1e6, m: 6e7 }[m[2]];
}

/**
 * Runs `wrk -t1` against `server` for `seconds` with `connections`
 * connections, `pipeline` requests in flight per connection (1: none);
 * `latency`: with `--latency`, adding wrk's p50 and p99 of the request
 * latencies. Returns `{ count, seconds, serverCpu, errors, p50us?, p99us? }`
 * (errors: wrk's socket errors and non-2xx responses, as text, or "").
 */
export async function wrkLoad(server, { root, cpu, connections, seconds, pipeline, latency = false }) {
  const args = ["-t1", `-c${connections}`, `-d${seconds}s`, "--timeout", "5s"];
  if (latency) args.push("--latency");
  if (pipeline > 1) args.push("-s", join(root, "bench/load/pipeline.lua"));
  args.push(`http://127.0.0.1:${server.port}/`);
  if (pipeline > 1) args.push("--", String(pipeline));
  const before = cpuSeconds(server.child.pid);
  const wrk = new Child("wrk", args, { cwd: root, cpu });
  const { code } = await wrk.wait((seconds + 60) * 1000);
  const serverCpu = cpuSeconds(server.child.pid) - before;
  const out = wrk.lines.join("\n");
  const m = /(\d+) requests in ([\d.]+)(m?s)/.exec(out);
  if (code !== 0 || m === null) throw new Error(`wrk failed (exit ${code}):\n${out}\n${wrk.stderr}`);
  const errors = [/Socket errors:.*/.exec(out)?.[0], /Non-2xx or 3xx responses:.*/.exec(out)?.[0]]
    .filter((e) => e !== undefined).join("; ");
  const result = {
    count: Number(m[1]),
    seconds: Number(m[2]) / (m[3] === "ms" ? 1000 : 1),
    serverCpu,
    errors,
  };
  if (!latency) return result;
  const quantile = (q) => {
    const line = new RegExp(`^\\s+${q}%\\s+(\\S+)$`, "m").exec(out);
    if (line === null) throw new Error(`wrk --latency printed no ${q}% line:\n${out}`);
    return wrkMicroseconds(line[1]);
  };
  return { ...result, p50us: quantile(50), p99us: quantile(99) };
}
