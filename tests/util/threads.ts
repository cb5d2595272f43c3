/**
 * The threads of this process blocked in poll(2), read from Linux's /proc:
 * the threads that wait for `pollAsync()` off the JavaScript thread.
 *
 * @module
 */
import { readdirSync, readFileSync } from "node:fs";

/** The threads of this process blocked in poll(2) or ppoll(2), as "tid name" (Linux only). */
export function threadsInPoll(): string[] {
  return readdirSync("/proc/self/task").flatMap((tid) => {
    try {
      const channel = readFileSync(`/proc/self/task/${tid}/wchan`, "utf8");
      if (!/^(poll_schedule_timeout|do_sys_poll|do_poll)/.test(channel)) return [];
      return [`${tid} ${readFileSync(`/proc/self/task/${tid}/comm`, "utf8").trim()}`];
    } catch {
      return []; // the thread ended meanwhile
    }
  });
}
