#!/bin/bash
# Is the exported series ready to be sent (`make send-check`)?  Refuses
# while any mail is from the placeholder author or an address nobody
# reads (harness/sender.sh), while a patch's last Signed-off-by: differs
# from its From:, while a Subject: header is folded (b4 0.12 rejects it),
# or while the mails are not threaded to the cover letter.  The fixes sent
# on their own (PREREQ_DIR, unthreaded) are held to the same From: and
# sign-off rules.  Says "ready" otherwise.
#
#   send-check.sh [--gate] [DIR]     DIR: default patches/BASE
#
# Exit 0 ready, 2 not ready only because no sender is set yet (the
# placeholder), 1 anything else.  --gate prints one gate line instead and
# exits 0: PASS when ready, SKIP (with the reason) for the placeholder,
# so that CI passes on the checked-in series, FAIL for a wrong identity
# (a sign-off that is not the From:); folding and threading are left to
# the gate's b4 rule (harness/gate/b4.sh).
set -uo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$HARNESS/lib/sender.sh"

gate=
[ "${1:-}" = --gate ] && { gate=1; shift; }
base_vars "$BASE"
dir=${1:-$PATCHES}

placeholder=() problems=() form=()
cover=$(ls "$dir"/*-0000-cover-letter.patch 2>/dev/null)
mapfile -t mails < <(ls "$dir"/*.patch 2>/dev/null)
fixes=()
[ "$dir" != "$PATCHES" ] || mapfile -t fixes < <(prereqs)
[ ${#mails[@]} -gt 1 ] && [ -n "$cover" ] ||
	problems+=("$dir: no exported series (cover letter and patches); run make patches")
cover_id=$([ -n "$cover" ] && sed -n '/^$/q; s/^Message-I[dD]: *//p' "$cover")
[ -n "$cover" ] && [ -z "$cover_id" ] &&
	form+=("not threaded: no Message-Id in the cover letter; export with --thread")

for m in "${mails[@]}" "${fixes[@]}"; do
	f=$(basename "$m")
	hdr=$(sed '/^$/q' "$m")
	# From: decoded (RFC 2047) by git itself
	info=$(git mailinfo -u /dev/null /dev/null < "$m" 2>/dev/null)
	from="$(sed -n 's/^Author: //p' <<< "$info") <$(sed -n 's/^Email: //p' <<< "$info")>"
	if ! is_real_sender "$from"; then
		placeholder+=("$f: From: $from is not a person's address")
	fi
	if [ -n "$(folded_subjects "$m")" ]; then
		if [ "$m" = "$cover" ]; then what="the first line of $dir/cover-letter.txt"; else what="the commit's subject"; fi
		form+=("$f: Subject: header folded (b4 0.12 rejects it); shorten $what")
	fi
	[ "$m" = "$cover" ] && continue
	if [[ " ${fixes[*]} " != *" $m "* ]]; then
		grep -qi "^In-Reply-To: *$cover_id" <<< "$hdr" && [ -n "$cover_id" ] ||
			form+=("$f: not threaded to the cover letter (no In-Reply-To: $cover_id)")
	fi
	# The last sign-off of the commit message (above the --- line)
	sob=$(awk '/^$/ && !body { body = 1; next } body && /^---$/ { exit }
		body && /^Signed-off-by: / { sub(/^Signed-off-by: */, ""); last = $0 }
		END { print last }' "$m")
	if [ -z "$sob" ]; then
		problems+=("$f: no Signed-off-by:")
	elif [ "$sob" != "$from" ]; then
		if is_real_sender "$sob" || is_real_sender "$from"; then
			problems+=("$f: last Signed-off-by: $sob differs from From: $from")
		else
			placeholder+=("$f: Signed-off-by: $sob is not a person's address")
		fi
	elif ! is_real_sender "$sob"; then
		placeholder+=("$f: Signed-off-by: $sob is not a person's address")
	fi
done

n=$(( ${#mails[@]} - 1 ))
# The gate reports folding and threading under its b4 rule
[ -n "$gate" ] || problems+=("${form[@]}")
if [ ${#problems[@]} -gt 0 ]; then
	rc=1 why="${problems[0]}${problems[1]:+; ...}"
elif [ ${#placeholder[@]} -gt 0 ]; then
	rc=2 why="no sender set: ${#placeholder[@]} placeholder From:/Signed-off-by:, export with SENDER=\"Name <address>\" make patches"
else
	rc=0 why="$n patches from $(git mailinfo /dev/null /dev/null < "$cover" | sed -n 's/^Author: //p')"
fi

if [ -n "$gate" ]; then
	RESULT_PREFIX=${RESULT_PREFIX:-$BASE/gate/}
	case $rc in
	0) result PASS send-check "$why" ;;
	2) result SKIP send-check "$why" ;;
	*) result FAIL send-check "$why" ;;
	esac
	exit 0
fi
for p in "${problems[@]}"; do echo "send-check: $p"; done
if [ ${#placeholder[@]} -le 3 ]; then
	for p in "${placeholder[@]}"; do echo "send-check: $p"; done
else
	echo "send-check: ${placeholder[0]}, and ${#placeholder[@]} From:/Signed-off-by: lines in all"
fi
case $rc in
0) echo "send-check: ready: $why" ;;
2) echo "send-check: NOT READY: $why" ;;
*) echo "send-check: NOT READY: ${#problems[@]} problem(s), see above" ;;
esac
exit $rc
