#!/usr/bin/env bash
# Install Counter from the unpacked tarball: the program to /opt/counter, a menu entry and
# icon for everyone, and counter-app / counter-admin on the PATH. Run as root:
#   sudo ./install.sh            (PREFIX=/opt/counter by default)
# Uninstall: sudo rm -rf /opt/counter /usr/local/bin/counter-{app,admin} \
#   /usr/share/applications/counter-app.desktop /usr/share/icons/hicolor/512x512/apps/counter-app.png
# Each user's data (~/.local/share/Counter by default) is never touched.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
PREFIX=${PREFIX:-/opt/counter}
rm -rf "$PREFIX" && mkdir -p "$PREFIX"
cp -a "$HERE/Counter/." "$PREFIX/"
ln -sf "$PREFIX/counter-app" /usr/local/bin/counter-app
ln -sf "$PREFIX/counter-admin" /usr/local/bin/counter-admin
install -D -m 644 "$HERE/counter-app.png" /usr/share/icons/hicolor/512x512/apps/counter-app.png
sed "s|^Exec=.*|Exec=$PREFIX/counter-app|" "$HERE/counter-app.desktop" > /usr/share/applications/counter-app.desktop
command -v update-desktop-database >/dev/null && update-desktop-database -q /usr/share/applications || true
command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q /usr/share/icons/hicolor || true
echo "Counter installed in $PREFIX"
