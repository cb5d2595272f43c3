/**
 * The AFD poll-event bits and their mapping from interests and to portable
 * readiness, exactly as mio's `afd.rs`, `event.rs` and `selector.rs` have
 * them. Plain data and arithmetic: importing this file loads no library.
 *
 * @module
 */
import {
  INTEREST_READABLE,
  INTEREST_WRITABLE,
  READY_ERROR,
  READY_READ_CLOSED,
  READY_READABLE,
  READY_WRITABLE,
  READY_WRITE_CLOSED,
} from "../contract.ts";

/** `AFD_POLL_RECEIVE`: data to read. */
export const AFD_POLL_RECEIVE = 0x0001;
/** `AFD_POLL_RECEIVE_EXPEDITED`: out-of-band data to read. */
export const AFD_POLL_RECEIVE_EXPEDITED = 0x0002;
/** `AFD_POLL_SEND`: room to write. */
export const AFD_POLL_SEND = 0x0004;
/** `AFD_POLL_DISCONNECT`: the peer shut down its sending side. */
export const AFD_POLL_DISCONNECT = 0x0008;
/** `AFD_POLL_ABORT`: the connection was reset or aborted. */
export const AFD_POLL_ABORT = 0x0010;
/** `AFD_POLL_LOCAL_CLOSE`: the socket was closed in this process. */
export const AFD_POLL_LOCAL_CLOSE = 0x0020;
/** `AFD_POLL_ACCEPT`: a connection to accept. */
export const AFD_POLL_ACCEPT = 0x0080;
/** `AFD_POLL_CONNECT_FAIL`: a connect failed. */
export const AFD_POLL_CONNECT_FAIL = 0x0100;
/**
 * Every event mio asks AFD for (`AFD_POLL_CONNECT`, 0x40, is left out as
 * mio and wepoll do: it is reported on every poll of a connected socket).
 */
export const AFD_KNOWN_EVENTS = AFD_POLL_RECEIVE | AFD_POLL_RECEIVE_EXPEDITED | AFD_POLL_SEND |
  AFD_POLL_DISCONNECT | AFD_POLL_ABORT | AFD_POLL_LOCAL_CLOSE | AFD_POLL_ACCEPT | AFD_POLL_CONNECT_FAIL;

/** mio's `READABLE_FLAGS`. */
const READABLE_FLAGS = AFD_POLL_RECEIVE | AFD_POLL_DISCONNECT | AFD_POLL_ACCEPT | AFD_POLL_ABORT |
  AFD_POLL_CONNECT_FAIL;
/** mio's `WRITABLE_FLAGS`. */
const WRITABLE_FLAGS = AFD_POLL_SEND | AFD_POLL_ABORT | AFD_POLL_CONNECT_FAIL;
/** mio's `ERROR_FLAGS`. */
const ERROR_FLAGS = AFD_POLL_CONNECT_FAIL;
/** mio's `READ_CLOSED_FLAGS`. */
const READ_CLOSED_FLAGS = AFD_POLL_DISCONNECT | AFD_POLL_ABORT | AFD_POLL_CONNECT_FAIL;
/** mio's `WRITE_CLOSED_FLAGS`. */
const WRITE_CLOSED_FLAGS = AFD_POLL_ABORT | AFD_POLL_CONNECT_FAIL;

/**
 * mio's `interests_to_afd_flags`: readable and writable only. mio has no
 * priority interest on Windows (`Interest::PRIORITY` is Linux/Android
 * only), so the selector refuses `PRIORITY` with `Unsupported` and never
 * asks AFD for `AFD_POLL_RECEIVE_EXPEDITED`. The selector adds
 * `AFD_POLL_CONNECT_FAIL | AFD_POLL_ABORT` to every registration, as mio's
 * `set_event` does.
 */
export function afdFlags(interest: number): number {
  let flags = 0;
  if (interest & INTEREST_READABLE) flags |= READABLE_FLAGS | READ_CLOSED_FLAGS | ERROR_FLAGS;
  if (interest & INTEREST_WRITABLE) flags |= WRITABLE_FLAGS | WRITE_CLOSED_FLAGS | ERROR_FLAGS;
  return flags;
}

/**
 * mio's `event.rs` for AFD: poll events to portable readiness bits. A
 * completion reports only the events asked for, so no event is priority
 * (mio's `is_priority` tests `AFD_POLL_RECEIVE_EXPEDITED`, which its
 * selector never asks for either).
 */
export function afdReadiness(events: number): number {
  let r = 0;
  if (events & READABLE_FLAGS) r |= READY_READABLE;
  if (events & WRITABLE_FLAGS) r |= READY_WRITABLE;
  if (events & ERROR_FLAGS) r |= READY_ERROR;
  if (events & READ_CLOSED_FLAGS) r |= READY_READ_CLOSED;
  if (events & WRITE_CLOSED_FLAGS) r |= READY_WRITE_CLOSED;
  return r;
}
