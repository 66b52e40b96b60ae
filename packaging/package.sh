#!/usr/bin/env bash
# Builds the release from target/postroom.jar and target/lib/ (the launcher's `./postroom package` builds them
# first): a jlink runtime of only the modules Postroom needs, the installed launcher, the systemd unit and the
# production configuration, as postroom-VERSION-linux-x64.tar.gz and postroom_VERSION_amd64.deb in --output DIR
# (default target/package). Needs a JDK 25 (JAVA_HOME) and dpkg-deb; no root (dpkg-deb --root-owner-group).
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
OUT="$ROOT/target/package"
while [ $# -gt 0 ]; do
    case "$1" in
        --output) OUT="$2"; shift 2 ;;
        --output=*) OUT="${1#--output=}"; shift ;;
        *) echo "usage: postroom package [--output DIR]" >&2; exit 64 ;;
    esac
done
: "${JAVA_HOME:?JAVA_HOME must name a JDK 25}"
command -v dpkg-deb > /dev/null || { echo "package: dpkg-deb is needed for the .deb (apt-get install dpkg)" >&2; exit 69; }
JAR="$ROOT/target/postroom.jar"
[ -f "$JAR" ] && [ -d "$ROOT/target/lib" ] || { echo "package: $JAR and target/lib/ are missing: mvn package first" >&2; exit 66; }
POM_VERSION="$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | head -1)"
VERSION="${POM_VERSION}"
DEB_VERSION="${POM_VERSION//-/\~}"   # 0.1.0-SNAPSHOT -> 0.1.0~SNAPSHOT: sorts before 0.1.0, and '-' would start a revision
mkdir -p "$OUT"
OUT="$(cd "$OUT" && pwd)"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/postroom-package.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

# 1. The modules: what jdeps finds in the jar and its libraries, plus the ones loaded only by name (service
# providers jdeps cannot see): jdk.naming.dns (relay.DnsMxResolver's MX lookups through JNDI), jdk.charsets
# (messages in charsets beyond the standard ones), jdk.crypto.ec (an empty module since JDK 22, kept for older ones).
MODULES="$("$JAVA_HOME/bin/jdeps" --multi-release 25 --ignore-missing-deps --print-module-deps \
    --class-path "$ROOT/target/lib/*" "$JAR" 2> /dev/null)"
MODULES="$MODULES,jdk.naming.dns,jdk.charsets"
if "$JAVA_HOME/bin/java" --list-modules | grep -q '^jdk.crypto.ec@'; then MODULES="$MODULES,jdk.crypto.ec"; fi
echo "package: modules $MODULES" >&2

APP="$WORK/postroom-$VERSION"             # the tarball's top folder = /usr/lib/postroom in the .deb
# 2. The runtime image. Without jmods (Temurin 25 ships none) jlink links from the running JDK's own image
# (JEP 493), which this JDK allows.
"$JAVA_HOME/bin/jlink" --add-modules "$MODULES" --output "$APP/runtime" \
    --strip-debug --no-header-files --no-man-pages --compress=zip-6
# A CDS archive of the JDK's own classes, as a full JDK has (jlink leaves it out): a faster JVM start.
"$APP/runtime/bin/java" -Xshare:dump > /dev/null 2>&1 || true

# 3. The application and its launcher.
cp "$JAR" "$APP/postroom.jar"
mkdir -p "$APP/lib" "$APP/bin" "$APP/share"
cp "$ROOT"/target/lib/*.jar "$APP/lib/"
# sqlite-jdbc carries its native library for 25 platforms (14 MB); the package is for linux-x64 (glibc) only.
for sqlite in "$APP"/lib/sqlite-jdbc-*.jar; do
    mkdir "$WORK/sqlite" && (cd "$WORK/sqlite" && "$JAVA_HOME/bin/jar" xf "$sqlite")
    find "$WORK/sqlite/org/sqlite/native" -mindepth 1 -maxdepth 1 ! -name Linux -exec rm -rf {} +
    find "$WORK/sqlite/org/sqlite/native/Linux" -mindepth 1 -maxdepth 1 ! -name x86_64 -exec rm -rf {} +
    [ -f "$WORK/sqlite/org/sqlite/native/Linux/x86_64/libsqlitejdbc.so" ] || { echo "package: no linux x86_64 library in $sqlite" >&2; exit 70; }
    rm "$sqlite"
    "$JAVA_HOME/bin/jar" --create --file "$sqlite" --manifest "$WORK/sqlite/META-INF/MANIFEST.MF" -C "$WORK/sqlite" .
    rm -rf "$WORK/sqlite"
done
install -m 0755 "$HERE/postroom" "$APP/bin/postroom"
cp "$HERE/postroom.service" "$APP/share/postroom.service"
# The production ports in the configuration template (the embedded defaults are 2525, 2587, ... for a trial).
sed -e 's/^port = 2525$/port = 25/' -e 's/^submission_port = 2587$/submission_port = 587/' \
    -e 's/^submissions_port = 2465$/submissions_port = 465/' -e 's/^port = 2110$/port = 110/' \
    -e 's/^tls_port = 2995$/tls_port = 995/' -e 's/^port = 2143$/port = 143/' -e 's/^tls_port = 2993$/tls_port = 993/' \
    "$ROOT/src/main/resources/org/postroom/config/postroom.toml" > "$APP/share/postroom.toml"
for p in 25 587 465 110 995 143 993; do
    grep -q "= $p\$" "$APP/share/postroom.toml" || { echo "package: the template no longer has the port that becomes $p" >&2; exit 70; }
done
cp "$ROOT/README.md" "$APP/share/README.md"

# 4. The AOT cache (JEP 483/514), made by packaging/aot.sh when it exists: called as `aot.sh APP_DIR`, where
# APP_DIR/runtime/bin/java and APP_DIR/postroom.jar are the installed layout; it writes APP_DIR/postroom.aot
# (and APP_DIR/native/), which bin/postroom then uses through the functions of its copy bin/aot.sh.
if [ -f "$HERE/aot.sh" ]; then
    install -m 0644 "$HERE/aot.sh" "$APP/bin/aot.sh"
    sh "$HERE/aot.sh" "$APP"
fi

# 5. The tarball: unpack it as /usr/lib/postroom (README, "Install on a server").
TAR="$OUT/postroom-$VERSION-linux-x64.tar.gz"
tar -C "$WORK" --owner=0 --group=0 -czf "$TAR" "postroom-$VERSION"

# 6. The .deb over a staged tree.
DEB_ROOT="$WORK/deb"
mkdir -p "$DEB_ROOT/usr/lib" "$DEB_ROOT/usr/bin" "$DEB_ROOT/lib/systemd/system" "$DEB_ROOT/etc/postroom" \
    "$DEB_ROOT/usr/share/doc/postroom" "$DEB_ROOT/DEBIAN"
cp -a "$APP" "$DEB_ROOT/usr/lib/postroom"
ln -s ../lib/postroom/bin/postroom "$DEB_ROOT/usr/bin/postroom"
install -m 0644 "$HERE/postroom.service" "$DEB_ROOT/lib/systemd/system/postroom.service"
install -m 0600 "$APP/share/postroom.toml" "$DEB_ROOT/etc/postroom/postroom.toml"
install -m 0644 "$ROOT/README.md" "$DEB_ROOT/usr/share/doc/postroom/README.md"
install -m 0755 "$HERE"/debian/postinst "$HERE"/debian/prerm "$HERE"/debian/postrm "$DEB_ROOT/DEBIAN/"
echo /etc/postroom/postroom.toml > "$DEB_ROOT/DEBIAN/conffiles"
SIZE_KB="$(du -sk "$DEB_ROOT" --exclude=DEBIAN | cut -f1)"
cat > "$DEB_ROOT/DEBIAN/control" <<CONTROL
Package: postroom
Version: $DEB_VERSION
Architecture: amd64
Maintainer: Postroom <postmaster@localhost>
Installed-Size: $SIZE_KB
Depends: libc6 (>= 2.31), zlib1g, passwd, util-linux
Section: mail
Priority: optional
Homepage: https://example.invalid/postroom
Description: mail server of an office network
 SMTP, submission, POP3 and IMAP with Maildir storage, an outbound queue through
 the provider's smarthost and a collector of the provider's POP3 mailboxes.
 Brings its own Java runtime (jlink); needs no JDK.
CONTROL
DEB="$OUT/postroom_${DEB_VERSION}_amd64.deb"
dpkg-deb --root-owner-group -Zgzip --build "$DEB_ROOT" "$DEB" > /dev/null
ls -l "$TAR" "$DEB" >&2
echo "$DEB"
