# `imap`: the shared IMAP harness (run-imap-bench.sh) against Postroom's IMAP on 127.0.0.1:(--port - 382)
# and, side by side when Dovecot and Postfix are installed and this runs as root, against the reference
# Dovecot's IMAP (--ref-port - 382, mail delivered by the reference Postfix on --ref-port), interleaved
# round by round. Sourced by bench/run.sh, which parses the options; see its header for them.
#
# Both servers get the same 100,000 messages straight into the big user's new/ (--fill-maildir: both take in
# new files by themselves), and the same password hash (--ref-passwords argon2id: Postroom's own Argon2id hash
# of the password for every reference user). --imap-only picks measurements (big,idle,idlemem,mixed).
# Cold first SELECT: Dovecot's cold command removes its index files (keeping dovecot-uidlist); for Postroom,
# --imap-cold CMD is run instead; by default it removes the big INBOX's postroom-index (MODSEQs only: UIDs and
# UIDVALIDITY are in the file names and the counters file postroom-uids, which stay), and a folder whose index
# vanished is read again from its files, its header cache dropped (docs/architecture.md, "Cold").
imap_bench() {
    local imap=$((PORT - 382)) imaps=$((PORT + 468)) ref_imap=$((REF_PORT - 382)) ref=0 r
    [ -x "$HARNESS/run-imap-bench.sh" ] || die "no IMAP harness at $HARNESS/run-imap-bench.sh"
    if command -v dovecot >/dev/null && command -v postfix >/dev/null && [ "$(id -u)" = 0 ]; then
        ref=1
        for p in "$REF_PORT" $((REF_PORT + 101)) $((REF_PORT - 415)) "$ref_imap"; do
            port_free "$p" || die "port $p (reference servers) is in use; pick another --ref-port"
        done
    else
        say "no Dovecot/Postfix, or not root: Postroom only (run '$HARNESS/reference-servers.sh install' as root for both)"
    fi
    prepare_root # its postroom.toml has [imap] on $imap and $imaps
    start_postroom
    add_users
    local big="$DATA/mail/$DOMAIN/user1" dv_pids="" ref_big="$ROOT/ref/vmail/$DOMAIN/user1" cold
    cold="${IMAP_COLD:-rm -f $big/postroom-index}"
    [ "$cold" = none ] && cold=""
    if [ "$ref" = 1 ]; then
        start_reference_dovecot "Dovecot IMAP $ref_imap"
        dv_pids="$(printf '%q ' "${REF[@]}") pids | awk '/^dovecot/{print \$2}'"
    fi
    local dv=() pr=() dv_label=dovecot common
    [ "$REF_PASSWORDS" = argon2id ] || dv_label=dovecot-plain
    common=(--only "$IMAP_ONLY" --runs "$RUNS" --users "$USERS" --password "$PASSWORD" --count "$IMAP_COUNT"
            --size "$SIZE" --timeout 1800)
    for r in $(seq "$ROUNDS"); do
        if [ "$ref" = 1 ]; then
            say "round $r of $ROUNDS: Dovecot"
            mkdir -p "$RESULTS/round$r-dovecot"
            run_job "$HARNESS/run-imap-bench.sh" 127.0.0.1 "$ref_imap" "$DOMAIN" "${common[@]}" --smtp-port "$REF_PORT" \
                --fill-maildir "$ref_big" \
                --cold-cmd "rm -f $ref_big/dovecot.index $ref_big/dovecot.index.* $ref_big/dovecot.list.index*" \
                --pid-cmd "$dv_pids" --label "$dv_label" --out "$RESULTS/round$r-dovecot"
            dv+=("$RESULTS/round$r-dovecot")
        fi
        say "round $r of $ROUNDS: Postroom"
        mkdir -p "$RESULTS/round$r-$LABEL"
        run_job "$HARNESS/run-imap-bench.sh" 127.0.0.1 "$imap" "$DOMAIN" "${common[@]}" --smtp-port "$PORT" \
            --fill-maildir "$big" ${cold:+--cold-cmd "$cold"} \
            --pid "$SERVER_PID" --label "$LABEL" --out "$RESULTS/round$r-$LABEL"
        pr+=("$RESULTS/round$r-$LABEL")
    done
    finish_run 0 "$ref"
    echo "== per round"
    grep -h '^SUMMARY imap' "$BENCH_LOG" || true
    echo "== medians of each server's runs, per round"
    grep -h '^imap_\|^kind\|^SUMMARY imap' "$BENCH_LOG" | grep -v '^kind=' || true
}
