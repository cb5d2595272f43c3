/**
 * `SocketSource`: what every socket type adds to a `DescriptorSource` — its
 * Windows `handle` and `takeError()` (`SO_ERROR`).
 *
 * @module
 */
import { platform } from "../sys/current.ts";
import type { IoError } from "./io_error.ts";
import { DescriptorSource } from "./descriptor_source.ts";

/** The base of every socket type: a descriptor it owns, registrable with a `Poll`. */
export class SocketSource extends DescriptorSource {
  /** @internal Takes ownership of `fd`; `what` names the type in errors. */
  protected constructor(fd: number, what: string) {
    super(fd, what, platform.net.close);
  }

  /** The SOCKET/HANDLE on Windows; the same number as `fd`. Throws `BadResource` after close. */
  get handle(): number {
    return this.io.fd;
  }

  /** The socket's pending error (`SO_ERROR`), cleared by reading it, or `null`. */
  takeError(): IoError | null {
    const errno = platform.net.takeErrno(this.io.fd);
    return errno === 0 ? null : platform.osError(errno, "getsockopt");
  }
}
