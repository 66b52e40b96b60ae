# shellcheck shell=bash
# `bench/run.sh cli`: how long an admin command takes, start to exit, as an administrator types it (sourced by
# bench/run.sh; issue 14's bar: under 0.5 s). A Postroom runs on its own ports meanwhile (the commands work while it
# runs, and that is when they are typed); the commands are timed in four ways, interleaved so that each sees the
# same load on the machine:
#   plain   java -jar with the server's flags, what the launcher ran before issue 14 (without its extra `java` run
#           that read the JDK's version, ~0.2 s more), the command in its own JVM
#   noaot   ./postroom with POSTROOM_AOT=off POSTROOM_SOCKET=off: the launcher's C1-only JVM and one picocli branch,
#           no AOT cache, the command in its own JVM
#   aot     ./postroom with POSTROOM_SOCKET=off: the same plus the AOT cache and SQLite's library taken out
#           (packaging/aot.sh), the command in its own JVM
#   socket  ./postroom as it is: the same JVM hands the line to the running server (admin.RemoteCommand), which runs
#           it and sends back what it printed; --version is not handed over (it names no data folder)
# Printed per command and way: mean, median and p90 of the wall time, and the mean CPU (user + system), in ms.
#
#   bench/run.sh cli [--runs N] [--port P] [--root DIR]
#     --runs N [30]     runs per command and way
#     --port P [6525]   the server's SMTP port (submission P+62, submissions P-60, POP3 P-415/P+470, IMAP P-382/P+468,
#                       web P+1)
#     --root DIR [/tmp/postroom-bench-cli]  data folder and results (deleted and remade)

CLI_RUNS=30 CLI_PORT=6525 CLI_ROOT=/tmp/postroom-bench-cli
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) CLI_RUNS="$2" ;;
        --port) CLI_PORT="$2" ;;
        --root) CLI_ROOT="$2" ;;
        *) die "unknown option $1 for cli (--runs, --port, --root)" ;;
    esac
    shift 2 || die "option $1 needs a value"
done
[[ "$CLI_RUNS" =~ ^[0-9]+$ ]] && [ "$CLI_RUNS" -ge 1 ] && [ "$CLI_RUNS" -le 1000 ] || die "--runs must be 1..1000"
[[ "$CLI_PORT" =~ ^[0-9]+$ ]] || die "--port must be a number"
case "$CLI_ROOT" in /tmp/?*) ;; *) die "--root must be a folder under /tmp (it is deleted and remade)" ;; esac
[ -f "$REPO/target/postroom.jar" ] || die "no $REPO/target/postroom.jar: run it as './postroom bench cli', which builds first"
for p in "$CLI_PORT" $((CLI_PORT + 62)) $((CLI_PORT - 60)) $((CLI_PORT - 415)) $((CLI_PORT + 470)) $((CLI_PORT - 382)) \
         $((CLI_PORT + 468)) $((CLI_PORT + 1)); do
    ! ss -Hltn "sport = :$p" 2>/dev/null | grep -q . || die "port $p is in use; pick another with --port"
done

rm -rf "$CLI_ROOT"
mkdir -p "$CLI_ROOT/data"
DATA="$CLI_ROOT/data" OUT="$CLI_ROOT/server.out" RESULTS="$CLI_ROOT/times.tsv"
cat > "$DATA/postroom.toml" <<TOML
# Written by bench/cli.sh: loopback only, its own ports.
[server]
bind = "127.0.0.1"
[smtp]
port = $CLI_PORT
submission_port = $((CLI_PORT + 62))
submissions_port = $((CLI_PORT - 60))
[pop3]
port = $((CLI_PORT - 415))
tls_port = $((CLI_PORT + 470))
[imap]
port = $((CLI_PORT - 382))
tls_port = $((CLI_PORT + 468))
[web]
port = $((CLI_PORT + 1))
TOML

CLI_SERVER=""
cli_stop() {
    if [ -n "$CLI_SERVER" ] && kill -0 "$CLI_SERVER" 2>/dev/null; then
        kill -TERM "$CLI_SERVER" 2>/dev/null || true
        for _ in $(seq 100); do kill -0 "$CLI_SERVER" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$CLI_SERVER" 2>/dev/null || true
    fi
}
trap cli_stop EXIT
setsid "$REPO/postroom" start --data "$DATA" --domain example.test > "$OUT" 2>&1 &
CLI_SERVER=$!
for _ in $(seq 600); do
    grep -q '^postroom: SMTP on' "$OUT" && break
    kill -0 "$CLI_SERVER" 2>/dev/null || { cat "$OUT" >&2; die "Postroom exited during startup"; }
    sleep 0.2
done
grep -q '^postroom: SMTP on' "$OUT" || die "Postroom not ready after 120 s"
printf 'secret-password-1\n' | "$REPO/postroom" user add "alice@example.test" --password-stdin --data "$DATA" > /dev/null
"$REPO/postroom" alias add "info@example.test" "alice@example.test" --data "$DATA" > /dev/null
# the launcher makes the AOT cache on its first command after a build; make sure it is there before timing
"$REPO/postroom" --version > /dev/null

COMMANDS=("user list" "queue list" "alias list" "--version")
JAR="$REPO/target/postroom.jar"
way() { # WAY COMMAND...: runs one command line the given way, output discarded
    local w="$1"; shift
    case "$w" in
        plain) POSTROOM_SOCKET=off "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmx256m -Xmn96m --enable-native-access=ALL-UNNAMED -jar "$JAR" "$@" ;;
        noaot) POSTROOM_AOT=off POSTROOM_SOCKET=off "$REPO/postroom" "$@" ;;
        aot) POSTROOM_SOCKET=off "$REPO/postroom" "$@" ;;
        socket) "$REPO/postroom" "$@" ;;
    esac > /dev/null 2>&1
}
say "cli: $CLI_RUNS runs of each of ${#COMMANDS[@]} commands in 4 ways, interleaved ($(nproc) cpus, load $(cut -d' ' -f1-3 /proc/loadavg))"
: > "$RESULTS"
TIMEFORMAT='%3R %3U %3S'
for i in $(seq "$CLI_RUNS"); do
    for c in "${COMMANDS[@]}"; do
        read -r -a words <<< "$c"
        [ "$c" = "--version" ] || words+=(--data "$DATA")
        for w in plain noaot aot socket; do
            t="$( { time way "$w" "${words[@]}"; } 2>&1 )" || die "\`postroom $c\` ($w) failed"
            printf '%s\t%s\t%s\n' "$c" "$w" "$t" >> "$RESULTS"
        done
    done
    [ $((i % 10)) -eq 0 ] && say "cli: $i of $CLI_RUNS rounds"
done
printf '%-12s %-6s %8s %8s %8s %8s   (ms; %s runs each; load now %s)\n' command way mean median p90 cpu "$CLI_RUNS" "$(cut -d' ' -f1-3 /proc/loadavg)"
for c in "${COMMANDS[@]}"; do
    for w in plain noaot aot socket; do
        awk -F'\t' -v c="$c" -v w="$w" '$1 == c && $2 == w { split($3, t, " "); print t[1] * 1000, (t[2] + t[3]) * 1000 }' "$RESULTS" |
            sort -n | awk -v c="$c" -v w="$w" '{ wall[NR] = $1; sum += $1; cpu += $2 }
                END { p90 = int(NR * 0.9 + 0.999); if (p90 > NR) p90 = NR
                      med = (NR % 2) ? wall[(NR + 1) / 2] : (wall[NR / 2] + wall[NR / 2 + 1]) / 2
                      printf "%-12s %-6s %8.0f %8.0f %8.0f %8.0f\n", c, w, sum / NR, med, wall[p90], cpu / NR }'
    done
done
say "cli: the times of every run are in $RESULTS"
