#!/bin/bash
# Apply the base's series: make build/BASE/linux, the base's Debian
# source (harness/bases/BASE.sh) as commit "pristine", the fixes of its
# PREREQ_DIR, if any, on top (tag "base", what the series applies to and
# the unpatched kernel is built from), and patches/BASE/ applied on branch
# "series" by git am.  Reuses an existing tree when it already carries
# exactly these patches.
set -euo pipefail
source "$(dirname "$0")/../lib/common.sh"
source "$HARNESS/lib/apt.sh"

base_vars "$BASE"

# The source tarball: from the machine's package, or fetched from the
# base's suite with a private apt configuration
tarball() {
	local d=$BUILD/debian/$SOURCE_PACKAGE
	if [ "$SOURCE_APT" = host ]; then
		echo "/usr/src/$SOURCE_PACKAGE.tar.xz"
		return
	fi
	if [ ! -s "$d/tarball" ]; then
		(apt_private "$d/apt" "$(dpkg --print-architecture)" "$SOURCE_APT" >&2 &&
			apt_private_download "$d/apt" "$SOURCE_PACKAGE/$SOURCE_APT") || return 1
		dpkg-deb --fsys-tarfile "$d"/apt/dl/"$SOURCE_PACKAGE"_*.deb |
			tar -xO --wildcards "./usr/src/$SOURCE_PACKAGE.tar.xz" > "$d/tarball.tmp" &&
			mv "$d/tarball.tmp" "$d/tarball"
		rm -rf "$d/apt"
	fi
	echo "$d/tarball"
}

make_base() {
	local tmp=$SRC.tmp tar
	tar=$(tarball) || { echo "no source of base $BASE" >&2; exit 1; }
	log "extracting $tar"
	rm -rf "$tmp" && mkdir -p "$tmp"
	tar -C "$tmp" --strip-components=1 -xf "$tar"
	cd "$tmp"
	# Debian's top-level .gitignore ignores everything ("/*"): add -f
	git init -q -b series .
	git add -A -f
	GIT_AUTHOR_DATE=2000-01-01T00:00:00Z GIT_COMMITTER_DATE=2000-01-01T00:00:00Z \
		git -c user.name=base -c user.email=base@localhost \
		commit -q -m "Linux $(make -s kernelversion) (Debian $SOURCE_PACKAGE)"
	git tag pristine
	cd "$BUILD" && rm -rf "$SRC" && mv "$tmp" "$SRC"
}

mkdir -p "$(dirname "$SRC")"
[ -d "$SRC/.git" ] || make_base
cd "$SRC"
# (a tree made before there were fixes under the series: its base is the
# pristine one)
git rev-parse -q --verify pristine >/dev/null || git tag pristine base
mapfile -t fixes < <(prereqs)
[ -z "$PREREQ_DIR" ] || [ ${#fixes[@]} -gt 0 ] ||
	{ echo "no fixes in patches/$PREREQ_DIR (PREREQ_DIR of harness/bases/$BASE.sh)" >&2; exit 1; }
if [ "$(cat .git/series-id 2>/dev/null)" = "$(series_id)" ] &&
   git diff --quiet HEAD; then
	log "$BASE: tree up to date: $(git log --oneline base..HEAD | wc -l) patches on base"
	exit 0
fi

am() { git -c user.name=harness -c user.email=harness@localhost am -q "$@"; }
git am --abort >/dev/null 2>&1 || true
git checkout -q -B series pristine
git reset -q --hard pristine
# the fixes' commits the same on every run: "base" has one name
[ ${#fixes[@]} -eq 0 ] || am --committer-date-is-author-date "${fixes[@]}"
git tag -f base >/dev/null
am $(series)
series_id > .git/series-id
log "$BASE: applied $(git log --oneline pristine..base | wc -l) fixes and $(git log --oneline base..HEAD | wc -l) patches with git am"
