# shellcheck shell=bash
# Who sends the series; sourced by export-patches.sh and send-check.sh.
#
# The checked-in patches carry a placeholder author.  A Developer's
# Certificate of Origin is given by a person, so the placeholder, and any
# address in a domain reserved for examples or that cannot receive mail,
# is not a sender.

PLACEHOLDER_SENDER="Vfio Msix Team <vfio-msix@example.org>"

# is_real_sender "Name <addr>": a name and an address a person can be
# reached at (RFC 2606/6761 names and noreply addresses are not)
is_real_sender() {
	local who=$1 addr domain
	[[ $who =~ ^([^<>]*[^<> ])\ +\<([^<>@ ]+@[^<>@ ]+)\>$ ]] || return 1
	addr=${BASH_REMATCH[2],,}
	domain=${addr#*@}
	[ "$who" != "$PLACEHOLDER_SENDER" ] || return 1
	case $domain in
	example|example.com|example.org|example.net|*.example|*.example.com|*.example.org|*.example.net) return 1 ;;
	invalid|*.invalid|test|*.test|localhost|*.localhost|local|*.local|localdomain|*.localdomain) return 1 ;;
	*noreply*) return 1 ;;
	esac
	case $addr in
	*noreply*@*|*no-reply*@*) return 1 ;;
	esac
	return 0
}

# The sender of an export: $SENDER if given ("Name <addr>", or "keep":
# every commit's author and sign-offs as the tree has them), else the git
# identity of whoever exports (user.name, user.email) if it is a real
# sender, else the placeholder.  Prints it ("keep" for keep).
export_sender() {
	local name email
	if [ -n "${SENDER:-}" ]; then
		echo "$SENDER"
		return
	fi
	name=$(git config user.name 2>/dev/null)
	email=$(git config user.email 2>/dev/null)
	if [ -n "$name" ] && [ -n "$email" ] && is_real_sender "$name <$email>"; then
		echo "$name <$email>"
	else
		[ -z "$name$email" ] ||
			echo "export: git identity \"$name <$email>\" is not a sender's address, using the placeholder" >&2
		echo "$PLACEHOLDER_SENDER"
	fi
}
