/**
 * `UnixSocketAddr`: the address of a Unix-domain socket — a pathname, an
 * abstract name (Linux), or unnamed — as Rust's
 * `std::os::unix::net::SocketAddr`.
 *
 * @module
 */
import { platform } from "../../sys/current.ts";
import type { UnixEndpoint } from "../../sys/contract.ts";
import { invalidInput } from "../io_error.ts";
import { checkBuffer } from "../validate.ts";

/**
 * What a Unix socket address may be given as: a pathname string,
 * `{ path }`, `{ abstract }` (bytes of a Linux abstract name, without the
 * leading NUL), `{ path: null, abstract: null }` (unnamed: binding it
 * makes Linux pick an abstract name), or a `UnixSocketAddr`.
 */
export type UnixSocketAddrInput =
  | string
  | UnixSocketAddr
  | { readonly path?: string | null; readonly abstract?: Uint8Array | null };

let endpointOfAddr: (addr: UnixSocketAddr) => UnixEndpoint;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A Unix socket address, as `localAddr()`, `peerAddr()`, `accept()` and
 * `recvFrom()` return it: `path` for a pathname, `abstract` for an abstract
 * name, both `null` when unnamed.
 *
 * @example
 * ```ts
 * import { UnixListener } from "mio-ts/unix";
 *
 * // A Linux abstract name: no socket file to remove afterwards.
 * const listener = UnixListener.bindAddr({ abstract: new TextEncoder().encode("mio-ts-example") });
 * const addr = listener.localAddr();
 * if (addr.path !== null) console.log(`pathname ${addr.path}`);
 * else if (addr.abstract !== null) console.log(`abstract name, ${addr.abstract.length} bytes`);
 * else console.log("unnamed");
 * listener.close();
 * ```
 */
export class UnixSocketAddr {
  /** The pathname (bytes that are not UTF-8 read as U+FFFD), or `null`. */
  readonly path: string | null;
  /** The abstract name's bytes, without the leading NUL, or `null`. */
  readonly abstract: Uint8Array | null;
  readonly #endpoint: UnixEndpoint;

  static {
    endpointOfAddr = (addr) => addr.#endpoint;
  }

  /** @internal Made by parsing or by the OS; use `UnixSocketAddr.parse()`. */
  constructor(endpoint: UnixEndpoint) {
    this.#endpoint = endpoint;
    this.path = endpoint.path === null ? null : decoder.decode(endpoint.path);
    this.abstract = endpoint.abstract === null ? null : new Uint8Array(endpoint.abstract);
  }

  /**
   * Parses a Unix socket address.
   *
   * @throws `IoError` `InvalidInput` for an empty path, a path containing
   * NUL, a path or name too long for `sun_path`, or a malformed object.
   */
  static parse(input: UnixSocketAddrInput): UnixSocketAddr {
    if (input instanceof UnixSocketAddr) return input;
    const endpoint = parseEndpoint(input);
    platform.uds.check(endpoint);
    return new UnixSocketAddr(endpoint);
  }

  /**
   * The address of the pathname `path` (std's `SocketAddr::from_pathname`).
   *
   * @throws `IoError` `InvalidInput` unless `path` is a non-empty string
   * without NUL that fits `sun_path`.
   */
  static fromPathname(path: string): UnixSocketAddr {
    if (typeof path !== "string") {
      throw invalidInput(
        `invalid Unix socket path: expected a string, got ${path === null ? "null" : typeof path}`,
      );
    }
    return UnixSocketAddr.parse(path);
  }

  /**
   * The Linux abstract address named `name` (the bytes after the leading
   * NUL; std's `SocketAddr::from_abstract_name`).
   *
   * @throws `IoError` `InvalidInput` unless `name` is a `Uint8Array` that fits `sun_path`.
   */
  static fromAbstractName(name: Uint8Array): UnixSocketAddr {
    return UnixSocketAddr.parse({ abstract: name });
  }

  /** Whether the address is unnamed (neither a pathname nor an abstract name). */
  isUnnamed(): boolean {
    return this.path === null && this.abstract === null;
  }

  /** The path, `@name` for an abstract name, or `(unnamed)`. */
  toString(): string {
    if (this.path !== null) return this.path;
    if (this.abstract !== null) return `@${decoder.decode(this.abstract)}`;
    return "(unnamed)";
  }
}

function pathBytes(path: string): Uint8Array {
  if (path === "") throw invalidInput("invalid Unix socket path: the path is empty");
  if (path.includes("\0")) {
    throw invalidInput(`invalid Unix socket path ${JSON.stringify(path)}: paths must not contain NUL bytes`);
  }
  return encoder.encode(path);
}

function parseEndpoint(input: unknown): UnixEndpoint {
  if (typeof input === "string") return { path: pathBytes(input), abstract: null };
  if (input === null || typeof input !== "object" || !("path" in input || "abstract" in input)) {
    throw invalidInput(
      `invalid Unix socket address: expected a path string, { path } or { abstract }, got ${
        input === null ? "null" : typeof input
      }`,
    );
  }
  const { path = null, abstract = null } = input as { path?: unknown; abstract?: unknown };
  if (path !== null && abstract !== null) {
    throw invalidInput("invalid Unix socket address: give a path or an abstract name, not both");
  }
  if (path !== null) {
    if (typeof path !== "string") throw invalidInput(`invalid Unix socket address: path must be a string`);
    return { path: pathBytes(path), abstract: null };
  }
  if (abstract !== null) {
    if (!(abstract instanceof Uint8Array)) {
      throw invalidInput("invalid Unix socket address: abstract must be a Uint8Array of the name's bytes");
    }
    checkBuffer(abstract, "abstract"); // TypeError for a detached or counterfeit one
    return { path: null, abstract: new Uint8Array(abstract) }; // a copy (a Buffer's slice() is a view)
  }
  return { path: null, abstract: null };
}

/** @internal The address `input` as data for the OS (parsed and checked). */
export function endpointOf(input: UnixSocketAddrInput): UnixEndpoint {
  return endpointOfAddr(UnixSocketAddr.parse(input));
}
