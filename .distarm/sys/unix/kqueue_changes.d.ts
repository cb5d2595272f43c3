import { KeventCodec } from "./kevent_codec.ts";
import type { KqueueSystem } from "./kqueue_targets.ts";
/** The `ident` of the `Waker`'s `EVFILT_USER` event (mio's is 0 too). */
export declare const WAKER_IDENT = 0;
/** The `ident` of the `EVFILT_USER` event that interrupts `waitAsync` (kqueue_wait.ts). */
export declare const WAIT_IDENT = 1;
/** Builds and applies kevent changes for one kqueue target; one per user (its buffer is reused). */
export declare class KqueueChanges {
    #private;
    /** The target's functions and tables. */
    readonly sys: KqueueSystem;
    /** The reader and writer of the target's `struct kevent`. */
    readonly codec: KeventCodec;
    /** For kqueues of `sys`'s target. */
    constructor(sys: KqueueSystem);
    /** Adds `EVFILT_WRITE` and/or `EVFILT_READ` with `EV_CLEAR | EV_RECEIPT | EV_ADD`; ignores `EPIPE`. */
    register(kq: number, fd: number, token: number, interest: number): void;
    /** Adds the filters `interest` asks for and deletes the others; ignores `ENOENT` and `EPIPE`. */
    reregister(kq: number, fd: number, token: number, interest: number): void;
    /** Deletes both filters; ignores `ENOENT` (a filter that was not there). */
    deregister(kq: number, fd: number): void;
    /** Adds the `EVFILT_USER` event `ident` reporting `token`, `EV_CLEAR` (mio's `setup_waker`). */
    addUser(kq: number, ident: number, token: number): void;
    /** Triggers the `EVFILT_USER` event `ident` (mio's `wake`: `EV_ADD | EV_RECEIPT`, `NOTE_TRIGGER`). */
    triggerUser(kq: number, ident: number, token: number): void;
    /** Deletes the `EVFILT_USER` event `ident` and a trigger it has pending; ignores `ENOENT`. */
    deleteUser(kq: number, ident: number): void;
    /** Whether the target has an `EVFILT_USER` waker. */
    get hasUser(): boolean;
}
