# shellcheck shell=bash
# A private apt configuration over the machine's own Debian archive: its
# own sources list, state, cache and an empty dpkg status, so that the
# machine's apt setup stays untouched.  For another architecture's
# packages (arm64: harness/gate/debian.sh, harness/run/nested-arm64.sh)
# or another suite's (trixie-backports: a kernel base or a QEMU that
# Debian 12 does not have).  Sourced.

# Create it in DIR, export APT_CONFIG pointing at it and fetch the package
# lists; `unset APT_CONFIG` when done, or call it in a subshell.  SUITE... replaces the machine's
# suites (same archive, main).  Call it as a condition (`|| ...`).
apt_private() { # DIR ARCH [SUITE...]
	local d=$1 arch=$2 s
	shift 2
	rm -rf "$d" && mkdir -p "$d"/etc/apt/apt.conf.d "$d"/etc/apt/preferences.d "$d"/etc/apt/sources.list.d \
		"$d"/lists/partial "$d"/cache/archives/partial "$d"/dl && touch "$d"/status
	grep -hE '^(deb |URIs:|Suites:|Components:)' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
		awk '/^deb / { print; next } /^URIs:/ { u = $2 } /^Suites:/ { s = $0; sub(/^Suites: */, "", s) }
		     /^Components:/ { c = $0; sub(/^Components: */, "", c); n = split(s, a, " ")
			for (i = 1; i <= n; i++) print "deb " u " " a[i] " " c }' |
		grep 'debian' |
		sed -E "s/^deb (\[[^]]*\] )?/deb [arch=$arch signed-by=\/usr\/share\/keyrings\/debian-archive-keyring.gpg] /" \
		> "$d/sources.host"
	if [ $# -gt 0 ]; then	# the machine's archive, other suites
		for s in "$@"; do
			grep -v security "$d/sources.host" | awk -v s="$s" 'NR == 1 { print $1, $2, $3, $4, s, "main" }'
		done
	else
		cat "$d/sources.host"
	fi > "$d/etc/apt/sources.list"
	[ -s "$d/etc/apt/sources.list" ] || { echo "no Debian archive in the machine's apt sources" >&2; return 1; }
	cat > "$d/apt.conf" <<-CONF
		Dir::Etc "$d/etc/apt";
		Dir::State::Lists "$d/lists";
		Dir::State::status "$d/status";
		Dir::Cache "$d/cache";
		APT::Architecture "$arch";
		APT::Architectures "$arch";
		APT::Install-Recommends "false";
	CONF
	export APT_CONFIG=$d/apt.conf
	# A mirror caught mid-sync fails one index ("File has unexpected
	# size"), often one the caller does not need (-security): retry, then
	# go on with the lists that came; what is missing fails the download.
	apt-get -qq -o Acquire::Retries=3 update ||
		echo "apt: some package lists of $d did not come; going on without them" >&2
	compgen -G "$d/lists/*_Packages*" > /dev/null
}

# apt-get download PKG... into DIR/dl, without the sandbox warning
apt_private_download() { # DIR PKG...
	local d=$1
	shift
	(cd "$d/dl" && apt-get -qq download "$@" 2>&1) | sed '/^W: Download is performed unsandboxed/d' >&2
}

# PKG... and what they depend on (against an empty system), from SUITE
# (the last of SUITES, the others to resolve dependencies), unpacked into
# DIR/root; kept between runs (DIR/unpacked says what is there).  Leaves
# APT_CONFIG set: call it in a subshell.
apt_unpack() { # DIR "SUITES" PKG...
	local d=$1 suites=$2 deb
	shift 2
	[ "$(cat "$d/unpacked" 2>/dev/null)" != "$suites $*" ] || return 0
	# shellcheck disable=SC2086 # the suites, one word each
	apt_private "$d/apt" "$(dpkg --print-architecture)" $suites || return 1
	apt-get -qq install --download-only -t "${suites##* }" "$@" > /dev/null || return 1
	rm -rf "$d/root" && mkdir -p "$d/root"
	for deb in "$d"/apt/cache/archives/*.deb; do dpkg-deb -x "$deb" "$d/root" || return 1; done
	echo "$suites $*" > "$d/unpacked"
}
