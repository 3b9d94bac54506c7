#!/bin/bash
# Export the series from the kernel tree (build/linux, branch v7 on top of
# tag "base") back to patches/, the source of truth, with the cover letter
# from harness/cover-letter.txt and To/Cc from scripts/get_maintainer.pl.
set -euo pipefail
source "$(dirname "$0")/common.sh"

cd "$SRC"
range=base..HEAD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

git format-patch -q -o "$tmp" "$range"
gm() { ./scripts/get_maintainer.pl --no-git --no-git-fallback --no-rolestats "$@" "$tmp"/*.patch; }
args=()
while read -r who; do args+=(--to "$who"); done < <(gm --no-l | grep -v "$(git config user.email)")
while read -r list; do args+=(--cc "$list"); done < <(gm --no-m --no-r)

# The cover letter: first line is the subject, the rest the body
git config branch.v7.description "$(cat "$HARNESS/cover-letter.txt")"
rm -f "$ROOT"/patches/*.patch
git format-patch -q -v7 --cover-letter --cover-from-description=subject \
	--zero-commit "${args[@]}" -o "$ROOT/patches" "$range"
# The tree already carries what patches/ now holds
series_id > .git/series-id
ls "$ROOT/patches"
