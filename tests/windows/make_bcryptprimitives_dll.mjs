#!/usr/bin/env node
// Writes a 1 KiB x86_64 PE DLL, bcryptprimitives.dll, whose only export,
// ProcessPrng, forwards to advapi32.SystemFunction036 (RtlGenRandom). Wine
// 8.0 (Debian 12) has no bcryptprimitives.dll, and every binary built with
// Rust >= 1.78 (deno.exe) as well as current bun.exe imports
// bcryptprimitives!ProcessPrng: without it they exit at once with
// STATUS_DLL_NOT_FOUND (c0000135). A forwarder needs no code, so no
// toolchain either. ProcessPrng(PBYTE, SIZE_T) -> BOOL and
// RtlGenRandom(PVOID, ULONG) -> BOOLEAN: the callers (Rust std, getrandom)
// only debug-assert the result and ask for far less than 4 GiB.
//
// Usage: node tests/windows/make_bcryptprimitives_dll.mjs OUT.dll
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import process from "node:process";
import { fileURLToPath } from "node:url";

/** The single section: file offset 0x200, mapped at RVA 0x1000. */
const RVA = 0x1000;
const RAW = 0x200;
/** Where the optional header (PE32+) starts. */
const OPT = 0x58;

/**
 * The DLL's bytes.
 *
 * @returns {Buffer}
 */
function bcryptprimitivesDll() {
  const b = Buffer.alloc(0x400);
  // DOS header, PE signature, COFF header.
  b.write("MZ", 0, "latin1");
  b.writeUInt32LE(0x40, 0x3c); // e_lfanew
  b.write("PE\0\0", 0x40, "latin1");
  b.writeUInt16LE(0x8664, 0x44); // Machine: AMD64
  b.writeUInt16LE(1, 0x46); // NumberOfSections
  b.writeUInt16LE(0xf0, 0x54); // SizeOfOptionalHeader
  b.writeUInt16LE(0x2022, 0x56); // EXECUTABLE_IMAGE | LARGE_ADDRESS_AWARE | DLL
  // Optional header.
  b.writeUInt16LE(0x20b, OPT); // PE32+
  b.writeUInt32LE(0x200, OPT + 8); // SizeOfInitializedData
  b.writeUInt32LE(RVA, OPT + 20); // BaseOfCode
  b.writeBigUInt64LE(0x180000000n, OPT + 24); // ImageBase
  b.writeUInt32LE(0x1000, OPT + 32); // SectionAlignment
  b.writeUInt32LE(0x200, OPT + 36); // FileAlignment
  b.writeUInt16LE(6, OPT + 40); // MajorOperatingSystemVersion
  b.writeUInt16LE(6, OPT + 48); // MajorSubsystemVersion
  b.writeUInt32LE(0x2000, OPT + 56); // SizeOfImage
  b.writeUInt32LE(0x200, OPT + 60); // SizeOfHeaders
  b.writeUInt16LE(3, OPT + 68); // Subsystem: console
  b.writeUInt16LE(0x160, OPT + 70); // HIGH_ENTROPY_VA | DYNAMIC_BASE | NX_COMPAT (no code: nothing to relocate)
  b.writeBigUInt64LE(0x100000n, OPT + 72); // SizeOfStackReserve
  b.writeBigUInt64LE(0x1000n, OPT + 80); // SizeOfStackCommit
  b.writeBigUInt64LE(0x100000n, OPT + 88); // SizeOfHeapReserve
  b.writeBigUInt64LE(0x1000n, OPT + 96); // SizeOfHeapCommit
  b.writeUInt32LE(16, OPT + 108); // NumberOfRvaAndSizes

  // The export data, laid out inside the section: the directory at 0, the
  // address, name and ordinal tables at 0x28, 0x2c, 0x30, then the strings.
  const eat = 0x28, names = 0x2c, ordinals = 0x30;
  let end = 0x32;
  const string = (s) => {
    const at = end;
    b.write(s + "\0", RAW + at, "latin1");
    end += s.length + 1;
    return at;
  };
  const dllName = string("bcryptprimitives.dll");
  const functionName = string("ProcessPrng");
  const forwarder = string("advapi32.SystemFunction036");
  b.writeUInt32LE(RVA, OPT + 112); // DataDirectory[EXPORT].VirtualAddress
  b.writeUInt32LE(end, OPT + 116); // its Size: a forwarder's RVA must lie inside it

  // Section header.
  const section = OPT + 0xf0;
  b.write(".edata", section, "latin1");
  b.writeUInt32LE(end, section + 8); // VirtualSize
  b.writeUInt32LE(RVA, section + 12); // VirtualAddress
  b.writeUInt32LE(0x200, section + 16); // SizeOfRawData
  b.writeUInt32LE(RAW, section + 20); // PointerToRawData
  b.writeUInt32LE(0x40000040, section + 36); // INITIALIZED_DATA | MEM_READ

  // IMAGE_EXPORT_DIRECTORY and its tables.
  b.writeUInt32LE(RVA + dllName, RAW + 12); // Name
  b.writeUInt32LE(1, RAW + 16); // Base
  b.writeUInt32LE(1, RAW + 20); // NumberOfFunctions
  b.writeUInt32LE(1, RAW + 24); // NumberOfNames
  b.writeUInt32LE(RVA + eat, RAW + 28); // AddressOfFunctions
  b.writeUInt32LE(RVA + names, RAW + 32); // AddressOfNames
  b.writeUInt32LE(RVA + ordinals, RAW + 36); // AddressOfNameOrdinals
  b.writeUInt32LE(RVA + forwarder, RAW + eat); // ProcessPrng: the forwarder string
  b.writeUInt32LE(RVA + functionName, RAW + names);
  b.writeUInt16LE(0, RAW + ordinals);
  return b;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) {
    console.error("usage: node tests/windows/make_bcryptprimitives_dll.mjs OUT.dll");
    process.exit(2);
  }
  writeFileSync(out, bcryptprimitivesDll());
  console.log(`wrote ${out}: ProcessPrng -> advapi32.SystemFunction036`);
}
