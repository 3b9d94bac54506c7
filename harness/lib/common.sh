# shellcheck shell=bash
# Shared settings and helpers of the harness scripts; sourced, not run.
# The axes of a row (kernel base, architecture, QEMU, scenario) are read
# by harness/lib/axes.sh.
HARNESS=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ROOT=$(dirname "$HARNESS")
BUILD=${BUILD_DIR:-$ROOT/build}
LOGS=${LOGS:-$BUILD/logs}
JOBS=$(nproc)

# ccache keeps its cache in ~/.cache/ccache, outside the clone, so that a
# fresh clone (CI) reuses what earlier builds compiled; /usr/bin next so
# that Debian's python3 (with ply, for checkpatch) wins over any other
export PATH=/usr/lib/ccache:/usr/bin:$PATH
# Paths below build/ hash the same from any clone
export CCACHE_BASEDIR=$BUILD CCACHE_NOHASHDIR=true

source "$HARNESS/lib/axes.sh"
source "$HARNESS/lib/devices.sh"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# One result line: "PASS|FAIL|SKIP PREFIX/NAME (detail)"; to stdout, and
# appended to $RESULTS when set
result() { # PASS|FAIL|SKIP NAME [detail]
	local line="$1 ${RESULT_PREFIX:-}$2${3:+ ($3)}"
	echo "$line"
	[ -z "${RESULTS:-}" ] || echo "$line" >> "$RESULTS"
}

# "N passed, N failed, N skipped" of results files (PASS|FAIL|SKIP lines)
count_results() { # FILE...
	cat "$@" 2>/dev/null | awk '
		{ n[$1]++ }
		END { printf "%d passed, %d failed, %d skipped\n", n["PASS"], n["FAIL"], n["SKIP"] }'
}

# A worktree of a kernel tree at a commit: DIR reset to it if DIR is a
# worktree of TREE's repository, else made anew (a tree extracted again
# leaves its old worktrees behind)
worktree() { # TREE DIR COMMIT
	local common
	common=$(git -C "$1" rev-parse --path-format=absolute --git-common-dir) || return 1
	if [ -e "$2/.git" ] &&
	   [ "$(git -C "$2" rev-parse --path-format=absolute --git-common-dir 2>/dev/null)" = "$common" ]; then
		git -C "$2" am --abort > /dev/null 2>&1
		git -C "$2" checkout -q -f --detach "$3" && git -C "$2" clean -q -fdx
	else
		rm -rf "$2"
		git -C "$1" worktree prune
		mkdir -p "$(dirname "$2")"
		git -C "$1" worktree add -q --detach "$2" "$3"
	fi
}

# The mails among FILE... whose Subject: header git format-patch folded
# (too long for one line; b4 0.12 cannot read them)
folded_subjects() { # FILE...
	local m
	for m in "$@"; do
		awk -v f="$(basename "$m")" '/^$/ { exit } /^Subject:/ { s = 1; next }
			s && /^[ \t]/ { print f; exit } { s = 0 }' "$m"
	done
}

# The directories the gate builds for KARCH: those the series touches in
# every configuration, and the directory of each .c file the series
# (base..TIP of TREE) touches that this architecture builds (files of
# another architecture's arch/ or */ARCH/ directory left out)
touched_dirs() { # KARCH [TREE TIP]
	local f a
	{ echo drivers/pci/ drivers/vfio/ drivers/iommu/ kernel/irq/ | tr ' ' '\n'
	  [ $# -lt 3 ] || git -C "$2" diff --name-only base "$3" -- '*.c' |
		grep -vE '^(tools|samples|Documentation)/' | while read -r f; do
			a=$(arch_only "$f")
			[ -z "$a" ] || [ "$(arch_vars "$a" && echo "$KARCH")" = "$1" ] && echo "${f%/*}/"
		done
	} | sort -u | awk '{ for (i = 1; i <= n; i++) if (index($0, d[i]) == 1) next; d[++n] = $0; print }' |
		paste -sd' '
}
