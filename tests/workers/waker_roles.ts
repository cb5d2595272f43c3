/**
 * Worker roles with a shared Waker (tests/workers.test.ts).
 *
 * @module
 */
import { Events, Poll, Token, Waker } from "../../mod.ts";
import { caught, type Role, threadId, waitStep, watchBlocked } from "./sync.ts";

/** The token the "blocked-owner" role gives its own Waker. */
const OWN_WAKER = Token(0);

/** Runs `fn` with `Waker.fromShared(data.waker)`, closing (detaching) it afterwards. */
function withSharedWaker(data: Record<string, unknown>, fn: (waker: Waker) => void): void {
  const waker = Waker.fromShared(data.waker);
  try {
    fn(waker);
  } finally {
    waker.close();
  }
}

/** The roles, by name. */
export const wakerRoles: Record<string, Role> = {
  /** At step 1, watches thread data.tid until it is blocked in poll(), then wakes once; posts { seen }. */
  "wake-when-blocked": ({ data, cells, post }) =>
    withSharedWaker(data, (waker) => {
      waitStep(cells, 1);
      const seen = watchBlocked(data.tid as number);
      waker.wake();
      post({ seen });
    }),

  /** Wakes data.times times; posts { woke }. */
  "wake-burst": ({ data, post }) =>
    withSharedWaker(data, (waker) => {
      const times = data.times as number;
      for (let i = 0; i < times; i++) waker.wake();
      post({ woke: times });
    }),

  /** At step 1 (the owner closed its Waker), tries to wake and to share; posts { wake, share } (errors or null). */
  "wake-after-close": ({ data, cells, post }) =>
    withSharedWaker(data, (waker) => {
      waitStep(cells, 1);
      post({ wake: caught(() => waker.wake()), share: caught(() => waker.share()) });
    }),

  /**
   * Owns a Poll and a Waker, posts { waker: waker.share(), tid }, and blocks
   * in poll() with no timeout until its Waker's event comes with step 1
   * reached (or the test gave up); then closes both and posts { wakeups }.
   */
  "blocked-owner": ({ cells, post }) => {
    const poll = new Poll();
    const events = new Events(4);
    const waker = new Waker(poll.registry(), OWN_WAKER);
    let wakeups = 0;
    try {
      post({ waker: waker.share(), tid: threadId() });
      // At least one poll: where the main thread cannot watch this one block (Windows has no /proc), its
      // step and wake may come before this thread reaches poll(); the wake is then waiting for it.
      do {
        poll.poll(events, null);
        for (const event of events) if (event.token() === OWN_WAKER) wakeups++;
      } while (Atomics.load(cells, 0) < 1 && Atomics.load(cells, 1) === 0);
      post({ wakeups });
    } finally {
      waker.close();
      poll.close();
    }
  },
};
