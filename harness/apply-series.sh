#!/bin/bash
# Apply the series: make build/linux, Debian's linux-source-6.12 as commit
# "base" with patches/ applied on branch v7 by git am.  Reuses an existing
# tree when it already carries exactly the series in patches/.
set -euo pipefail
source "$(dirname "$0")/common.sh"

make_base() {
	local tmp=$BUILD/linux.tmp

	log "extracting $KERNEL_TARBALL"
	rm -rf "$tmp" && mkdir -p "$tmp"
	tar -C "$tmp" --strip-components=1 -xf "$KERNEL_TARBALL"
	cd "$tmp"
	# Debian's top-level .gitignore ignores everything ("/*"): add -f
	git init -q -b v7 .
	git add -A -f
	GIT_AUTHOR_DATE=2000-01-01T00:00:00Z GIT_COMMITTER_DATE=2000-01-01T00:00:00Z \
		git -c user.name=base -c user.email=base@localhost \
		commit -q -m "Linux $(make -s kernelversion) (Debian linux-source-6.12)"
	git tag base
	cd "$BUILD" && rm -rf "$SRC" && mv "$tmp" "$SRC"
}

mkdir -p "$BUILD"
[ -d "$SRC/.git" ] || make_base
cd "$SRC"
if [ "$(cat .git/series-id 2>/dev/null)" = "$(series_id)" ] &&
   git diff --quiet HEAD; then
	log "tree up to date: $(git log --oneline base..HEAD | wc -l) patches on base"
	exit 0
fi

git am --abort >/dev/null 2>&1 || true
git checkout -q -B v7 base
git reset -q --hard base
git -c user.name=harness -c user.email=harness@localhost am -q $(series)
series_id > .git/series-id
log "applied $(git log --oneline base..HEAD | wc -l) patches with git am"
