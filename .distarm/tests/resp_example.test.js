// examples/resp_server.ts against Redis's own clients (Debian's
// redis-tools): redis-cli commands with their exact replies, errors
// included, and a short redis-benchmark run that must report no errors.
// Each test starts the server on a free port, stops it with SIGTERM and
// checks that it exited cleanly; each is skipped, with the reason printed,
// where its client is not installed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { missingCommand, runClient, startExample } from "./util/example_server.js";
const noCli = missingCommand("redis-cli");
const noBenchmark = missingCommand("redis-benchmark");
if (noCli)
    console.log(`SKIP resp_server with redis-cli: ${noCli}`);
if (noBenchmark)
    console.log(`SKIP resp_server with redis-benchmark: ${noBenchmark}`);
test("examples/resp_server with redis-cli: PING, ECHO, SET/GET, INCR, DEL and errors, as redis-server answers", {
    skip: noCli,
}, async () => {
    const server = await startExample("resp_server");
    let output = "";
    try {
        // redis-cli prints replies raw when its output is not a terminal; errors end with an empty line.
        const cli = (...args) => runClient("redis-cli", ["-p", String(server.port), ...args]);
        const cases = [
            [["PING"], "PONG\n"],
            [["ping", "hello world"], "hello world\n"],
            [["ECHO", "a\r\nb"], "a\r\nb\n"],
            [["GET", "k"], "\n"],
            [["SET", "k", "10"], "OK\n"],
            [["GET", "k"], "10\n"],
            [["INCR", "k"], "11\n"],
            [["INCR", "fresh"], "1\n"],
            [["DEL", "k", "fresh", "missing"], "2\n"],
            [["GET", "k"], "\n"],
            [["SET", "text", "abc"], "OK\n"],
            [["INCR", "text"], "ERR value is not an integer or out of range\n\n"],
            [["SET", "max", "9223372036854775807"], "OK\n"],
            [["INCR", "max"], "ERR increment or decrement would overflow\n\n"],
            [["GET"], "ERR wrong number of arguments for 'get' command\n\n"],
            [["NOSUCH", "a", "b"], "ERR unknown command 'NOSUCH', with args beginning with: 'a' 'b' \n\n"],
            [["SET", "k", "v", "BOGUS"], "ERR syntax error\n\n"],
        ];
        for (const [args, expected] of cases) {
            assert.equal(cli(...args), expected, `redis-cli ${args.join(" ")}`);
        }
    }
    finally {
        output = await server.stop();
    }
    assert.match(output, /done: 17 commands on 17 connections, 2 keys left/);
});
test("examples/resp_server under redis-benchmark -n 2000 -t ping,set,get,incr: every test runs, no errors", {
    skip: noBenchmark,
}, async () => {
    const server = await startExample("resp_server");
    let output = "";
    let report = "";
    try {
        report = runClient("redis-benchmark", [
            "-p",
            String(server.port),
            "-n",
            "2000",
            "-t",
            "ping,set,get,incr",
            "-q",
            "--csv",
        ]);
    }
    finally {
        output = await server.stop();
    }
    const rps = new Map([...report.matchAll(/^"([A-Z_]+)","([\d.]+|inf)"/gm)].map((m) => [m[1], m[2]]));
    assert.deepEqual([...rps.keys()], ["PING_INLINE", "PING_MBULK", "SET", "GET", "INCR"], report);
    for (const [name, value] of rps)
        assert.ok(value === "inf" || Number(value) > 0, `${name}: ${value}`);
    assert.doesNotMatch(report, /error|warning/i);
    // 2000 of each, and the two CONFIG GETs redis-benchmark starts with.
    assert.match(output, /done: 10002 commands on \d+ connections/);
});
