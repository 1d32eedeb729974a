#!/usr/bin/env bash
# Unpacks the .deb into a scratch folder, as an owner's system would lay it out, and starts that
# binary under Xvfb on a freshly made sample shop: the window must appear, draw, stay up and stop
# cleanly when asked. Nothing is installed and the user's own folders are not touched.
#   dist-check.sh duebook_<version>_amd64.deb [seconds]
set -euo pipefail
deb=${1:?usage: dist-check.sh duebook_VERSION_amd64.deb [seconds]}
wait_s=${2:-8}
export LANG=${LANG:-en_US.UTF-8}
fail() { echo "dist-check: FAILED: $*" >&2; [ -f "$scratch/window.log" ] && tail -20 "$scratch/window.log" >&2; exit 1; }

scratch=$(mktemp -d)
xvfb_pid="" app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$scratch"
}
trap cleanup EXIT

dpkg-deb -x "$deb" "$scratch/root"
bin=$scratch/root/usr/bin/duebook
[ -x "$bin" ] || fail "no usr/bin/duebook in $deb"
entry=$(find "$scratch/root/usr/share/applications" -name '*.desktop' 2>/dev/null | head -1)
[ -s "$entry" ] || fail "no desktop entry in $deb"
grep -qx 'Exec=duebook' "$entry" || fail "the desktop entry does not start duebook"
icon=$(sed -n 's/^Icon=//p' "$entry")
[ -s "$scratch/root/usr/share/icons/hicolor/512x512/apps/$icon.png" ] || fail "no icon $icon in $deb"
missing=$(ldd "$bin" | grep 'not found' || true)
[ -z "$missing" ] || fail "libraries missing: $missing"

# A home of its own, so that the book, log and settings land in the scratch folder.
export HOME=$scratch/home XDG_CONFIG_HOME=$scratch/home/.config XDG_DOCUMENTS_DIR=$scratch/home/Documents
mkdir -p "$HOME"
db=$scratch/shop.db
"$bin" sample --db "$db" --customers 50 --invoices 500 >"$scratch/sample.log" 2>&1 || fail "sample: $(cat "$scratch/sample.log")"

# A free display number: the first whose lock file does not exist.
n=90
while [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; do n=$((n + 1)); done
Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$scratch/xvfb.log" 2>&1 &
xvfb_pid=$!
export DISPLAY=:$n
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done
xdpyinfo >/dev/null 2>&1 || fail "Xvfb did not start on :$n"

start=$(date +%s.%N)
"$bin" --db "$db" >"$scratch/window.log" 2>&1 &
app_pid=$!
# The window is up once X knows a viewable window with the program's title.
shown=""
for _ in $(seq $((wait_s * 10))); do
  kill -0 "$app_pid" 2>/dev/null || fail "duebook exited early"
  tree=$(xwininfo -root -tree 2>/dev/null || true)
  if grep -q '"Duebook ' <<<"$tree"; then shown=$(date +%s.%N); break; fi
  sleep 0.1
done
[ -n "$shown" ] || fail "no Duebook window within ${wait_s}s"
sleep 3 # let Today and the dashboard load and draw
kill -0 "$app_pid" 2>/dev/null || fail "duebook exited after its window appeared"

# A frame was drawn: the screen holds the window's many colours, not Xvfb's blank one.
import -display ":$n" -window root "$scratch/screen.png"
colours=$(identify -format '%k' "$scratch/screen.png")
[ "$colours" -gt 50 ] || fail "the screen has $colours colours: nothing was drawn"
[ -n "${DIST_CHECK_SHOT:-}" ] && cp "$scratch/screen.png" "$DIST_CHECK_SHOT"

kill -TERM "$app_pid"
for _ in $(seq 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.1; done
if kill -0 "$app_pid" 2>/dev/null; then fail "duebook did not stop within 5 s of SIGTERM"; fi
wait "$app_pid" 2>/dev/null || true
app_pid=""
[ -s "$db" ] || fail "the sample shop is gone"
awk -v d="$(basename "$deb")" -v a="$start" -v b="$shown" -v c="$colours" \
  'BEGIN { printf "dist-check: %s: window up after %.2f s, %s colours drawn, stopped cleanly\n", d, b - a, c }'
