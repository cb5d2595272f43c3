// Throughput of examples/multi_worker_server.ts with 2 Workers against 1,
// on the runtime that runs this, measured in the same run:
//
//   deno run -A bench/multi_worker.ts
//   bun bench/multi_worker.ts
//   node dist/bench/multi_worker.js   (after `tsc -p .`)
//   npm run bench:workers             (all three)
//
// Each round starts the server (its own process, `--listen 127.0.0.1:0`)
// with 1 and with 2 Workers, the order alternating between rounds, and
// drives it with our load generator (this file with `--load ADDR`, another
// process, one thread): CONNECTIONS connections, each a ping-pong of
// SIZE-byte messages (send, wait for the echo, send again), WARMUP_S
// seconds of warm-up, then SECONDS measured. Reported per Worker count:
// round trips per second (median of ROUNDS rounds, with min–max), the
// server's CPU use over the measured window (utime + stime of
// /proc/<pid>/stat, all its threads, in cores), and round trips per
// server CPU-second. Loopback only.
//
// Environment: ROUNDS (5), SECONDS (3), WARMUP_S (1), CONNECTIONS (64),
// SIZE (64).
import process from "node:process";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { Events, Interest, Poll, TcpStream, Token } from "../mod.js";
/** A positive number from the environment. */
function setting(name, fallback) {
    const n = Number(process.env[name] ?? fallback);
    if (!(n > 0))
        throw new RangeError(`${name} must be a positive number`);
    return n;
}
const ROUNDS = setting("ROUNDS", 5);
const SECONDS = setting("SECONDS", 3);
const WARMUP_S = setting("WARMUP_S", 1);
const CONNECTIONS = setting("CONNECTIONS", 64);
const SIZE = setting("SIZE", 64);
/** The kernel's clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;
const g = globalThis;
const runtime = g.Deno
    ? `deno ${g.Deno.version.deno}`
    : g.Bun
        ? `bun ${g.Bun.version}`
        : `node ${process.version}`;
const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
/** The command that runs `file` (a script of this repository) on this runtime. */
function command(file, args) {
    const path = fileURLToPath(new URL(file, import.meta.url));
    const deno = ["run", "--allow-ffi", "--allow-read", "--allow-env"];
    return [process.execPath, [...(g.Deno ? deno : []), path, ...args]];
}
/** The load generator: ping-pong on CONNECTIONS connections; prints START, then RESULT {roundTrips, seconds}. */
function generate(addr) {
    const poll = new Poll();
    const events = new Events(1024);
    const out = new Uint8Array(SIZE).fill(42);
    const into = new Uint8Array(SIZE);
    const streams = [];
    /** Bytes of the current message written, and echoed back, per connection. */
    const sent = new Int32Array(CONNECTIONS);
    const got = new Int32Array(CONNECTIONS);
    let roundTrips = 0;
    /** Writes what is left of connection `i`'s message; WouldBlock waits for its writable event. */
    const send = (i) => {
        while (sent[i] < SIZE) {
            const n = streams[i].write(out.subarray(sent[i]));
            if (n === null)
                return;
            sent[i] += n;
        }
    };
    try {
        for (let i = 0; i < CONNECTIONS; i++) {
            const stream = TcpStream.connect(addr);
            streams.push(stream);
            poll.registry().register(stream, Token(i), Interest.READABLE | Interest.WRITABLE);
        }
        const start = performance.now();
        const measureFrom = start + WARMUP_S * 1000;
        const end = measureFrom + SECONDS * 1000;
        let measuring = false;
        for (;;) {
            const now = performance.now();
            if (!measuring && now >= measureFrom) {
                measuring = true;
                roundTrips = 0;
                console.log("START");
            }
            if (now >= end)
                break;
            poll.poll(events, 100);
            for (const event of events) {
                const i = event.token();
                if (event.isWritable()) {
                    if (sent[i] === 0)
                        streams[i].setNodelay(true);
                    send(i);
                }
                let n;
                while ((n = streams[i].read(into.subarray(got[i]))) !== null) {
                    if (n === 0)
                        throw new Error(`connection ${i}: the server hung up`);
                    got[i] += n;
                    if (got[i] === SIZE) {
                        roundTrips++;
                        got[i] = 0;
                        sent[i] = 0;
                        send(i);
                    }
                }
            }
        }
        console.log(`RESULT ${JSON.stringify({ roundTrips, seconds: (performance.now() - measureFrom) / 1000 })}`);
    }
    finally {
        for (const s of streams)
            s.close();
        poll.close();
    }
}
/** A child process's stdout, line by line. */
function linesOf(child) {
    return createInterface({ input: child.stdout })[Symbol.asyncIterator]();
}
/** The next line matching `pattern` (other lines are kept in `seen`). */
async function lineMatching(lines, pattern, seen) {
    for (;;) {
        const r = await lines.next();
        if (r.done)
            throw new Error(`ended before printing ${pattern}:\n${seen.join("\n")}`);
        seen.push(r.value);
        const m = pattern.exec(r.value);
        if (m)
            return m;
    }
}
/** CPU seconds used so far by process `pid` (all threads). */
function cpuSeconds(pid) {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS; // utime, stime
}
/** Starts the server with `workers` Workers, drives it, stops it. */
async function measure(workers) {
    const [cmd, args] = command(`../examples/multi_worker_server.${ext}`, [
        "--listen",
        "127.0.0.1:0",
        "--workers",
        String(workers),
    ]);
    const server = spawn(cmd, args, { stdio: ["ignore", "pipe", "inherit"] });
    const serverExit = new Promise((resolve) => server.once("exit", resolve));
    const serverLines = linesOf(server);
    const serverSeen = [];
    try {
        const [, addr] = await lineMatching(serverLines, /listening on (\S+)/, serverSeen);
        const [genCmd, genArgs] = command(`./multi_worker.${ext}`, ["--load", addr]);
        const generator = spawn(genCmd, genArgs, { stdio: ["ignore", "pipe", "inherit"] });
        const generatorExit = new Promise((resolve) => generator.once("exit", resolve));
        const genLines = linesOf(generator);
        const genSeen = [];
        await lineMatching(genLines, /^START$/, genSeen);
        const cpuStart = cpuSeconds(server.pid);
        const [, json] = await lineMatching(genLines, /^RESULT (.*)$/, genSeen);
        const cpu = cpuSeconds(server.pid) - cpuStart;
        const { roundTrips, seconds } = JSON.parse(json);
        await generatorExit;
        server.kill("SIGTERM");
        const perWorker = [];
        for (let i = 0; i < workers; i++) {
            const [, connections] = await lineMatching(serverLines, /^worker \d+: (\d+) connections/, serverSeen);
            perWorker.push(Number(connections));
        }
        return {
            roundTripsPerSecond: roundTrips / seconds,
            serverCores: cpu / seconds,
            perServerCpuSecond: roundTrips / cpu,
            connectionsPerWorker: perWorker,
        };
    }
    finally {
        server.kill("SIGTERM");
        await serverExit;
    }
}
/** The median of `xs`. */
function median(xs) {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
/** `n` with thousands separators and no decimals. */
function fmt(n) {
    return Math.round(n).toLocaleString("en-US");
}
/** Runs the rounds and prints the table. */
async function bench() {
    console.log(`multi_worker: ${runtime}, ${Poll.backend}, ${cpus().length} CPUs; ${CONNECTIONS} connections x ${SIZE} B ` +
        `ping-pong; ${ROUNDS} rounds of ${SECONDS} s (after ${WARMUP_S} s warm-up), 1 and 2 Workers interleaved; ` +
        `load average ${loadavg()[0].toFixed(2)} at the start`);
    const samples = new Map([[1, []], [2, []]]);
    for (let round = 0; round < ROUNDS; round++) {
        for (const workers of round % 2 === 0 ? [1, 2] : [2, 1]) {
            const s = await measure(workers);
            samples.get(workers).push(s);
            console.log(`  round ${round + 1}, ${workers} Worker(s): ${fmt(s.roundTripsPerSecond)} round trips/s, ` +
                `server ${s.serverCores.toFixed(2)} cores, connections per Worker ${s.connectionsPerWorker.join("/")}`);
        }
    }
    console.log("| Workers | round trips/s, median (min–max) | server CPU, cores | round trips per server CPU-s |");
    console.log("|---|---|---|---|");
    for (const [workers, list] of samples) {
        const rps = list.map((s) => s.roundTripsPerSecond);
        console.log(`| ${workers} | ${fmt(median(rps))} (${fmt(Math.min(...rps))}–${fmt(Math.max(...rps))}) | ` +
            `${median(list.map((s) => s.serverCores)).toFixed(2)} | ${fmt(median(list.map((s) => s.perServerCpuSecond)))} |`);
    }
    const ratio = median(samples.get(2).map((s) => s.roundTripsPerSecond)) /
        median(samples.get(1).map((s) => s.roundTripsPerSecond));
    console.log(`2 Workers / 1 Worker: ${ratio.toFixed(2)}x round trips/s (${runtime})`);
}
const loadAt = process.argv.indexOf("--load");
if (loadAt >= 0)
    generate(process.argv[loadAt + 1]);
else
    await bench();
