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
# base-commit: (--base) in the cover letter.  The Message-Ids and the
# cover letter's date come from the series' content (its tip commit),
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
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sender=$(export_sender)
if [ "$sender" != keep ] && ! [[ $sender =~ ^[^\<\>]+\ \<[^\<\>@\ ]+@[^\<\>@\ ]+\>$ ]]; then
	echo "export: SENDER must be \"Name <address>\" (or keep), not \"$sender\"" >&2
	exit 1
fi

git format-patch -q -o "$tmp/gm" "$range"
# (PERL_HASH_SEED=0: the same order of names on every run)
gm() { PERL_HASH_SEED=0 ./scripts/get_maintainer.pl --no-git --no-git-fallback --no-rolestats "$@" "$tmp"/gm/*.patch; }
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
parent=$base
for c in $(git rev-list --reverse "$range"); do
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
g update-ref refs/heads/series "$parent"
g update-ref refs/tags/base "$base"
g config branch.series.description "$(cat "$PATCHES/cover-letter.txt")"

mkdir -p "$out"
rm -f "$out"/*.patch
# The cover letter (and the Message-IDs) come from the series' author
first=$(g rev-list base..series | tail -n 1)
g -c user.name="$(g log -1 --format=%an "$first")" \
	-c user.email="$(g log -1 --format=%ae "$first")" \
	-c core.abbrev=12 format-patch -q -v"${SERIES_VERSION#v}" --cover-letter \
	--cover-from-description=subject --thread=shallow --base="$base" \
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
# The tree already carries what patches/ now holds (an export elsewhere
# says nothing about patches/)
[ "$out" != "$PATCHES" ] || series_id > "$(git rev-parse --git-dir)/series-id"
ls "$out"
