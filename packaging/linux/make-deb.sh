#!/usr/bin/env bash
# Builds duebook_<version>_amd64.deb from a built binary, the desktop entry `fyne package` wrote
# from FyneApp.toml, and the icon:
#   make-deb.sh BINARY DESKTOP-ENTRY ICON VERSION OUT.deb
# It installs on Debian 12 and Ubuntu 22.04/24.04: the binary may need at most glibc 2.35.
set -euo pipefail
bin=${1:?usage: make-deb.sh BINARY DESKTOP-ENTRY ICON VERSION OUT.deb}
desktop=${2:?} icon=${3:?} version=${4:?} out=${5:?}
here=$(cd "$(dirname "$0")" && pwd)
# The desktop entry and icon are named by the application ID of FyneApp.toml, which fyne wrote
# into the entry as its icon's name.
id=$(sed -n 's/^Icon=//p' "$desktop")
[ -n "$id" ] || { echo "make-deb: $desktop names no icon" >&2; exit 1; }
oldest_glibc=2.35      # Ubuntu 22.04; Debian 12 has 2.36

need=$(objdump -T "$bin" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -1)
if [ "$(printf '%s\n%s\n' "$need" "$oldest_glibc" | sort -V | tail -1)" != "$oldest_glibc" ]; then
  echo "make-deb: $bin needs glibc $need; Ubuntu 22.04 has $oldest_glibc. Build on an older system." >&2
  exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root
install -D -m 0755 "$bin" "$root/usr/bin/duebook"
install -D -m 0644 "$desktop" "$root/usr/share/applications/$id.desktop"
install -D -m 0644 "$icon" "$root/usr/share/icons/hicolor/512x512/apps/$id.png"
install -d "$root/usr/share/doc/duebook"
{ cat "$here/copyright"; sed 's/^/ /; s/^ $/ ./' "$here/../../assets/fonts/OFL.txt"; } >"$root/usr/share/doc/duebook/copyright"
chmod 0644 "$root/usr/share/doc/duebook/copyright"

# The libraries the binary links (with the versions their symbols need), plus those GLFW opens
# at run time (dlopen), which no tool can see: cursors, monitors, input and video modes.
mkdir -p "$work/debian"
printf 'Source: duebook\n\nPackage: duebook\nArchitecture: amd64\n' >"$work/debian/control"
linked=$(cd "$work" && dpkg-shlibdeps -O -e root/usr/bin/duebook 2>/dev/null | sed -n 's/^shlibs:Depends=//p')
[ -n "$linked" ] || { echo "make-deb: dpkg-shlibdeps found no libraries for $bin" >&2; exit 1; }
opened="libx11-xcb1, libxcursor1, libxi6, libxinerama1, libxrandr2, libxrender1, libxxf86vm1"

mkdir -p "$root/DEBIAN"
cat >"$root/DEBIAN/control" <<CONTROL
Package: duebook
Version: $version
Architecture: amd64
Maintainer: Duebook <support@duebook.example>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: $linked, $opened
Recommends: xdg-utils
Section: office
Priority: optional
Homepage: https://duebook.example
Description: get paid for what customers owe
 Duebook keeps a small shop's customers, invoices and payments in one file,
 shows what is owed and how old it is, and every morning proposes who should
 hear from the shop and how: reminders, final demands and hand-offs, printed
 or sent from your own mailbox. Everything works offline.
CONTROL
mkdir -p "$(dirname "$out")"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "make-deb: $out (glibc >= $need; Depends: $linked, $opened)"
