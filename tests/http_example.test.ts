// examples/http_server.ts against real HTTP clients: curl (GET, keep-alive
// reuse, HEAD, HTTP/1.0, POST with a body) and wrk (a short load, plain and
// pipelined). Each test starts the server on a free port, stops it with
// SIGTERM and checks that it exited cleanly; each is skipped, with the
// reason printed, where its client is not installed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { missingCommand, runClient, startExample } from "./util/example_server.ts";
import { qemuScaled } from "./util/timing.ts";

const noCurl = missingCommand("curl");
const noWrk = missingCommand("wrk");
if (noCurl) console.log(`SKIP http_server with curl: ${noCurl}`);
if (noWrk) console.log(`SKIP http_server with wrk: ${noWrk}`);

/** The lines of an HTTP head, without the line ends. */
function headLines(text: string): string[] {
  return text.split("\r\n\r\n")[0].split("\r\n");
}

test(
  "examples/http_server with curl: GET, keep-alive reuse, HEAD, HTTP/1.0, POST",
  { skip: noCurl },
  async () => {
    const server = await startExample("http_server");
    let output = "";
    try {
      const url = `http://${server.addr}`;
      const get = runClient("curl", ["-sS", "-i", `${url}/`]);
      assert.equal(headLines(get)[0], "HTTP/1.1 200 OK", get);
      assert.ok(headLines(get).includes("Content-Length: 13"), get);
      assert.ok(get.endsWith("\r\n\r\nHello, World!"), get);

      // Two URLs in one curl: the second reuses the connection (0 new connects).
      const reuse = runClient("curl", [
        "-sS",
        "-o",
        "/dev/null",
        "-o",
        "/dev/null",
        "-w",
        "%{num_connects} ",
        `${url}/a`,
        `${url}/b`,
      ]);
      assert.equal(reuse.trim(), "1 0", reuse);

      const head = runClient("curl", ["-sS", "-I", `${url}/`]);
      assert.equal(headLines(head)[0], "HTTP/1.1 200 OK", head);
      assert.ok(head.endsWith("\r\n\r\n"), `HEAD got a body: ${JSON.stringify(head)}`);

      const old = runClient("curl", ["-sS", "--http1.0", "-i", `${url}/`]);
      assert.ok(headLines(old).includes("Connection: close"), old);
      assert.ok(old.endsWith("Hello, World!"), old);

      const post = runClient("curl", ["-sS", "-i", "--data-binary", "x".repeat(100_000), `${url}/form`]);
      assert.equal(headLines(post)[0], "HTTP/1.1 200 OK", post);
      assert.ok(post.endsWith("Hello, World!"), post);
    } finally {
      output = await server.stop();
    }
    assert.match(output, /done: 6 requests on 5 connections/);
  },
);

/** wrk's report: requests made, and whether it saw socket errors or non-2xx answers. */
function wrkReport(out: string): { requests: number; errors: boolean } {
  const m = /(\d+) requests in /.exec(out);
  assert.ok(m, out);
  return { requests: Number(m[1]), errors: /Socket errors|Non-2xx/.test(out) };
}

/**
 * wrk's run: 1 s (`-d1`); under qemu-user, where the emulated server answers its first requests only
 * once their code is translated, 10 s. wrk counts an answer slower than its `--timeout` (2 s by
 * default) as a socket error: 30 s here, a hang guard, as a busy machine may stall the server longer
 * than 2 s.
 */
const WRK = qemuScaled(1, 10);
const WRK_ARGS = ["-t1", "-c8", `-d${WRK}`, "--timeout", "30s"];

test(`examples/http_server under wrk -d${WRK}, plain and pipelined 16 deep: requests served, no errors`, {
  skip: noWrk,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), "mio-ts-wrk-"));
  const server = await startExample("http_server");
  let output = "";
  try {
    const url = `http://${server.addr}/`;
    const plain = wrkReport(runClient("wrk", [...WRK_ARGS, url]));
    assert.ok(plain.requests > 0 && !plain.errors, JSON.stringify(plain));
    // wrk's own scripts/pipeline.lua: each request() is 16 requests in one write.
    const script = join(dir, "pipeline.lua");
    writeFileSync(
      script,
      'init = function(args)\n  local r = {}\n  for i = 1, 16 do r[i] = wrk.format(nil, "/") end\n' +
        "  req = table.concat(r)\nend\nrequest = function() return req end\n",
    );
    const pipelined = wrkReport(runClient("wrk", [...WRK_ARGS, "-s", script, url]));
    assert.ok(pipelined.requests > 0 && !pipelined.errors, JSON.stringify(pipelined));
  } finally {
    output = await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  assert.match(output, /done: \d+ requests on \d+ connections/);
});
