/**
 * Worker roles with sockets of their own (tests/workers.test.ts): a socket
 * moved in with fromFd() and out with intoFd(), and OS errors raised on the
 * Worker's thread.
 *
 * @module
 */
import { Events, Interest, Poll, TcpListener, TcpStream, Token, UnixStream } from "../../mod.js";
import { caught } from "./sync.js";
import process from "node:process";
/** The roles, by name. */
export const socketRoles = {
    /**
     * Takes a TCP socket with fromFd(data.fd), echoes data.length bytes on
     * its own Poll, and gives the socket back with intoFd(): posts
     * { echoed, fd }.
     */
    "echo-and-return": ({ data, post }) => {
        const length = data.length;
        const stream = TcpStream.fromFd(data.fd);
        const poll = new Poll();
        const events = new Events(4);
        const buf = new Uint8Array(length);
        let got = 0;
        try {
            poll.registry().register(stream, Token(1), Interest.READABLE);
            for (let round = 0; got < length && round < 300; round++) {
                poll.poll(events, 100);
                let n;
                while (got < length && (n = stream.read(buf.subarray(got))) !== null && n > 0)
                    got += n;
            }
            let sent = 0;
            for (let round = 0; sent < got && round < 300; round++) {
                const n = stream.write(buf.subarray(sent, got));
                if (n === null)
                    poll.poll(events, 10);
                else
                    sent += n;
            }
            post({ echoed: new TextDecoder().decode(buf.subarray(0, sent)), fd: stream.intoFd() });
        }
        finally {
            stream.close();
            poll.close();
        }
    },
    /** Binds data.busyAddr (in use) and connects to data.missingPath (absent); posts { bind, connect } (the errors). */
    "provoke-errors": ({ data, post }) => {
        post({
            bind: caught(() => TcpListener.bind(data.busyAddr).close()),
            // Windows has no Unix-domain sockets (as in mio): only the bind error there.
            connect: process.platform === "win32"
                ? null
                : caught(() => UnixStream.connect(data.missingPath).close()),
        });
    },
};
