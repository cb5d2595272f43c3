/**
 * The shape of a quoted header excerpt and the parser the simulated-ABI
 * tests read it with.
 *
 * @module
 */

/** Lines quoted from one header of an OS's sources. */
export interface HeaderQuote {
  /** The header's path in the OS's source tree. */
  readonly file: string;
  /** The tree and commit (or tag) it was read at. */
  readonly version: string;
  /** The lines, as they stand in the header. */
  readonly text: string;
}

/**
 * Every `#define NAME number` of the quotes (a parenthesised, negative or
 * hexadecimal number, or the `((__uint64_t)1 << 63) - 1` form of
 * RLIM_INFINITY), by name, as a bigint.
 */
export function quotedDefines(quotes: readonly HeaderQuote[]): Map<string, { value: bigint; where: string }> {
  const out = new Map<string, { value: bigint; where: string }>();
  for (const q of quotes) {
    const where = `${q.file} (${q.version})`;
    for (const m of q.text.matchAll(/^#define\s+(\w+)\s+\(?(-?(?:0x[0-9a-fA-F]+|\d+))\)?(?:\s|$)/gm)) {
      out.set(m[1], { value: BigInt(m[2]), where });
    }
    for (
      const m of q.text.matchAll(/^#define\s+(\w+)\s+\(*(?:rlim_t\))?\(*\(__uint64_t\)1 << (\d+)\) - 1\)/gm)
    ) {
      out.set(m[1], { value: (1n << BigInt(m[2])) - 1n, where });
    }
  }
  return out;
}

const FIELD_SIZES: Readonly<Record<string, number>> = {
  uintptr_t: 8,
  __uintptr_t: 8,
  intptr_t: 8,
  __int64_t: 8,
  __uint64_t: 8,
  int16_t: 2,
  uint16_t: 2,
  short: 2,
  "unsigned short": 2,
  uint32_t: 4,
  "unsigned int": 4,
};

/**
 * The size of a quoted `struct name { … }` on an LP64 target, from its
 * field types (`void *` is 8; `T x[n]` is n × T); every field of the
 * structs quoted here is naturally aligned, so the size is the sum.
 */
export function quotedStructSize(quotes: readonly HeaderQuote[], name: string): number {
  for (const q of quotes) {
    const m = q.text.match(new RegExp(`struct ${name} \\{([^}]*)\\};`));
    if (m === null) continue;
    let size = 0;
    for (const line of m[1].split("\n")) {
      const f = line.replace(/\/\*.*?\*\//g, "").trim().match(/^(.+?)\s*(\*?)\s*(\w+)(?:\[(\d+)\])?;$/);
      if (f === null) continue;
      const type = f[1].trim();
      const one = f[2] === "*" || type.endsWith("*") ? 8 : FIELD_SIZES[type];
      if (one === undefined) throw new Error(`no size for field type ${type} of struct ${name}`);
      size += one * (f[4] === undefined ? 1 : Number(f[4]));
    }
    return size;
  }
  throw new Error(`struct ${name} is not quoted`);
}
