#!/bin/bash
# Apply the base's series: make build/BASE/linux, the base's Debian
# source (harness/bases/BASE.sh) as commit "base", with patches/BASE/
# applied on branch "series" by git am.  Reuses an existing tree when it
# already carries exactly the series in patches/BASE/.
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
	git tag base
	cd "$BUILD" && rm -rf "$SRC" && mv "$tmp" "$SRC"
}

mkdir -p "$(dirname "$SRC")"
[ -d "$SRC/.git" ] || make_base
cd "$SRC"
if [ "$(cat .git/series-id 2>/dev/null)" = "$(series_id)" ] &&
   git diff --quiet HEAD; then
	log "$BASE: tree up to date: $(git log --oneline base..HEAD | wc -l) patches on base"
	exit 0
fi

git am --abort >/dev/null 2>&1 || true
git checkout -q -B series base
git reset -q --hard base
git -c user.name=harness -c user.email=harness@localhost am -q $(series)
series_id > .git/series-id
log "$BASE: applied $(git log --oneline base..HEAD | wc -l) patches with git am"
