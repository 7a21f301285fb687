#!/usr/bin/env bash
# Provide the real Pulumi engine (CLI + Node.js language host + dynamic-provider host) offline.
#
#   scripts/install-pulumi.sh        progress on stderr; the bin directory is the LAST line on stdout:
#   PULUMI_BIN="$(scripts/install-pulumi.sh | tail -n 1)"
#
# 1. A `pulumi` on PATH at least as new as the pinned version, with `pulumi-language-nodejs` beside it
#    (an official install), is used as is. Set PAASENV_IGNORE_AMBIENT_PULUMI=1 to skip this.
# 2. Otherwise `pulumi` is built from the Go module pinned in scripts/pulumi-cli/go.mod (github.com/pulumi/
#    pulumi/pkg/v3), together with our own `pulumi-language-nodejs` (scripts/pulumi-cli/cmd/; upstream's
#    is not served by the Go module proxy) and upstream's `pulumi-resource-pulumi-nodejs` script copied
#    from the sdk/v3 module. The CLI and the script go into .tools/pulumi/<version>/bin, cached by version
#    and go.sum; the language host into .tools/pulumi/<version>/hosts/<hash of its source>/bin, beside hard
#    links to those two, and that folder is the one printed. So checkouts with different host sources
#    sharing one .tools (worktrees, branches) each keep their own host instead of rebuilding each other's;
#    later runs take a second.
#
# Needs Go >= 1.25 for step 2 (a cold build takes several minutes on two cores; the Go build cache makes
# rebuilds fast).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$root/scripts/pulumi-cli"
version="$(awk '$1 == "github.com/pulumi/pulumi/pkg/v3" { print $2; exit }' "$module/go.mod")"
if [ -z "$version" ]; then
  echo "install-pulumi: cannot read the github.com/pulumi/pulumi/pkg/v3 version from $module/go.mod" >&2
  exit 1
fi
dest="$root/.tools/pulumi/$version"
bin="$dest/bin"

log() { echo "install-pulumi: $*" >&2; }

# version_at_least A B: true when version A >= version B (leading "v" ignored).
version_at_least() {
  [ "$(printf '%s\n%s\n' "${1#v}" "${2#v}" | sort -V | head -n 1)" = "${2#v}" ]
}

# --- 1. an ambient, official CLI -------------------------------------------------------------------
if [ -z "${PAASENV_IGNORE_AMBIENT_PULUMI:-}" ] && ambient="$(command -v pulumi 2>/dev/null)"; then
  ambient_dir="$(dirname "$(readlink -f "$ambient")")"
  if [ "${ambient_dir#"$dest"/}" = "$ambient_dir" ]; then
    ambient_version="$(PULUMI_SKIP_UPDATE_CHECK=true "$ambient" version 2>/dev/null || true)"
    if [ -n "$ambient_version" ] && version_at_least "$ambient_version" "$version" \
      && [ -x "$ambient_dir/pulumi-language-nodejs" ]; then
      log "using the pulumi $ambient_version on PATH ($ambient_dir)"
      echo "$ambient_dir"
      exit 0
    fi
    log "ignoring the pulumi on PATH ($ambient, version '${ambient_version:-unknown}'): need >= $version" \
      "with pulumi-language-nodejs beside it"
  fi
fi

# --- 2. build from the pinned Go modules (or reuse the cached build) ----------------------------------
# require_go: fail with instructions when Go is missing (only called when something must be built).
require_go() {
  command -v go >/dev/null 2>&1 && return 0
  cat >&2 <<EOF
install-pulumi: Go is not installed, and it is needed to build the Pulumi CLI $version offline.
  Install Go >= 1.25 (https://go.dev/doc/install; on Debian/Ubuntu a recent 'golang' package or the
  official tarball), make sure 'go' is on PATH, and run this again. Alternatively install the official
  Pulumi CLI >= $version (https://www.pulumi.com/docs/install/) and put it on PATH.
EOF
  exit 1
}

mkdir -p "$dest"
# Serialize concurrent runs (parallel test processes) on one lock file.
if command -v flock >/dev/null 2>&1; then
  exec 9>"$dest/.lock"
  flock 9
fi

hash_of() { cat "$@" | sha256sum | cut -d' ' -f1; }
cli_key="$version $(hash_of "$module/go.mod" "$module/go.sum")"
host_sources=()
for file in "$module"/cmd/pulumi-language-nodejs/*.go; do
  [[ "$file" == *_test.go ]] || host_sources+=("$file")
done
host_hash="$(hash_of "${host_sources[@]}")"
host_key="$cli_key $host_hash"
host_dir="$dest/hosts/${host_hash:0:16}/bin" # named bin: the Automation API wants <root>/bin/pulumi
ldflags="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version"

# build_into <dir> <label> <package> <stamp file> <key>: go build the package into <dir> unless the stamp matches.
build_into() {
  local into="$1" label="$2" pkg="$3" stamp="$4" key="$5" tmp start
  if [ -x "$into/$label" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$key" ]; then
    log "$label $version is cached in ${into#"$root"/}"
    return 0
  fi
  require_go
  log "building $label $version (go $(go env GOVERSION)); on a cold Go cache this takes several minutes..."
  start=$SECONDS
  tmp="$(mktemp -d "$dest/build.XXXXXX")"
  if ! (cd "$module" && go build -trimpath -tags osusergo,grpcnotrace -ldflags "$ldflags" -o "$tmp/$label" "$pkg"); then
    rm -rf "$tmp"
    log "building $label failed (see the go output above)"
    exit 1
  fi
  mkdir -p "$into"
  mv -f "$tmp/$label" "$into/$label"
  rm -rf "$tmp"
  echo "$key" >"$stamp"
  log "built $label in $((SECONDS - start))s"
}

total=$SECONDS
build_into "$bin" pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$dest/.stamp-pulumi" "$cli_key"
build_into "$host_dir" pulumi-language-nodejs ./cmd/pulumi-language-nodejs "$host_dir/.stamp" "$host_key"

# The dynamic-provider host is a shell script shipped inside the sdk/v3 module (read-only in the cache).
if [ ! -x "$bin/pulumi-resource-pulumi-nodejs" ]; then
  require_go
  sdk_dir="$(cd "$module" && go mod download -json github.com/pulumi/pulumi/sdk/v3 |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
  script="$sdk_dir/nodejs/dist/pulumi-resource-pulumi-nodejs"
  if [ ! -f "$script" ]; then
    log "cannot find pulumi-resource-pulumi-nodejs in the sdk/v3 module ($script)"
    exit 1
  fi
  install -m 0755 "$script" "$bin/pulumi-resource-pulumi-nodejs"
  log "copied pulumi-resource-pulumi-nodejs from the sdk/v3 module"
fi

# The engine finds bundled plugins beside the running `pulumi`, and paasenv puts the printed folder first on
# PATH: the host's folder gets the CLI and the script as hard links (a copy across file systems), replaced
# only when they differ, so that a run starting from it never finds them missing.
for file in pulumi pulumi-resource-pulumi-nodejs; do
  if [ ! "$host_dir/$file" -ef "$bin/$file" ]; then
    ln -f "$bin/$file" "$host_dir/$file.tmp" 2>/dev/null || cp -f "$bin/$file" "$host_dir/$file.tmp"
    mv -f "$host_dir/$file.tmp" "$host_dir/$file"
  fi
done

log "pulumi $("$host_dir/pulumi" version) ready in ${host_dir#"$root"/} ($((SECONDS - total))s)"
echo "$host_dir"
