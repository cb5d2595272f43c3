// Run by tests/poll_selector.test.ts in a child process with chosen
// MIO_FORCE_* variables: prints, as JSON, `Poll.backend` and what kinds of
// descriptors a new Poll and its Waker opened (read from /proc/self/fd),
// or, given the argument `backend`, `Poll.backend` alone.
import { readdirSync, readlinkSync } from "node:fs";
import process from "node:process";
import { Poll, Token, Waker } from "../../mod.js";
/** Descriptor number → `readlink` target, pipe inode numbers dropped. */
function links() {
    const found = new Map();
    for (const fd of readdirSync("/proc/self/fd")) {
        try {
            const link = readlinkSync(`/proc/self/fd/${fd}`);
            found.set(fd, link.startsWith("pipe:") ? "pipe" : link);
        }
        catch {
            // The descriptor readdir used, closed already.
        }
    }
    return found;
}
/** The kinds of selector and waker descriptors open now that were not in `before`. */
function opened(before) {
    const kinds = ["anon_inode:[eventpoll]", "anon_inode:[eventfd]", "pipe"];
    return [...links()].filter(([fd, kind]) => before.get(fd) !== kind && kinds.includes(kind))
        .map(([, kind]) => kind).sort();
}
if (process.argv[2] === "backend") {
    process.stdout.write(JSON.stringify({ backend: Poll.backend }) + "\n");
    process.exit(0);
}
const beforePoll = links();
const poll = new Poll();
const pollOpened = opened(beforePoll);
const beforeWaker = links();
const waker = new Waker(poll.registry(), Token(1));
const wakerOpened = opened(beforeWaker);
waker.close();
poll.close();
process.stdout.write(JSON.stringify({ backend: Poll.backend, pollOpened, wakerOpened }) + "\n");
