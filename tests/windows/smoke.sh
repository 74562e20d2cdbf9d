#!/usr/bin/env bash
# The Windows smoke test: kohyo.exe (x86_64-pc-windows-gnu) run under Wine on the example site,
# in a folder whose name has Japanese and spaces, every command staff and CI use, and every site
# it builds compared byte for byte with the Linux build's (the manifest's hash).
#
# Usage: tests/windows/smoke.sh KOHYO_EXE KOHYO_LINUX
# Needs: wine (Debian's, 8.0 or later), the ja_JP.UTF-8 locale, curl, and
# tests/windows/processprng.c built next to kohyo.exe (see .ci/run): Wine 8 lacks the
# bcryptprimitives.dll that Rust's std imports; Windows 10 and later have it.
set -euo pipefail

exe=$(realpath "$1")
linux=$(realpath "$2")
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export WINEPREFIX="$work/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export NO_COLOR=1
wineboot --init >/dev/null 2>&1 || true

bin="$work/bin"
mkdir -p "$bin"
cp "$exe" "$bin/kohyo.exe"
cp "$(dirname "$exe")/bcryptprimitives.dll" "$bin/"

site="$work/健保 公表サイト (2026)"
mkdir -p "$site"
cp -r "$repo/site.toml" "$repo/kohyo.lock" "$repo/content" "$site/"

failures=0
# kohyo.exe in the folder given, with the arguments; prints what it says; its exit code in $code.
win() {
  local dir=$1
  shift
  set +e
  out=$(cd "$dir" && LANG=${LANG_FOR_RUN:-C.UTF-8} KOHYO_LANG=${KOHYO_LANG_FOR_RUN:-} wine "$bin/kohyo.exe" "$@" 2>&1)
  code=$?
  set -e
}
expect() {
  local want=$1 what=$2
  if [ "$code" != "$want" ]; then
    echo "FAIL $what: exit $code, expected $want"
    echo "$out" | head -20
    failures=$((failures + 1))
  else
    echo "ok   $what"
  fi
}
same_as_linux() {
  local what=$1 windows=$2 linux_out=$3
  if cmp -s "$windows/manifest.json" "$linux_out/manifest.json"; then
    echo "ok   $what: the same bytes as the Linux build ($(sha256sum "$windows/manifest.json" | cut -c1-16)…)"
  else
    echo "FAIL $what: manifest.json differs from the Linux build"
    diff <(tr ',' '\n' <"$windows/manifest.json") <(tr ',' '\n' <"$linux_out/manifest.json") | head -20
    failures=$((failures + 1))
  fi
}

as_of=2026-12-05
win "$site" check --deny-warnings --as-of $as_of
expect 0 "check --deny-warnings"
win "$site" build --as-of $as_of
expect 0 "build"
(cd "$site" && "$linux" build --as-of $as_of --out "$work/linux-public" >/dev/null 2>&1)
same_as_linux "build" "$site/public" "$work/linux-public"
case "$out" in *'\\?\'*) echo "FAIL build prints a verbatim path: $out"; failures=$((failures + 1)) ;; esac

# Paths as Windows users write them: a drive path, a parent folder, a subfolder of the site.
win "$site" build --as-of $as_of --out 'Z:'"$(echo "$work/drive-out" | tr / '\\')"
expect 0 "build --out Z:\\…"
same_as_linux "build --out Z:\\…" "$work/drive-out" "$work/linux-public"
win "$site/content" build --as-of $as_of --root '..' --out '..\public-parent'
expect 0 "build --root .."
same_as_linux "build --root .." "$site/public-parent" "$work/linux-public"
win "$site/content/versions" log
expect 0 "log from a subfolder of the site"

win "$site" build --drafts --out preview --as-of $as_of
expect 0 "build --drafts"
for format in text json markdown html; do
  win "$site" diff 2024-04-01 2025-04-01 --format $format
  expect 1 "diff --format $format"
done
win "$site" log
expect 0 "log"
win "$site" verify
expect 0 "verify"
win "$site" verify --site public
expect 0 "verify --site public (every page rendered again)"

# A revision: new, publish, restore.
win "$site" new 2026-12-24 --summary "苦情の申出先の電話番号を変更" --as-of $as_of
expect 0 "new"
win "$site" publish 2026-12-24 --as-of 2026-12-24 --accept-warnings
expect 0 "publish"
printf 'broken = \n' >"$site/content/versions/2026-12-24/notice.toml"
win "$site" restore 2026-12-24
expect 0 "restore"
win "$site" verify
expect 0 "verify after restore"

# Japanese, as on a Japanese PC: a typing mistake, with its fix.
mkdir -p "$work/mistake"
cp -r "$repo/tests/mistakes/unquoted-heading/site/." "$work/mistake/"
LANG_FOR_RUN=ja_JP.UTF-8 win "$work/mistake" check
expect 1 "check in Japanese"
if echo "$out" | grep -q '直し方: `heading = "苦情の申出先"` と書いてください'; then
  echo "ok   the Japanese message and its fix"
else
  echo "FAIL the Japanese message: $out"
  failures=$((failures + 1))
fi

# A new site.
win "$work" init "新しいサイト"
expect 0 "init"
win "$work/新しいサイト" build
expect 1 "build of an unpublished template is refused"

# serve, fetched with curl.
port=18765
(cd "$site" && exec wine "$bin/kohyo.exe" serve --port $port --as-of $as_of >"$work/serve.log" 2>&1) &
serve=$!
page=""
for _ in $(seq 1 60); do
  page=$(curl -fsS "http://127.0.0.1:$port/" 2>/dev/null || true)
  [ -n "$page" ] && break
  sleep 0.5
done
kill $serve 2>/dev/null || true
wineserver -k 2>/dev/null || true
if echo "$page" | grep -q '苦情の申出先'; then
  echo "ok   serve"
else
  echo "FAIL serve: $(head -5 "$work/serve.log")"
  failures=$((failures + 1))
fi

if [ "$failures" -gt 0 ]; then
  echo "$failures failure(s) on Windows (Wine)"
  exit 1
fi
echo "Windows (Wine): every command works, every site is the same as on Linux"
