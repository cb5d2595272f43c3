/**
 * Child processes for the benchmark harness: spawned through `sh` so that
 * `ulimit -n` and `taskset` apply (both `exec`, so the PID is the
 * program's own), their output read line by line, their CPU time read from
 * /proc.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";

/** The kernel's clock ticks per second in /proc/PID/stat (USER_HZ: 100 on Linux). */
const CLOCK_TICKS = 100;

/** What `sh` runs: raise the descriptor limit (as far as allowed), then become the command. */
const SHELL = 'ulimit -n "$BENCH_NOFILE" 2>/dev/null || ulimit -n "$(ulimit -Hn)"; exec "$@"';

/**
 * A running child: its stdout as lines to wait for, its stderr kept for
 * error messages.
 */
export class Child {
  /**
   * Starts `command` with `args` in `cwd`, pinned to `cpu` (a core number,
   * or null for no pinning), with up to `nofile` open descriptors.
   */
  constructor(command, args, { cwd, cpu, nofile = 65536 }) {
    const pinned = cpu === null ? [command, ...args] : ["taskset", "-c", String(cpu), command, ...args];
    this.describe = [command, ...args].join(" ");
    this.process = spawn("sh", ["-c", SHELL, "sh", ...pinned], {
      cwd,
      env: { ...process.env, BENCH_NOFILE: String(nofile) },
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.pid = this.process.pid;
    this.stderr = "";
    this.process.stderr.on("data", (d) => this.stderr += d);
    this.process.stdin.on("error", () => {}); // the child may exit before reading
    this.lines = [];
    this.history = [];
    this.wake = () => {};
    this.ended = false;
    // "close" comes after the exit and after the last output was read.
    this.closed = new Promise((resolve) =>
      this.process.once("close", (code, signal) => {
        this.ended = true;
        this.wake();
        resolve({ code, signal });
      })
    );
    createInterface({ input: this.process.stdout }).on("line", (line) => {
      this.lines.push(line);
      this.history = [...this.history.slice(-9), line];
      this.wake();
    });
  }

  /** The first line not yet taken that matches `pattern` (earlier lines are dropped); rejects after `timeoutMs` or once the child ended. */
  async line(pattern, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.lines.findIndex((l) => pattern.test(l));
      if (i >= 0) return pattern.exec(this.lines.splice(0, i + 1)[i]);
      if (this.ended) throw new Error(`${this.describe}: ended before printing ${pattern}\n${this.tail()}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`${this.describe}: no ${pattern} after ${timeoutMs} ms\n${this.tail()}`);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, left);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** The end of what the child printed, for error messages. */
  tail() {
    return [...this.history, ...this.stderr.trim().split("\n").slice(-15)].join("\n");
  }

  /** Writes `text` to the child's stdin. */
  send(text) {
    this.process.stdin.write(text);
  }

  /** Waits for the exit and the last output; `SIGKILL` after `timeoutMs`. Returns `{ code, signal }`. */
  async wait(timeoutMs) {
    const timer = setTimeout(() => this.process.kill("SIGKILL"), timeoutMs);
    try {
      return await this.closed;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Sends SIGTERM and waits for the exit (SIGKILL after 5 s). */
  async stop() {
    if (!this.ended) this.process.kill("SIGTERM");
    await this.wait(5000);
  }
}

/** CPU seconds used so far by process `pid`, all threads (utime + stime of /proc/PID/stat). */
export function cpuSeconds(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
