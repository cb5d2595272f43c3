/**
 * The one warning the safety nets print: the first object (a source, a
 * `Poll` or a `Waker`) that was garbage-collected without `close()` is
 * named once per realm; the nets close what each such object held.
 *
 * @module
 */

let warned = false;

/** Warns, the first time only, that `subject` (e.g. "a Poll") was collected without `close()`. */
export function warnLeakOnce(subject: string): void {
  if (warned) return;
  warned = true;
  console.warn(
    `mio-ts: ${subject} was garbage-collected without close(); mio-ts closed it. ` +
      "Call close() (or use `using`) on every source, Poll and Waker; this warning is shown once.",
  );
}
