#!/usr/bin/env bash
# Inspects a cross-built Duebook.exe without running it (Wine 8 cannot start Go 1.24+ programs):
# a 64-bit Windows GUI program that imports only Windows' own DLLs and carries its icon, version
# information and manifest (per-monitor DPI aware, runs as the invoking user).
#   check-exe.sh Duebook.exe [version]
# With --setup it checks the installer instead: a GUI program that asks for no administrator
# (its manifest runs it as the invoking user) and carries the version.
#   check-exe.sh --setup Duebook-Setup-<version>.exe version
set -euo pipefail
setup=""
if [ "${1:-}" = --setup ]; then setup=1; shift; fi
exe=${1:?usage: check-exe.sh [--setup] Duebook.exe [version]}
version=${2:-}
objdump=${OBJDUMP:-x86_64-w64-mingw32-objdump}
fail=0
bad() { echo "check-exe: $exe: $*" >&2; fail=1; }
# (Output is read whole before grep -q looks at it: an early exit would fail the pipe.)
saysVersion() {
  local wide
  wide=$(strings -a -el "$exe")
  grep -A1 -x ProductVersion <<<"$wide" | tail -n +2 | grep -qx "$version"
}

if [ -n "$setup" ]; then
  headers=$("$objdump" -p "$exe")
  grep -q '^Subsystem.*(Windows GUI)' <<<"$headers" || bad "is not a Windows GUI program"
  text=$(strings -a "$exe")
  grep -q 'requestedExecutionLevel level="asInvoker"' <<<"$text" ||
    bad "asks for administrator rights: it must install per user"
  [ -z "$version" ] || saysVersion || bad "version information does not say $version"
  [ "$fail" = 0 ] || exit 1
  echo "check-exe: $exe: installer for version ${version:-?}, runs as the invoking user"
  exit 0
fi

headers=$("$objdump" -p "$exe")
grep -q '^Magic[[:space:]]*020b' <<<"$headers" || bad "not a 64-bit (PE32+) program"
grep -Eq '^Subsystem[[:space:]]+0*2[[:space:]]+\(Windows GUI\)' <<<"$headers" ||
  bad "not a Windows GUI program (a console window would open beside it): $(grep '^Subsystem' <<<"$headers")"

# Only DLLs every Windows 10 and 11 has; anything else (a MinGW runtime such as libwinpthread-1.dll
# or libgcc_s_seh-1.dll) would be missing on the owner's PC and the program would not start.
allowed=$(echo advapi32.dll bcrypt.dll bcryptprimitives.dll cfgmgr32.dll comctl32.dll comdlg32.dll \
  crypt32.dll dwmapi.dll gdi32.dll imm32.dll iphlpapi.dll kernel32.dll msvcrt.dll ntdll.dll ole32.dll \
  oleaut32.dll opengl32.dll powrprof.dll secur32.dll setupapi.dll shcore.dll shell32.dll shlwapi.dll \
  user32.dll userenv.dll uxtheme.dll version.dll winmm.dll ws2_32.dll)
dlls=$(sed -n 's/^[[:space:]]*DLL Name: //p' <<<"$headers" | tr 'A-Z' 'a-z' | sort -u)
[ -n "$dlls" ] || bad "imports no DLL at all (objdump could not read it?)"
for d in $dlls; do
  case " $allowed " in *" $d "*) ;; *) bad "imports $d, which Windows does not ship" ;; esac
done
for d in kernel32.dll user32.dll gdi32.dll opengl32.dll; do
  grep -qx "$d" <<<"$dlls" || bad "does not import $d: is this the window program?"
done

# The resource directory's top level names the types: 3 icon, 14 icon group, 16 version, 24 manifest.
types=$(sed -n 's/^[0-9a-f]\{3\}   Entry: ID: 0x0*\([0-9a-f]*\),.*/\1/p' <<<"$headers" | tr '\n' ' ')
for t in "3 icon" "e icon group" "10 version information" "18 application manifest"; do
  case " $types" in *" ${t%% *} "*) ;; *) bad "has no ${t#* } resource (types present: ${types:-none})" ;; esac
done
manifest=$(strings -a "$exe" | sed -n '/<assembly/,/<\/assembly>/p')
grep -qi 'dpiAwareness.*permonitorv2' <<<"$manifest" || bad "manifest does not declare per-monitor DPI awareness"
grep -q 'level="asInvoker"' <<<"$manifest" || bad "manifest does not run as the invoking user"
if [ -n "$version" ]; then
  # Version strings are UTF-16: the value follows its key.
  saysVersion || bad "version information does not say $version"
fi

[ "$fail" = 0 ] || exit 1
echo "check-exe: $exe: Windows GUI, amd64, imports $(echo $dlls | tr ' ' ','); icon, version ${version:-?} and manifest present"
