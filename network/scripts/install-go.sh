#!/usr/bin/env bash
# Installs a private Go 1.26 toolchain from Debian trixie-backports into $1 (no system change): used only when the
# machine's Go is older than the pinned Fabric needs. The go binary is static and runs on bookworm.
set -euo pipefail
dest=${1:?destination directory}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/etc/apt/sources.list.d" "$work/etc/apt/preferences.d" "$work/state/lists/partial" "$work/cache/archives/partial"
echo "deb http://deb.debian.org/debian trixie-backports main" > "$work/etc/apt/sources.list"
opts=(-o "Dir::Etc=$work/etc/apt" -o "Dir::State=$work/state" -o "Dir::Cache=$work/cache"
      -o "Dir::State::status=/var/lib/dpkg/status" -o "APT::Get::List-Cleanup=0")
apt-get "${opts[@]}" update -qq
(cd "$work" && apt-get "${opts[@]}" download golang-1.26-go golang-1.26-src)
mkdir -p "$dest"
for deb in "$work"/*.deb; do dpkg -x "$deb" "$dest"; done
"$dest/usr/lib/go-1.26/bin/go" version
