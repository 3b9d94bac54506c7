#!/bin/bash
# Export the base's series from its kernel tree (build/BASE/linux, branch
# "series" on top of tag "base") back to patches/SERIES_DIR/ (mainline,
# 6.12), the source of truth, with the cover letter from cover-letter.txt
# there and To/Cc from the tree's scripts/get_maintainer.pl.  SRC=tree and
# EXPORT_DIR=dir export another tree elsewhere (the gate).
#
# Sender: From: and the last Signed-off-by: are the person exporting,
# SENDER="Name <addr>" or else `git config user.name/user.email`; commits
# authored by the placeholder (harness/lib/sender.sh) become theirs, and their
# sign-off replaces the placeholder's.  Without a real identity the
# placeholder stays.  SENDER=keep exports the commits as they are (the
# gate's "up to date" rule).  The kernel tree is not changed: the rewritten
# commits live in a temporary repository that borrows its objects.
#
# Threading for b4 and git send-email: Message-ID on every mail,
# In-Reply-To/References to the cover letter (--thread=shallow), and
# base-commit: (--base) in the cover letter: the pristine base, with a
# prerequisite-patch-id: for each fix of the base's PREREQ_DIR under it.
# The Message-Ids and the cover letter's date come from the series'
# content (its tip commit),
# not the clock: exporting again gives the same files, and an edit of the
# cover letter changes the cover letter alone.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$HARNESS/lib/sender.sh"

base_vars "$BASE"
out=${EXPORT_DIR:-$PATCHES}
cd "$SRC"
range=base..HEAD
base=$(git rev-parse --verify 'base^{commit}')
[ -n "$(git rev-list -1 "$range")" ] || { echo "export: no commits on top of base in $SRC" >&2; exit 1; }
# The fixes under the series (PREREQ_DIR) are pristine..base
pristine=$base
if [ -n "$PREREQ_DIR" ]; then
	pristine=$(git rev-parse -q --verify 'pristine^{commit}') && [ -n "$(git rev-list -1 pristine..base)" ] ||
		{ echo "export: no fixes between tags pristine and base in $SRC: run harness/run/apply-series.sh" >&2; exit 1; }
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sender=$(export_sender)
if [ "$sender" != keep ] && ! [[ $sender =~ ^[^\<\>]+\ \<[^\<\>@\ ]+@[^\<\>@\ ]+\>$ ]]; then
	echo "export: SENDER must be \"Name <address>\" (or keep), not \"$sender\"" >&2
	exit 1
fi

git format-patch -q -o "$tmp/gm" "$range"
# (PERL_HASH_SEED=0: the same order of names on every run)
gm_of() { PERL_HASH_SEED=0 ./scripts/get_maintainer.pl --no-git --no-git-fallback --no-rolestats "$@"; }
gm() { gm_of "$@" "$tmp"/gm/*.patch; }
args=()
while read -r who; do args+=(--to "$who"); done < <(gm --no-l)
while read -r list; do args+=(--cc "$list"); done < <(gm --no-m --no-r)

# A temporary repository sharing the tree's objects: the series, with the
# sender's identity, on a branch whose description is the cover letter
# (first line the subject, the rest the body)
repo=$tmp/repo.git
git init -q --bare "$repo"
echo "$(git rev-parse --path-format=absolute --git-common-dir)/objects" \
	> "$repo/objects/info/alternates"
g() { git --git-dir="$repo" "$@"; }
rewrite() { # PARENT COMMIT...: the commits, the sender's, on PARENT; prints the last
	local parent=$1 c an ae ad msg
	shift
	for c in "$@"; do
		an=$(git log -1 --format=%an "$c") ae=$(git log -1 --format=%ae "$c")
		ad=$(git log -1 --format=%ad --date=raw "$c")
		msg=$(git log -1 --format=%B "$c")
		if [ "$sender" != keep ]; then
			[ "$an <$ae>" != "$PLACEHOLDER_SENDER" ] ||
				{ an=${sender% <*}; ae=${sender##*<}; ae=${ae%>}; }
			msg=$(printf '%s\n' "$msg" | grep -vxF "Signed-off-by: $PLACEHOLDER_SENDER" |
				git interpret-trailers --if-exists addIfDifferentNeighbor \
					--trailer "Signed-off-by: $sender")
		fi
		parent=$(printf '%s\n' "$msg" | GIT_AUTHOR_NAME=$an GIT_AUTHOR_EMAIL=$ae \
			GIT_AUTHOR_DATE=$ad GIT_COMMITTER_NAME=$an GIT_COMMITTER_EMAIL=$ae \
			GIT_COMMITTER_DATE=$ad g commit-tree "$(git rev-parse "$c^{tree}")" -p "$parent")
	done
	echo "$parent"
}
# shellcheck disable=SC2046 # one commit a word
fixes_tip=$(rewrite "$pristine" $(git rev-list --reverse "$pristine..$base"))
# shellcheck disable=SC2046
g update-ref refs/heads/series "$(rewrite "$fixes_tip" $(git rev-list --reverse "$range"))"
g update-ref refs/tags/base "$fixes_tip"
g config branch.series.description "$(cat "$PATCHES/cover-letter.txt")"

mkdir -p "$out"
rm -f "$out"/*.patch
# The cover letter (and the Message-IDs) come from the series' author
first=$(g rev-list base..series | tail -n 1)
g -c user.name="$(g log -1 --format=%an "$first")" \
	-c user.email="$(g log -1 --format=%ae "$first")" \
	-c core.abbrev=12 format-patch -q -v"${SERIES_VERSION#v}" --cover-letter \
	--cover-from-description=subject --thread=shallow --base="$pristine" \
	--zero-commit "${args[@]}" -o "$out" base..series

# The clock out of the mails: git's Message-Ids carry the time of each
# mail's making, "<COMMIT.TIME.git.ADDR>" and "<cover.TIME.git.ADDR>";
# the tip commit takes its place, and the cover letter gets the last
# patch's date
cover=$(ls "$out"/*-0000-cover-letter.patch)
tip=$(g rev-parse --short=12 series)
sed -i -E "s/^(Message-I[dD]|In-Reply-To|References): (<[^.]*)\.[0-9]+\.git\./\1: \2.$tip.git./" "$out"/*.patch
sed -i "s/^Date: .*/$(grep -m1 '^Date: ' "$(ls "$out"/*.patch | tail -1)")/" "$cover"

# git format-patch folds a Subject: longer than a mail line, and b4 0.12
# cannot read a folded header: say so (the subject has to be shortened)
folded=$(folded_subjects "$out"/*.patch)
if [ -n "$folded" ]; then
	echo "export: WARNING: folded Subject: header (subject too long for one line; b4 0.12 rejects it) in:" >&2
	echo "$folded" | sed 's/^/  /' >&2
fi
# The fixes under the series (PREREQ_DIR), each a mail of its own to its
# own maintainers, replaced only once all are written
if [ -n "$PREREQ_DIR" ]; then
	n=0
	for c in $(g rev-list --reverse "$pristine..$fixes_tip"); do
		g format-patch -q -1 --stdout "$c" > "$tmp/fix.patch"
		fargs=()
		while read -r who; do fargs+=(--to "$who"); done < <(gm_of --no-l "$tmp/fix.patch")
		while read -r list; do fargs+=(--cc "$list"); done < <(gm_of --no-m --no-r "$tmp/fix.patch")
		g -c core.abbrev=12 format-patch -q -1 --zero-commit --base="$pristine" \
			--start-number $((++n)) "${fargs[@]}" -o "$tmp/fixes" "$c"
	done
	fixes=${EXPORT_DIR:+${out%/}-fixes}
	fixes=${fixes:-$ROOT/patches/$PREREQ_DIR}
	mkdir -p "$fixes" && rm -f "$fixes"/*.patch && cp "$tmp"/fixes/*.patch "$fixes"/
fi
# The tree already carries what patches/ now holds (an export elsewhere
# says nothing about patches/)
[ "$out" != "$PATCHES" ] || series_id > "$(git rev-parse --git-dir)/series-id"
ls "$out"
