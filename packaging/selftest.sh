#!/usr/bin/env bash
# Proves that the release checks can fail: each is run on a broken copy of a real artifact and
# must reject it. Run by `make dist-check` after the checks have passed on the real ones.
#   selftest.sh Duebook.exe duebook_<version>_amd64.deb version
set -euo pipefail
exe=${1:?usage: selftest.sh Duebook.exe duebook.deb version} deb=${2:?} version=${3:?}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
must_fail() { # name, command...
  local name=$1; shift
  if "$@" >"$work/out" 2>&1; then echo "selftest: the check passed $name" >&2; failed=1
  else echo "selftest: rejected $name: $(grep -m1 -E 'check-exe:|FAILED' "$work/out" | sed "s|$work/||")"; fi
}

# The exe with its subsystem set to console (the 16-bit field 68 bytes into the optional header).
cp "$exe" "$work/console.exe"
pe=$(od -An -tu4 -j60 -N4 "$exe" | tr -d ' ')
printf '\003' | dd of="$work/console.exe" bs=1 seek=$((pe + 24 + 68)) conv=notrunc status=none
must_fail "a console program" "$here/windows/check-exe.sh" "$work/console.exe" "$version"

# The exe as if it needed a MinGW runtime DLL that Windows lacks.
cat >"$work/objdump" <<'SH'
#!/bin/sh
x86_64-w64-mingw32-objdump "$@" | sed 's/DLL Name: msvcrt.dll/DLL Name: libwinpthread-1.dll/'
SH
chmod +x "$work/objdump"
must_fail "an exe importing libwinpthread-1.dll" env OBJDUMP="$work/objdump" "$here/windows/check-exe.sh" "$exe" "$version"
must_fail "an exe of another version" "$here/windows/check-exe.sh" "$exe" "$version.9"

# A .deb whose program makes a sample shop but never opens a window.
dpkg-deb -R "$deb" "$work/root"
printf '#!/bin/sh\n[ "$1" = sample ] && { : >"$3"; exit 0; }\nexec sleep 20\n' >"$work/root/usr/bin/duebook"
dpkg-deb --root-owner-group --build "$work/root" "$work/nowindow.deb" >/dev/null
must_fail "a .deb whose program opens no window" "$here/linux/dist-check.sh" "$work/nowindow.deb" 3

[ "$failed" = 0 ] || exit 1
echo "selftest: every check rejected its broken artifact"
