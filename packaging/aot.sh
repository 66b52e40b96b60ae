#!/bin/sh
# The admin commands' AOT cache (JEP 483 -XX:AOTCache, JEP 514 one-step -XX:AOTCacheOutput, JEP 515 profiles):
# a training run of the commands an administrator types most (org.postroom.admin.CliTraining, on a throw-away
# data folder) records the classes they load and link; later JVMs map them from the cache instead of loading,
# verifying and linking them from the jars again (`./postroom bench cli` measures the difference).
#
#   packaging/aot.sh APP_DIR        the package step: trains APP_DIR/runtime/bin/java on APP_DIR/postroom.jar
#                                   (its lib/ beside it) and writes APP_DIR/postroom.aot
#   . packaging/aot.sh              (with POSTROOM_AOT_SOURCED=1) the source launcher: defines the functions below
#
# A cache only helps: the JVM checks it against the jars on the class path (path, size, time) and the JVM build,
# and ignores a stale or damaged one. What it would print then goes nowhere (POSTROOM_AOT_QUIET): an admin
# command's stdout is for scripts. Use the cache with the same GC and heap options as the training
# (POSTROOM_AOT_JAVA_OPTS); -XX:TieredStopAtLevel=1 (C1 only) suits short commands and is what the training used.

# The JVM options of the training run and of every JVM that maps the cache.
POSTROOM_AOT_JAVA_OPTS="-XX:+UseSerialGC -Xmx256m -Xmn96m --enable-native-access=ALL-UNNAMED -XX:TieredStopAtLevel=1"

# Options that keep the JVM's own log lines off stdout (the default of unified logging) and say nothing about
# the AOT cache: a stale cache is ignored in silence.
POSTROOM_AOT_QUIET="-Xlog:disable -Xlog:all=warning:stderr -Xlog:aot*=off:stderr -Xlog:cds*=off:stderr"

# The functions below set variables rather than print: a launcher calls them on every admin command, and each
# $(...) is a fork, a few milliseconds (issue 14's fast CLI).

# postroom_aot_train JAVA JAR OUT: trains and writes OUT (replaced whole, never half-written), and SQLite's
# native library into OUT's folder/native/ (org.postroom.directory.SqliteNativeLibrary); the JVM's messages go to
# OUT.log. Returns non-zero when no cache was made.
postroom_aot_train() {
    _java="$1" _jar="$2" _out="$3"
    _tmp="$_out.tmp.$$"
    rm -f "$_tmp"
    # shellcheck disable=SC2086 # a list of options
    if "$_java" $POSTROOM_AOT_JAVA_OPTS -XX:AOTCacheOutput="$_tmp" -cp "$_jar" org.postroom.admin.CliTraining \
            --sqlite-native "$(dirname "$_out")/native" > "$_out.log" 2>&1 && [ -s "$_tmp" ]; then
        chmod 0644 "$_tmp" && mv -f "$_tmp" "$_out"
    else
        rm -f "$_tmp" "$_tmp.config"
        return 1
    fi
}

# postroom_aot_fresh JAR CACHE: whether CACHE exists and is newer than JAR and the jars of its lib/ folder.
postroom_aot_fresh() {
    [ -s "$2" ] || return 1
    [ "$1" -nt "$2" ] && return 1
    for _lib in "${1%/*}"/lib/*.jar; do
        [ -e "$_lib" ] || continue
        [ "$_lib" -nt "$2" ] && return 1
    done
    return 0
}

# postroom_aot_options JAR CACHE: sets POSTROOM_AOT_OPTS to the JVM options that use CACHE and the native library
# beside it when CACHE is fresh (newer than the jars), to nothing otherwise. The library comes from the same training
# run as a fresh cache (a run that cannot write it makes no cache), so it matches the driver's jar.
postroom_aot_options() {
    POSTROOM_AOT_OPTS=""
    postroom_aot_fresh "$1" "$2" || return 0
    _native="${2%/*}/native"
    POSTROOM_AOT_OPTS="-XX:AOTCache=$2"
    if [ -f "$_native/libsqlitejdbc.so" ]; then
        POSTROOM_AOT_OPTS="$POSTROOM_AOT_OPTS -Dorg.sqlite.lib.path=$_native -Dorg.sqlite.lib.name=libsqlitejdbc.so"
    fi
}

if [ "${POSTROOM_AOT_SOURCED:-}" != 1 ]; then
    set -eu
    APP="${1:?usage: packaging/aot.sh APP_DIR (with APP_DIR/runtime/bin/java and APP_DIR/postroom.jar)}"
    echo "aot: training the admin commands' AOT cache in $APP ..." >&2
    if postroom_aot_train "$APP/runtime/bin/java" "$APP/postroom.jar" "$APP/postroom.aot"; then
        rm -f "$APP/postroom.aot.log"
        echo "aot: $APP/postroom.aot, $(du -h "$APP/postroom.aot" | cut -f1)" >&2
    else
        echo "aot: no AOT cache (admin commands start slower); the JVM said:" >&2
        tail -20 "$APP/postroom.aot.log" >&2
        rm -f "$APP/postroom.aot.log"
    fi
fi
