/**
 * Worker roles with a shared Registration (tests/registration.test.ts).
 *
 * @module
 */
import { Interest, Registration } from "../../mod.ts";
import { caught, type Role, waitStep, watchBlocked } from "./sync.ts";

/** The copies of the registrations `data.registrations` holds. */
function copies(data: Record<string, unknown>): Registration[] {
  return (data.registrations as unknown[]).map((value) => Registration.fromShared(value));
}

/** The roles, by name. */
export const registrationRoles: Record<string, Role> = {
  /** At step 1, watches thread data.tid until it is blocked in poll(), then sets data.readiness; posts { seen }. */
  "set-readiness-when-blocked": ({ data, cells, post }) => {
    const [registration] = copies(data);
    waitStep(cells, 1);
    const seen = data.tid === null ? "unreadable" : watchBlocked(data.tid as number);
    registration.setReadiness(data.readiness as number);
    registration.close();
    post({ seen });
  },

  /** Sets data.readiness at once, then posts { done: true } (mio's set_readiness_before_register). */
  "set-readiness": ({ data, post }) => {
    for (const registration of copies(data)) {
      registration.setReadiness(data.readiness as number);
      registration.close();
    }
    post({ done: true });
  },

  /**
   * mio's single_threaded_poll thread: data.iterations rounds of readable,
   * 0, writable, readable|writable, 0 on every registration, then readable
   * on each; posts { done: true }.
   */
  "readiness-churn": ({ data, post }) => {
    const registrations = copies(data);
    const R = Interest.READABLE;
    const W = Interest.WRITABLE;
    for (let i = 0; i < (data.iterations as number); i++) {
      for (const registration of registrations) {
        registration.setReadiness(R);
        registration.setReadiness(0);
        registration.setReadiness(W);
        registration.setReadiness(R | W);
        registration.setReadiness(0);
      }
    }
    for (const registration of registrations) registration.setReadiness(R);
    post({ done: true });
  },

  /** Sets readable on each registration until step 1, then once more (mio's with_small_events_collection); posts { sets }. */
  "set-until-step": ({ data, cells, post }) => {
    const registrations = copies(data);
    let sets = 0;
    while (Atomics.load(cells, 0) < 1) {
      if (Atomics.load(cells, 1) !== 0) throw new Error("the test gave up");
      for (const registration of registrations) registration.setReadiness(Interest.READABLE);
      sets++;
    }
    for (const registration of registrations) registration.setReadiness(Interest.READABLE);
    post({ sets: sets + 1 });
  },

  /**
   * For each registration: sets readable, then closes the copy (mio's
   * drop_registration_from_non_main_thread); posts { errors } (what
   * setReadiness threw on registrations already closed by the owner).
   */
  "set-then-drop": ({ data, post }) => {
    const errors: string[] = [];
    for (const registration of copies(data)) {
      const error = caught(() => registration.setReadiness(Interest.READABLE));
      if (error !== null) errors.push(error.kind);
      registration.close();
    }
    post({ errors });
  },
};
