#!/bin/bash
# The series as a maintainer applies it with b4 (Debian's b4 0.12): the
# exported mails concatenated into one mbox, `b4 am -C -m series.mbox -o
# DIR` must write one .mbx holding every patch with its trailers, and
# `git am` of that .mbx must apply to a clean worktree of the base (and,
# given TIP, give the tip's tree).
#
#   b4.sh [DIR [TIP]]    DIR: exported series (default patches/BASE)
#
# Prints "PASS|FAIL BASE/gate/b4/..." lines; work files in build/BASE/b4/.
# b4 0.12 crashes on a folded Subject: header ("Header values may not
# contain linefeed") and finds no patches in an unthreaded mbox: both are
# told here before b4 runs.
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"

base_vars "$BASE"
dir=${1:-$PATCHES}
tip=${2:-}
work=$BUILD/$BASE/b4
tree=$work/linux
RESULT_PREFIX=${RESULT_PREFIX:-$BASE/gate/}b4/

command -v b4 > /dev/null || { result FAIL am "b4 not installed: apt-get install b4"; exit 1; }
mapfile -t mails < <(ls "$dir"/*.patch 2>/dev/null | sort)
cover=$(ls "$dir"/*-0000-cover-letter.patch 2>/dev/null)
n=$(( ${#mails[@]} - 1 ))
[ -n "$cover" ] && [ "$n" -gt 0 ] || { result FAIL mbox "no cover letter and patches in $dir"; exit 1; }

rm -rf "$work/am" "$work/series.mbox"
mkdir -p "$work/am"
cat "${mails[@]}" > "$work/series.mbox"

# What b4 0.12 cannot read, said plainly
folded=$(folded_subjects "${mails[@]}" | cut -d- -f2 | tr '\n' ' ')
if [ -n "$folded" ]; then
	result FAIL mbox "folded Subject: header in ${folded% }: subject too long for one line, b4 0.12 crashes on it; shorten it"
	exit 1
fi
unthreaded=$(for m in "${mails[@]}"; do
	sed '/^$/q' "$m" | grep -qi '^Message-Id: ' || basename "$m" | cut -d- -f2
	[ "$m" = "$cover" ] || sed '/^$/q' "$m" | grep -qi '^In-Reply-To: ' || basename "$m" | cut -d- -f2
done | sort -u | tr '\n' ' ')
if [ -n "$unthreaded" ]; then
	result FAIL mbox "not threaded (Message-Id/In-Reply-To missing) in ${unthreaded% }: export with --thread"
	exit 1
fi
grep -q '^base-commit: ' "$cover" || { result FAIL mbox "no base-commit: in the cover letter: export with --base"; exit 1; }

# A clean worktree of the base: b4 runs in it (so that it knows the
# base-commit), git am applies b4's .mbx to it
worktree "$SRC" "$tree" base || { result FAIL am "no worktree of the base in $tree"; exit 1; }
# b4 am, the way a maintainer runs it on a local mbox
if ! (cd "$tree" && b4 am -C -m "$work/series.mbox" -o "$work/am") > "$work/b4.log" 2>&1; then
	result FAIL am "b4 am failed: $(grep -m1 -iE 'error|exception|could not' "$work/b4.log" || tail -1 "$work/b4.log")"
	exit 1
fi
mapfile -t mbx < <(ls "$work"/am/*.mbx 2>/dev/null)
if [ ${#mbx[@]} != 1 ]; then
	result FAIL am "b4 wrote ${#mbx[@]} .mbx files, not 1: $(grep -m1 -iE 'could not|error' "$work/b4.log")"
	exit 1
fi
got=$(grep -cE "^Subject: \[PATCH v[0-9]+ [0-9]+/$n\]" "${mbx[0]}")
# Trailers: those of every patch, in order, against those b4 wrote
trailers() { grep -hE '^(Signed-off-by|Reviewed-by|Acked-by|Tested-by|Reported-by|Suggested-by|Co-developed-by|Fixes|Link|Closes): ' "$@"; }
if [ "$got" != "$n" ]; then
	result FAIL am "$(basename "${mbx[0]}") holds $got of $n patches"
	exit 1
elif ! diff <(for m in "${mails[@]}"; do [ "$m" = "$cover" ] || sed '/^---$/q' "$m" | trailers; done) \
		<(trailers "${mbx[0]}") > "$work/trailers.diff"; then
	result FAIL am "trailers differ from the exported patches: $(grep -m1 '^[<>]' "$work/trailers.diff")"
	exit 1
fi
result PASS am "$(basename "${mbx[0]}"): $n patches, $(trailers "${mbx[0]}" | wc -l) trailers, $(grep -m1 -o 'Base: .*' "$work/b4.log")"

if ! git -C "$tree" -c user.name=b4-check -c user.email=b4-check@localhost am -q "${mbx[0]}" \
		> "$work/git-am.log" 2>&1; then
	result FAIL git-am "$(grep -m1 -E 'error|failed' "$work/git-am.log")"
	git -C "$tree" am --abort > /dev/null 2>&1
	exit 1
fi
applied=$(git -C "$tree" rev-list --count base..HEAD)
if [ "$applied" != "$n" ]; then
	result FAIL git-am "$applied commits, not $n"
elif [ -n "$tip" ] && [ "$(git -C "$tree" rev-parse 'HEAD^{tree}')" != "$(git -C "$SRC" rev-parse "$tip^{tree}")" ]; then
	result FAIL git-am "the tree differs from $tip's"
else
	result PASS git-am "$n commits on base${tip:+, same tree as the tip}"
fi
