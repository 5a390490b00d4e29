#!/bin/sh
# test_shared_group.sh: one database shared by a group of managers, with two
# real users (root only: useradd, setpriv). A reader's dashboard open on the
# database leaves -wal and -shm files the owner can still write, in a setgid
# group directory (the documented setup) and in a plain group directory; a
# side file nobody of the group may read is named as a permission problem,
# never as a damaged database.
. "$SRCDIR/tests/lib.sh"
if [ "$(id -u)" != 0 ]; then
	echo "1..0 # SKIP needs root, to make two users"; exit 0
fi
for c in useradd groupadd userdel groupdel setpriv tmux sqlite3; do
	command -v $c >/dev/null || { echo "1..0 # SKIP $c not installed"; exit 0; }
done
G=bpwg$$ U1=bpwa$$ U2=bpwb$$
groupadd "$G" && useradd -M -U -G "$G" -s /bin/sh "$U1" && useradd -M -U -G "$G" -s /bin/sh "$U2" ||
	{ echo "Bail out! cannot make the users"; exit 1; }
SHARE=$(mktemp -d /tmp/bpw-share-XXXXXX)
cleanup() {
	t_tmux_stop
	rm -rf "$SHARE"
	userdel "$U1" 2>/dev/null; userdel "$U2" 2>/dev/null
	groupdel "$U1" 2>/dev/null; groupdel "$U2" 2>/dev/null; groupdel "$G" 2>/dev/null
	t_cleanup
}
trap cleanup EXIT
chmod 755 "$SHARE"
# The build tree may be private: the users run a copy of the program.
mkdir -p "$SHARE/bin" "$SHARE/data" "$SHARE/home"
cp "$BPOWATCH" "$SHARE/bin/bpowatch"; cp "$SRCDIR/data/bpowatch.conf" "$SHARE/data/"
cp "$BUILDDIR/sample-db/sample.db" "$SHARE/data/sample.db"
chmod 755 "$SHARE/bin" "$SHARE/data" "$SHARE/bin/bpowatch"; chmod 644 "$SHARE/data/"*
chmod 1777 "$SHARE/home"
printf 'partner,metric,period,value\nSUN,csat,2026-10,71\n' >"$SHARE/data/fix.csv"
chmod 644 "$SHARE/data/fix.csv"
# as USER COMMAND...: the program as that user, with the group.
as() {
	local u=$1
	shift
	setpriv --reuid="$u" --regid="$u" --init-groups env HOME="$SHARE/home" \
		XDG_CONFIG_HOME="$SHARE/home/c-$u" XDG_DATA_HOME="$SHARE/home/d-$u" \
		BPOWATCH_DATADIR="$SHARE/data" BPOWATCH_TODAY=2026-12-04 TERM=xterm-256color \
		LANG=C.UTF-8 "$@"
}
out=$T_TMP/out err=$T_TMP/err

# shared DIR MODE DBMODE: a group directory and the owner's database in it.
shared() {
	mkdir "$SHARE/$1"; chgrp "$G" "$SHARE/$1"; chmod "$2" "$SHARE/$1"
	as "$U1" "$SHARE/bin/bpowatch" --db "$SHARE/$1/team.db" init --sample >/dev/null 2>"$err"
	t_status 0 $? "$U1 makes the team's database in the $1 directory"
	chgrp "$G" "$SHARE/$1/team.db"; chmod "$3" "$SHARE/$1/team.db"
}

# reader DIR: the other manager's dashboard open on it, as a reader.
reader() {
	t_tmux_start 100 30 setpriv --reuid="$U2" --regid="$U2" --init-groups env \
		HOME="$SHARE/home" XDG_CONFIG_HOME="$SHARE/home/c-$U2" \
		BPOWATCH_DATADIR="$SHARE/data" BPOWATCH_TODAY=2026-12-04 TERM=xterm-256color \
		LANG=C.UTF-8 "$SHARE/bin/bpowatch" --db "$SHARE/$1/team.db"
	t_wait_for "8 partners" 10
}

# ---- the documented setup: a setgid group directory; the group may only read ----
shared setgid 2770 0640
reader setgid; t_ok $? "$U2 reads the database in the dashboard (read-only to $U2)"
ls -l "$SHARE/setgid" >"$T_TMP/ls"
as "$U1" "$SHARE/bin/bpowatch" --db "$SHARE/setgid/team.db" import "$SHARE/data/fix.csv" >"$out" 2>"$err"
t_status 0 $? "meanwhile its owner $U1 imports"
t_contains "$out" "imported 1 row" "and the row is stored"
[ ! -s "$err" ] || t_diag "$(cat "$err")" "$(cat "$T_TMP/ls")"
t_keys q; t_wait_dead 5; t_tmux_stop

# ---- a plain group directory (no setgid); the group may write ----
shared plain 0770 0660
reader plain; t_ok $? "$U2's dashboard is open"
ls -l "$SHARE/plain" >"$T_TMP/ls"
for f in team.db-wal team.db-shm; do
	[ ! -e "$SHARE/plain/$f" ] || [ "$(stat -c %G "$SHARE/plain/$f")" = "$G" ]
	t_ok $? "$f made by $U2 has the database's group $G"
done
as "$U1" "$SHARE/bin/bpowatch" --db "$SHARE/plain/team.db" import "$SHARE/data/fix.csv" >"$out" 2>"$err"
t_status 0 $? "meanwhile its owner $U1 imports"
t_not_contains "$err" "not a SQLite database" "not called damaged"
[ ! -s "$err" ] || t_diag "$(cat "$T_TMP/ls")"
t_keys q; t_wait_dead 5; t_tmux_stop

# ---- a side file the owner may not read: named as such ----
shared private 2770 0660
as "$U1" sqlite3 "$SHARE/private/team.db" "PRAGMA journal_mode=WAL" >/dev/null
: >"$SHARE/private/team.db-shm"; : >"$SHARE/private/team.db-wal"
chown "$U2:$U2" "$SHARE/private/team.db-shm" "$SHARE/private/team.db-wal"
chmod 600 "$SHARE/private/team.db-shm" "$SHARE/private/team.db-wal"
as "$U1" "$SHARE/bin/bpowatch" --db "$SHARE/private/team.db" check >"$out" 2>"$err"
t_status 3 $? "check cannot read the database"
t_contains "$err" "mode 0600, owner $U2" "names the file at fault, its mode and owner"
t_not_contains "$err" "not a SQLite database" "and does not call the database damaged"
t_done
