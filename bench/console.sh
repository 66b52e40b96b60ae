# shellcheck shell=bash
# `bench/run.sh console` (sourced by bench/run.sh): issue 13's page bar. org.postroom.server.ConsoleBenchmark makes a
# data folder with --users users (default 1000) and --queued messages (default 10000) written through the queue's
# own file format for a smarthost that is down (so they stay queued), starts Postroom in its JVM with ports from
# --port (default 5525 here: SMTP 5525, web 5580, the dead smarthost 5599), signs in as an admin and GETs every
# console page and API read --requests times (default 50), one after the other; it prints each path's median and
# 90th percentile of server time (the console's Server-Timing header) and client time. Pages not built yet answer
# 404 and are listed as skipped. --root defaults to /tmp/postroom-bench-console.
console_bench() {
    local root=/tmp/postroom-bench-console port=5525 users=1000 queued=10000 requests=50
    while [ $# -gt 0 ]; do
        case "$1" in
            --root) root="$2"; shift 2 ;;
            --port) port="$2"; shift 2 ;;
            --users) users="$2"; shift 2 ;;
            --queued) queued="$2"; shift 2 ;;
            --requests) requests="$2"; shift 2 ;;
            *) die "console: unknown option $1 (--root, --port, --users, --queued, --requests)" ;;
        esac
    done
    [ -f "$REPO/target/postroom.jar" ] || die "console: build first (mvn -o package -DskipTests)"
    # A copy of the jar and its libraries, so that a build in the working tree cannot change them under the run.
    mkdir -p "$root/app"
    rm -rf "$root/app/lib"
    cp "$REPO/target/postroom.jar" "$root/app/"
    cp -r "$REPO/target/lib" "$root/app/lib"
    "${JAVA_HOME:-/usr}/bin/java" -Xmx1g -cp "$root/app/postroom.jar:$root/app/lib/*" org.postroom.server.ConsoleBenchmark \
        --root "$root" --port "$port" --users "$users" --queued "$queued" --requests "$requests"
}
