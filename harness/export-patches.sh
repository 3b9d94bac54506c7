#!/bin/bash
# Export the series from the kernel tree (build/linux, branch v7 on top of
# tag "base") back to patches/, the source of truth, with the cover letter
# from harness/cover-letter.txt and To/Cc from scripts/get_maintainer.pl.
# SRC=tree and PATCHES_DIR=dir export another tree elsewhere (the gate).
set -euo pipefail
source "$(dirname "$0")/common.sh"

out=${PATCHES_DIR:-$ROOT/patches}
cd "$SRC"
range=base..HEAD
branch=$(git symbolic-ref --short HEAD)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

git format-patch -q -o "$tmp" "$range"
gm() { ./scripts/get_maintainer.pl --no-git --no-git-fallback --no-rolestats "$@" "$tmp"/*.patch; }
args=()
while read -r who; do args+=(--to "$who"); done < <(gm --no-l)
while read -r list; do args+=(--cc "$list"); done < <(gm --no-m --no-r)

# The cover letter: first line is the subject, the rest the body
git config "branch.$branch.description" "$(cat "$HARNESS/cover-letter.txt")"
mkdir -p "$out"
rm -f "$out"/*.patch
# The cover letter comes from the series' author, whoever exports it
first=$(git rev-list "$range" | tail -n 1)
git -c user.name="$(git log -1 --format=%an "$first")" \
	-c user.email="$(git log -1 --format=%ae "$first")" \
	-c core.abbrev=12 format-patch -q -v7 --cover-letter --cover-from-description=subject \
	--zero-commit "${args[@]}" -o "$out" "$range"
# The tree already carries what patches/ now holds
series_id > "$(git rev-parse --git-dir)/series-id"
ls "$out"
