/**
 * The torture suite: programs that try to crash, hang or wedge a process
 * through mio-ts's public API, each run as a child process of the runtime
 * under test (tests/torture.test.ts), with a time bound.
 *
 * Usage
 * -----
 * - Whole suite, current runtime and backend: it is part of the test suite
 *   (`npm test` runs it on Deno, Bun and Node, each with the default
 *   backend and with `MIO_FORCE_POLL_POLL=1 MIO_FORCE_WAKER_PIPE=1`).
 * - Every runtime and backend at once, this suite only:
 *   `node tests/run_all.mjs deno bun node tests/torture.test.ts`.
 * - Some cases only: `MIO_TORTURE=name,name` (names from `CASES`);
 *   `MIO_TORTURE_BOUND_MS=N` changes the time bound (default 60 s, 3 min
 *   under Wine, 5x under qemu-user).
 * - One case by hand: `deno run -A tests/torture/<script>.ts <args>`,
 *   `bun tests/torture/<script>.ts <args>`, or (after `tsc -p .`)
 *   `node --expose-gc dist/tests/torture/<script>.js <args>`.
 *
 * Adding a case
 * -------------
 * Write `tests/torture/<script>.ts` (it may start Workers from files beside
 * it; find them with `import.meta.url`, extension `.ts` or `.js` as the
 * script's own) and add an entry below. The child passes when it exits with
 * `exit` (default 0) within the bound and its output matches `stdout` /
 * `stderr`; a signal, another exit status or the bound being hit fails the
 * case, named with the runtime and backend. A case that does not apply on
 * this runtime or OS prints one line `torture-skip: <reason>` and exits 0:
 * the test is then skipped with that reason. The child runs with the
 * engine's collector exposed (`globalThis.gc`; Bun has `Bun.gc`) and, on
 * Deno, with every permission.
 *
 * @module
 */

/** One torture case: a script of this folder, its arguments and the outcome it must have. */
export interface TortureCase {
  /** Unique name (used by `MIO_TORTURE` and in the test's name). */
  readonly name: string;
  /** The script, a file of tests/torture/ without its extension. */
  readonly script: string;
  /** Its command-line arguments. */
  readonly args?: readonly string[];
  /** What the case shows, one sentence (the README's reliability section lists them). */
  readonly shows: string;
  /** The exit status the child must end with (default 0). */
  readonly exit?: number;
  /** What the child's stdout must match (default: a line `ok`). */
  readonly stdout?: RegExp;
  /** What the child's stderr must match, if anything. */
  readonly stderr?: RegExp;
}

/** The cases, in the order they run. */
export const CASES: readonly TortureCase[] = [
  // --- A Worker ending while its pollAsync() is pending (issue 19, item 1) ---
  {
    name: "worker-exit-during-poll-async",
    script: "worker_ends_during_wait",
    args: ["exit"],
    shows:
      "a Worker calling process.exit() while its pollAsync() waits: the process lives on after that wait's poll returns",
  },
  {
    name: "worker-terminate-during-poll-async",
    script: "worker_ends_during_wait",
    args: ["terminate"],
    shows:
      "worker.terminate() while the Worker's pollAsync() waits: the process lives on after that wait's poll returns",
  },
  {
    name: "web-worker-close-during-poll-async",
    script: "worker_ends_during_wait",
    args: ["close"],
    shows:
      "a Web Worker calling self.close() while its pollAsync() waits: the process lives on after that wait's poll returns",
  },
  // --- Exiting while a pollAsync() is pending (issue 19, item 2) ---
  {
    name: "process-exit-during-poll-async",
    script: "exit_during_wait",
    args: ["exit"],
    shows: "process.exit(3) while a pollAsync() with no timeout waits: the process ends, with status 3",
    exit: 3,
    stdout: /^waiting$/m,
  },
  {
    name: "uncaught-exception-during-poll-async",
    script: "exit_during_wait",
    args: ["throw"],
    shows: "an uncaught exception while a pollAsync() with no timeout waits: the process ends, with status 1",
    exit: 1,
    stdout: /^waiting$/m,
    stderr: /torture: uncaught on purpose/,
  },
  {
    name: "worker-exit-during-untimed-poll-async",
    script: "exit_during_wait",
    args: ["worker-exit"],
    shows:
      "a Worker calling process.exit() while its pollAsync() with no timeout waits: the Worker ends, then the process",
  },
  {
    name: "worker-terminate-during-untimed-poll-async",
    script: "exit_during_wait",
    args: ["worker-terminate"],
    shows:
      "worker.terminate() while the Worker's pollAsync() with no timeout waits: terminate() resolves, then the process ends",
  },
  {
    name: "worker-terminate-during-untimed-poll-async-ends-its-wait",
    script: "wait_outlives_worker",
    shows:
      "worker.terminate() of Workers whose pollAsync() with no timeout waits, nothing ready: the thread that ran each wait (Deno's blocking pool, Bun's helper, libuv's pool) comes back from poll(2) once the Worker is gone",
  },
  // --- Waits that always find events ready (issue 19, item 3) ---
  {
    name: "busy-events-loop-lets-timers-run",
    script: "busy_wait_loop",
    args: ["events"],
    shows:
      "a for await loop over poll.events() whose waits always find an event: a setInterval ticks and AbortSignal.timeout(200) ends the loop",
  },
  {
    name: "busy-poll-async-loop-lets-timers-run",
    script: "busy_wait_loop",
    args: ["poll-async"],
    shows:
      "a loop of pollAsync() calls that always find an event: a setInterval ticks and AbortSignal.timeout(200) ends the loop",
  },
  {
    name: "zero-timeout-poll-async-loop-lets-timers-run",
    script: "busy_wait_loop",
    args: ["timeout-zero"],
    shows:
      "a loop of pollAsync(events, 0) calls with nothing ready: a setInterval ticks and AbortSignal.timeout(200) ends the loop",
  },
  // --- What a Worker leaves open is closed when it ends (issue 19, item 4) ---
  {
    name: "worker-exit-closes-its-descriptors",
    script: "worker_exit_closes",
    args: ["exit"],
    shows:
      "Workers that call process.exit() with a Poll, a Waker and sockets open: the process does not hold one more descriptor per Worker after them",
  },
  {
    name: "worker-return-closes-its-descriptors",
    script: "worker_exit_closes",
    args: ["return"],
    shows:
      "Workers that end with a Poll, a Waker and sockets open: the process does not hold one more descriptor per Worker after them",
  },
  {
    name: "worker-close-then-exit-leaves-nothing-open",
    script: "worker_exit_closes",
    args: ["close-exit"],
    shows:
      "Workers that close their Poll, Waker and sockets, then call process.exit(): the process does not hold one more descriptor per Worker after them",
  },
  {
    name: "worker-terminate-closes-its-descriptors",
    script: "worker_exit_closes",
    args: ["terminate"],
    shows:
      "worker.terminate() of Workers with a Poll, a Waker and sockets open: the process does not hold one more descriptor per Worker after them",
  },
  // --- A Worker terminated during its first calls (issue 19) ---
  {
    name: "terminate-during-first-calls",
    script: "terminate_during_first_calls",
    shows:
      "29 Workers (9 under Wine, 5 under qemu-user) terminated at random points of their first calls after importing mio-ts (a Poll, a Waker, a socket, poll(), pollAsync(), a shared Waker): the process survives every one",
  },
  // --- A Worker terminated in the middle of a shared call (issue 19, item 7) ---
  {
    name: "terminate-during-shared-wake",
    script: "terminate_mid_shared_call",
    args: ["wake"],
    shows:
      "a Worker terminated while it calls a shared Waker's wake() (6 rounds anywhere in a loop, 3 inside a call that never ends): the owner's Waker and Poll close, and the number the call still uses stays taken (by an inert pipe on epoll and poll(2)), never freed",
  },
  {
    name: "terminate-during-shared-registry-call",
    script: "terminate_mid_shared_call",
    args: ["registry"],
    shows:
      "a Worker terminated while it registers and deregisters through a shared Registry (6 rounds anywhere in a loop, 3 inside a call that never ends): the owner's Poll closes, and the number the call still uses stays taken (by an inert pipe on epoll and poll(2)), never freed",
  },
  {
    name: "terminate-during-shared-registry-change",
    script: "terminate_mid_registry_change",
    shows:
      "a Worker terminated after each Atomics operation (but loads) of a shared Registry's register() in turn: the owner's poll() and a later register() through the shared registry still work, and that registration delivers its event",
  },
];
