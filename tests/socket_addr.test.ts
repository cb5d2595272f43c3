// Addresses as runtime users write them: `{ port }` without a hostname
// (bind on 0.0.0.0 as Deno.listen/listenDatagram and Node's dgram do;
// connect and send to 127.0.0.1 as Deno.connect and Node's dgram do), and
// addresses in JSON (their public fields, nothing internal).
import assert from "node:assert/strict";
import { SocketAddr, TcpListener, TcpStream, UdpSocket } from "../mod.ts";
import { UnixSocketAddr } from "../src/unix/mod.ts";
import { waitUntil } from "./util/events.ts";
import { assertEarlyIoError, bytes, closeAll, text } from "./util/io.ts";
import { NOT_ON_WINDOWS, onWindows, test } from "./util/skips.ts";
import { acceptOne } from "./util/sockets.ts";

test("TcpListener.bind({ port: 0 }) listens on 0.0.0.0, as Deno.listen({ port }) does", () => {
  const listener = TcpListener.bind({ port: 0 });
  let client: TcpStream | null = null;
  try {
    const local = listener.localAddr();
    assert.equal(local.hostname, "0.0.0.0");
    assert.equal(local.family, "ipv4");
    assert.ok(local.port > 0, String(local));
    client = TcpStream.connect(`127.0.0.1:${local.port}`);
    const [server, peer] = acceptOne(listener);
    server.close();
    assert.equal(peer.hostname, "127.0.0.1");
  } finally {
    closeAll(client, listener);
  }
});

test("TcpStream.connect({ port }) connects to 127.0.0.1, as Deno.connect({ port }) does", () => {
  const listener = TcpListener.bind("127.0.0.1:0");
  const client = TcpStream.connect({ port: listener.localAddr().port });
  try {
    const [server] = acceptOne(listener);
    server.close();
    const peer = waitUntil(() => {
      try {
        return client.peerAddr();
      } catch {
        return null; // not connected yet
      }
    });
    assert.equal(String(peer), String(listener.localAddr()));
  } finally {
    closeAll(client, listener);
  }
});

test("UdpSocket.bind({ port: 0 }) binds 0.0.0.0; sendTo and connect with { port } reach 127.0.0.1", () => {
  const any = UdpSocket.bind({ port: 0 });
  const sender = UdpSocket.bind("127.0.0.1:0");
  try {
    const local = any.localAddr();
    assert.equal(local.hostname, "0.0.0.0");
    assert.ok(local.port > 0, String(local));

    assert.equal(sender.sendTo(bytes("to"), { port: local.port }), 2);
    const buf = new Uint8Array(16);
    const [n, from] = waitUntil(() => any.recvFrom(buf));
    assert.equal(text(buf.subarray(0, n)), "to");
    assert.equal(String(from), String(sender.localAddr()));

    sender.connect({ port: local.port });
    assert.equal(String(sender.peerAddr()), `127.0.0.1:${local.port}`);
  } finally {
    closeAll(any, sender);
  }
});

test("SocketAddr.parse({ port }) uses defaultHostname, and without one says the hostname is missing", () => {
  assert.equal(String(SocketAddr.parse({ port: 80 }, "0.0.0.0")), "0.0.0.0:80");
  assert.equal(String(SocketAddr.parse({ port: 80 }, "::1")), "[::1]:80");
  assert.equal(String(SocketAddr.parse({ hostname: "10.0.0.1", port: 80 }, "0.0.0.0")), "10.0.0.1:80");
  const e = assertEarlyIoError(() => SocketAddr.parse({ port: 80 }), "InvalidInput");
  assert.match(e.message, /hostname is missing/);
});

test("JSON.stringify(SocketAddr) gives { hostname, port, family }, which SocketAddr.parse takes back", () => {
  for (
    const [input, json] of [
      ["127.0.0.1:8080", `{"hostname":"127.0.0.1","port":8080,"family":"ipv4"}`],
      ["[::1]:443", `{"hostname":"::1","port":443,"family":"ipv6"}`],
    ]
  ) {
    const addr = SocketAddr.parse(input);
    assert.equal(JSON.stringify(addr), json);
    assert.equal(String(SocketAddr.parse(JSON.parse(json))), String(addr));
  }
  const listener = TcpListener.bind("127.0.0.1:0");
  try {
    const { port } = listener.localAddr();
    assert.deepEqual(JSON.parse(JSON.stringify({ addr: listener.localAddr() })), {
      addr: { hostname: "127.0.0.1", port, family: "ipv4" },
    });
  } finally {
    listener.close();
  }
});

const UNIX_JSON = "JSON.stringify(UnixSocketAddr) gives its public fields too: { path, abstract }";
test(UNIX_JSON, { skip: onWindows(NOT_ON_WINDOWS.uds) }, () => {
  const path = "/tmp/mio-ts-json.sock"; // only parsed: no socket is bound
  assert.equal(JSON.stringify(UnixSocketAddr.fromPathname(path)), JSON.stringify({ path, abstract: null }));
});
