#!/bin/sh
# test_print.sh: the HTML pack of the sample printed to PDF by a real
# browser (headless Chromium), read back with poppler's pdfinfo and
# pdftotext: the paper, each partner from its own page and on two pages at
# most, no page that is only a heading or a stray line, a heading never
# last on its page, every partner's status and reasons in the print, the
# page header and footer, the summary for all partners and none for one.
# Skipped without chromium or poppler-utils. With BPW_REFRESH_GOLDEN set
# it also draws SUN's page as doc/qbr-page.png, the README's picture.
. "$SRCDIR/tests/lib.sh"
cd "$T_TMP" || exit 1

# (CHROMIUM may name another build of it)
CHROMIUM=${CHROMIUM:-chromium}
command -v "$CHROMIUM" >/dev/null || { echo "1..0 # SKIP $CHROMIUM not installed"; exit 0; }
for t in pdfinfo pdftotext pdftoppm; do
	command -v $t >/dev/null || { echo "1..0 # SKIP $t (poppler-utils) not installed"; exit 0; }
done

cp "$BUILDDIR/sample-db/sample.db" "$T_TMP/sample.db"
chmod 600 "$T_TMP/sample.db"
DB=$T_TMP/sample.db
SUN="Sunrise Customer Care Inc. (SUN)"
TITLE="Quarterly business review 2026 Q3"
ALERT="$(printf '\342\226\262') ALERT"	# ▲ ALERT
WATCH="$(printf '\342\227\206') WATCH"	# ◆ WATCH
OK="$(printf '\342\234\223') OK"	# ✓ OK
NODATA="$(printf '\342\200\223') NO DATA"	# – NO DATA

# pack NAME ARGS...: the Q3 2026 pack as NAME.html and NAME.md (as for a
# meeting on 2026-11-01, so overdue actions stay put), NAME.html printed
# to NAME.pdf; NAME.pages holds how many pages it has.
pack() {
	name=$1; shift
	"$BPOWATCH" --db "$DB" report --quarter 2026Q3 --date 2026-11-01 "$@" \
		--format html -o "$T_TMP/$name.html" &&
	"$BPOWATCH" --db "$DB" report --quarter 2026Q3 --date 2026-11-01 "$@" \
		-o "$T_TMP/$name.md" || return 1
	rm -f "$T_TMP/$name.pdf"
	# Chromium writes its profile and caches to $HOME (lib.sh made it
	# private) and to its own user data directory.
	timeout 180 "$CHROMIUM" --headless --no-sandbox --disable-gpu \
		--no-first-run --no-default-browser-check --disable-extensions \
		--user-data-dir="$T_TMP/chromium" --no-pdf-header-footer \
		--print-to-pdf="$T_TMP/$name.pdf" "file://$T_TMP/$name.html" \
		>>"$T_TMP/chromium.log" 2>&1
	[ -s "$T_TMP/$name.pdf" ] || { t_diag "$(tail -n 20 "$T_TMP/chromium.log")"; return 1; }
	pdfinfo "$T_TMP/$name.pdf" | awk '/^Pages:/ { print $2 }' >"$T_TMP/$name.pages"
}

# size NAME: the page size in whole points ("595x842").
size() {
	pdfinfo "$T_TMP/$1.pdf" | awk '/^Page size:/ { printf "%.0fx%.0f", $3, $5 }'
}

# page NAME N: the text of page N laid out as printed.
page() { pdftotext -layout -f "$2" -l "$2" "$T_TMP/$1.pdf" - 2>/dev/null; }

# body NAME N: page N without its header (first line) and footer (last).
body() { page "$1" "$2" | grep -v '^[[:space:]]*$' | sed '1d;$d'; }

# flat NAME FIRST LAST: the text of those pages without spaces, line
# breaks and hyphens, so a sentence reads the same however its cell
# wrapped (pdftotext joins a word broken after a hyphen, "2026-\n09",
# without it).
flat() {
	pdftotext -f "$2" -l "$3" "$T_TMP/$1.pdf" - 2>/dev/null | tr -d ' \n\f-'
}

# starts NAME: "PAGE<tab>PARTNER" for each page where a partner's section
# begins: its "Overall:" line and a line that is just the partner's name
# (its heading) are on it.
starts() {
	n=$(cat "$T_TMP/$1.pages")
	i=1
	while [ "$i" -le "$n" ]; do
		pdftotext -f "$i" -l "$i" "$T_TMP/$1.pdf" - 2>/dev/null >"$T_TMP/p.txt"
		if grep -q '^Overall: ' "$T_TMP/p.txt"; then
			grep -xF -f "$T_TMP/$1.partners" "$T_TMP/p.txt" | head -n 1 |
				sed "s/^/$i	/"
		fi
		i=$((i + 1))
	done
}

# partners NAME: "NAME (CODE)" of each partner's section of the Markdown.
partners() { sed -n 's/^## \(.* ([A-Za-z0-9]*)\)$/\1/p' "$T_TMP/$1.md" | sed 's/\\\(.\)/\1/g'; }

# check_pack NAME: what every printed pack must be.
check_pack() {
	name=$1
	n=$(cat "$T_TMP/$name.pages")
	partners "$name" >"$T_TMP/$name.partners"
	starts "$name" >"$T_TMP/$name.starts"
	t_diag "$name: $n pages; sections start on: $(tr '\t\n' ' ,' <"$T_TMP/$name.starts")"

	# Each partner: its own section, from a new page, two pages at most.
	bad=
	while IFS= read -r who; do
		from=$(awk -F '\t' -v w="$who" '$2 == w { print $1 }' "$T_TMP/$name.starts")
		if [ -z "$from" ]; then bad="$bad; $who: no section"; continue; fi
		next=$(awk -F '\t' -v f="$from" '$1 > f { print $1; exit }' "$T_TMP/$name.starts")
		to=$(( ${next:-$((n + 1))} - 1 ))
		pages=$((to - from + 1))
		t_diag "$name: $who on pages $from-$to"
		[ "$pages" -le 2 ] || bad="$bad; $who: $pages pages"
		# (at the top: under the title in a one-partner pack)
		if ! body "$name" "$from" | head -n 3 | sed 's/^ *//' | grep -qxF "$who"; then
			bad="$bad; $who: not at the top of page $from"
		fi
		# Its pages carry its name in the header.
		p=$from
		while [ "$p" -le "$to" ]; do
			page "$name" "$p" | grep -v '^[[:space:]]*$' | head -n 1 |
				grep -qF "$who" || bad="$bad; $who: page $p header"
			p=$((p + 1))
		done
		# Its status and every reason of its indicators, as the pack says.
		flat "$name" "$from" "$to" >"$T_TMP/flat"
		status=$(sed -n "/^## $(printf '%s' "$who" | sed 's/[].[*^$\\/]/\\&/g')\$/,/^\*\*Overall/p" \
			"$T_TMP/$name.md" | sed -n 's/^\*\*Overall:\*\* \([A-Z ]*\),.*/\1/p')
		case $status in
		ALERT) mark=$ALERT ;; WATCH) mark=$WATCH ;; OK) mark=$OK ;;
		"NO DATA") mark=$NODATA ;; *) mark="$status" ;;
		esac
		grep -qF "Overall:$(printf '%s' "$mark" | tr -d ' ')" "$T_TMP/flat" || bad="$bad; $who: status '$status' not printed"
		sed -n "/^## $(printf '%s' "$who" | sed 's/[].[*^$\\/]/\\&/g')\$/,/^## /p" "$T_TMP/$name.md" |
			awk '/^### / { on = /^### Indicators/; next } on && /^\| [^-]/' | sed 1d |
			sed 's/ | /\t/g; s/ |$//' | cut -f4 | sed 's/\\\(.\)/\1/g' | tr -d ' -' >"$T_TMP/reasons"
		[ -s "$T_TMP/reasons" ] || bad="$bad; $who: no reasons in the Markdown"
		while IFS= read -r why; do
			grep -qF "$why" "$T_TMP/flat" || bad="$bad; $who: reason not printed: $why"
		done <"$T_TMP/reasons"
	done <"$T_TMP/$name.partners"
	[ -s "$T_TMP/$name.partners" ] && [ -z "$bad" ]
	t_ok $? "$name: every partner from the top of a new page, on at most 2 pages, its name in their header, its status and reasons printed"
	[ -n "$bad" ] && t_diag "$bad"

	# Every page: a header with the quarter, a footer "Page n of N", and
	# real content in between: no page of a stray line or two, none that
	# ends on a heading.
	bad=
	p=1
	while [ "$p" -le "$n" ]; do
		page "$name" "$p" | grep -v '^[[:space:]]*$' >"$T_TMP/page"
		head -n 1 "$T_TMP/page" | grep -qF "$TITLE" || bad="$bad; page $p: no header"
		tail -n 1 "$T_TMP/page" | grep -q "Page $p of $n\$" || bad="$bad; page $p: no 'Page $p of $n'"
		body "$name" "$p" >"$T_TMP/body"
		lines=$(wc -l <"$T_TMP/body") words=$(wc -w <"$T_TMP/body")
		[ "$lines" -ge 6 ] && [ "$words" -ge 40 ] ||
			bad="$bad; page $p: only $lines lines, $words words"
		last=$(tail -n 1 "$T_TMP/body" | sed 's/^ *//')
		case $last in
		"Indicators at "*|"Key metrics"|"Contract targets"|"QA audits in "*|"Events in "*|\
		"Open actions"|"Review meetings in "*|"Action history in "*|"Portfolio summary"|\
		"Appendix"*|"Failed items of the audit"*)
			bad="$bad; page $p ends on the heading '$last'" ;;
		esac
		p=$((p + 1))
	done
	[ -z "$bad" ]; t_ok $? "$name: every page has a header and 'Page n of $n', content, and no heading at its foot"
	[ -n "$bad" ] && t_diag "$bad"
}

# ---- all partners, A4 (the default)
pack all; t_ok $? "the pack of all partners printed to PDF"
if [ -s "$T_TMP/all.pdf" ]; then
	[ "$(size all)" = 595x842 ]; t_ok $? "A4 portrait by default ($(size all) pt)"
	check_pack all
	np=$(wc -l <"$T_TMP/all.partners")
	[ "$(cat "$T_TMP/all.pages")" -le $((1 + 2 * np)) ]
	t_ok $? "all partners: $(cat "$T_TMP/all.pages") pages for a summary and $np partners"
	# The summary ranks every partner on page 1, badges unbroken.
	flat all 1 1 >"$T_TMP/flat"
	grep -qF "Portfoliosummary" "$T_TMP/flat" && grep -qF "Rank" "$T_TMP/flat" &&
		grep -qF "Headline" "$T_TMP/flat"
	t_ok $? "page 1 is the summary that ranks the partners"
	bad=
	while IFS= read -r who; do
		code=$(printf '%s' "$who" | sed 's/.*(\(.*\))$/\1/')
		grep -qF "($code)" "$T_TMP/flat" || bad="$bad $code"
	done <"$T_TMP/all.partners"
	[ -z "$bad" ]; t_ok $? "the summary names every partner (missing:${bad:- none})"
	# Each "(ALERT)" of the Not OK column stays on one line.
	want=$(sed -n '/^| Rank |/,/^$/p' "$T_TMP/all.md" | grep -o '(\(ALERT\|WATCH\))' | wc -l)
	got=$(page all 1 | sed 's/ //g' | grep -o "(\($(printf '\342\226\262')ALERT\|$(printf '\342\227\206')WATCH\))" | wc -l)
	[ "$want" -gt 0 ] && [ "$got" -eq "$want" ]
	t_ok $? "summary: every not-OK badge printed whole ($got of $want)"
fi

# ---- one partner: no summary, the partner from page 1
pack sun --partner SUN; t_ok $? "SUN's pack printed to PDF"
if [ -s "$T_TMP/sun.pdf" ]; then
	[ "$(size sun)" = 595x842 ]; t_ok $? "SUN's pack: A4 ($(size sun) pt)"
	check_pack sun
	! pdftotext "$T_TMP/sun.pdf" - | grep -q "Portfolio summary"
	t_ok $? "one partner: no summary"
	body sun 1 | sed -n '1p;3p' | sed 's/^ *//' >"$T_TMP/top"
	[ "$(cat "$T_TMP/top")" = "$TITLE
$SUN" ]
	t_ok $? "one partner: page 1 is the title and the partner"
fi

# ---- Letter
pack letter --paper letter; t_ok $? "the pack on Letter printed to PDF"
if [ -s "$T_TMP/letter.pdf" ]; then
	[ "$(size letter)" = 612x792 ]; t_ok $? "--paper letter: Letter portrait ($(size letter) pt)"
	check_pack letter
fi

# ---- a partner too long for one page: two pages, headings kept with
# what follows them (25 notes in the quarter push SUN's section over)
sqlite3 "$DB" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 25)
	INSERT INTO event (partner_id, date, kind, title, detail)
	SELECT (SELECT id FROM partner WHERE code = 'SUN'), printf('2026-08-%02d', i), 'note',
	       'Site visit note ' || i, 'Walked the floor with the team lead; '
	       || 'queue times and coaching records looked at, nothing new found.' FROM n"
pack long --partner SUN; t_ok $? "SUN's pack with 25 more events printed to PDF"
if [ -s "$T_TMP/long.pdf" ]; then
	[ "$(cat "$T_TMP/long.pages")" -eq 2 ]; t_ok $? "the longer section takes 2 pages ($(cat "$T_TMP/long.pages"))"
	check_pack long
	n=$(pdftotext -layout "$T_TMP/long.pdf" - | grep -c '^ *2026-08-[0-9][0-9] ')
	[ "$n" -eq 25 ]; t_ok $? "no date in a table broken at its hyphens ($n of 25 whole)"
fi

# ---- the README's picture: SUN's page of the pack of all partners
png=$SRCDIR/doc/qbr-page.png
if [ -n "${BPW_REFRESH_GOLDEN:-}" ] && [ -s "$T_TMP/all.pdf" ]; then
	p=$(awk -F '\t' -v w="$SUN" '$2 == w { print $1 }' "$T_TMP/all.starts")
	pdftoppm -png -r 60 -f "$p" -l "$p" -singlefile "$T_TMP/all.pdf" "$T_TMP/qbr-page" &&
		cp "$T_TMP/qbr-page.png" "$png"
	t_ok $? "drew page $p (SUN) as $png"
fi
[ -s "$png" ] && [ "$(wc -c <"$png")" -lt 153600 ]
t_ok $? "doc/qbr-page.png, the README's picture of a page, is there and under 150 KB"

t_done
