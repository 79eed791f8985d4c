#!/usr/bin/env bash
# Fault tests of issue 11, driving the real binary: hostile inputs finish fast
# with a clear error, limits are checked before work starts, two sweeps never
# write one directory, a damaged journal header loses nothing, and a run that
# is killed or runs out of disk never leaves a directory that looks finished.
# Usage: fault_test.sh GROUNDSWELL SOURCE_DIR CASE. Exit 77 = skipped (ctest
# SKIP_RETURN_CODE), with the reason on stdout.
set -euo pipefail
G=$(realpath "$1")
SRC=$(realpath "$2")
CASE=$3
DATA=$SRC/tests/sim/cli/data
WORK=$(mktemp -d)
cleanup() {
  [[ -n ${MOUNTED:-} ]] && umount "$MOUNTED" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
cd "$WORK"
cp "$DATA"/*.yaml .

fail() { echo "FAIL ($CASE): $*" >&2; exit 1; }
rows() { tail -n +2 "$1" | wc -l; }
check_once() {  # every run id 0..n-1 exactly once
  local n=$2
  [[ $(rows "$1") -eq $n ]] || fail "$1 has $(rows "$1") rows, expected $n"
  [[ $(tail -n +2 "$1" | cut -d, -f1 | sort -n | uniq | wc -l) -eq $n ]] || fail "$1 repeats a run"
}
wait_rows() {  # wait_rows JOURNAL N: until N rows are journaled
  for _ in $(seq 1 600); do
    [[ -f $1 && $(($(wc -l <"$1") - 1)) -ge $2 ]] && return 0
    sleep 0.1
  done
  fail "the journal $1 never reached $2 rows"
}
# fast_error CODE SECONDS command...: exits CODE within SECONDS (timeout kills a
# hang). The work itself takes milliseconds (fuzz_replay_* time it in-process);
# callers allow 3 s for process start-up on a loaded or sanitized CI machine.
fast_error() {
  local want=$1 limit=$2
  shift 2
  local start end rc
  start=$(date +%s%N)
  set +e
  timeout -s KILL 20 "$@" >out.txt 2>err.txt
  rc=$?
  set -e
  end=$(date +%s%N)
  [[ $rc -eq $want ]] || fail "'$*' exited $rc, expected $want: $(head -c 400 err.txt)"
  (((end - start) / 1000000 <= limit * 1000)) ||
    fail "'$*' took $(((end - start) / 1000000)) ms, more than $limit s"
  [[ $(wc -c <err.txt) -lt 2000 ]] || fail "'$*' printed $(wc -c <err.txt) bytes of errors"
}
# A directory a run wrote is empty (killed before its first file), complete
# (summary.json, no INCOMPLETE) or marked INCOMPLETE; never files without either.
check_not_half_done() {
  [[ -e $1 ]] || return 0
  [[ -z $(find "$1" -mindepth 1 -not -name '.*.tmp') ]] && return 0  # nothing written yet
  [[ -f $1/INCOMPLETE ]] && return 0
  [[ -f $1/summary.json && -f $1/series.csv ]] || fail "$1 holds $(ls -A "$1" | tr '\n' ' ') with no INCOMPLETE marker"
}

case $CASE in
  hang_inputs)  # every reproducer of issue 11: a clear error well within a second
    printf ',' >comma.yaml
    printf '"a", b' >quoted.yaml
    cp "$SRC/tests/fuzz/corpus/scenario/repro_billion_laughs.yaml" laughs.yaml
    for f in comma.yaml quoted.yaml laughs.yaml; do
      fast_error 3 3 "$G" validate $f
      grep -q "^$f:" err.txt || fail "$f: the error does not name the file: $(cat err.txt)"
    done
    grep -q "laughs.yaml:[0-9]*:[0-9]*: refused: more than 100000 values" err.txt ||
      fail "billion laughs: no clear reason: $(cat err.txt)"
    fast_error 3 3 "$G" run base.yaml --set 'seed="a", b' --out x
    grep -q "^--set: seed" err.txt || fail "--set: no clear error: $(cat err.txt)"
    cp "$SRC/tests/fuzz/corpus/sweep/repro_set_comma.yaml" .
    fast_error 3 3 "$G" sweep repro_set_comma.yaml --out s
    fast_error 3 3 "$G" sweep comma.yaml --out s
    [[ ! -e x && ! -e s ]] || fail "a refused input wrote an output directory"
    # A huge file is refused before it is read.
    { echo "model: threshold"; head -c 5000000 /dev/zero | tr '\0' '#'; } >huge.yaml
    fast_error 3 3 "$G" validate huge.yaml
    grep -q "may be at most 4 MiB" err.txt || fail "huge file: $(cat err.txt)"
    ;;
  limits)  # memory estimated before work starts; absurd --threads refused plainly
    fast_error 3 3 "$G" run base.yaml --set network.n=4000000000 --out big
    grep -q "this run needs about .* GB .* but the machine has .* available" err.txt ||
      fail "no memory estimate: $(cat err.txt)"
    [[ ! -e big ]] || fail "a refused run wrote its directory"
    for t in 99999999999 -1 abc; do
      fast_error 2 3 "$G" run base.yaml --threads "$t" --out t
      grep -q "from 0 (all cores) to 1024" err.txt || fail "--threads $t: $(cat err.txt)"
      [[ $(wc -c <err.txt) -lt 600 ]] || fail "--threads $t: a long message"
    done
    fast_error 2 3 "$G" sweep grid.yaml --threads 99999999999 --out t
    # A sweep: its largest point times the runs at once, before any run starts.
    printf 'scenario: base.yaml\nfactors:\n  - {key: network.n, values: [100, 4000000000]}\ndesign: grid\nreplicates: 2\n' >bigsweep.yaml
    fast_error 3 3 "$G" sweep bigsweep.yaml --threads 2 --out bigs
    grep -q "this sweep's largest run needs about .* GB .* x 2 runs at once" err.txt ||
      fail "sweep: no memory estimate: $(cat err.txt)"
    [[ ! -e bigs ]] || fail "a refused sweep wrote its directory"
    ;;
  sweep_lock)  # a second sweep into a busy directory is refused at once, naming the holder
    "$G" sweep slow.yaml --out ref --threads 2 -q
    "$G" sweep slow.yaml --out busy --threads 1 -q & first=$!
    wait_rows busy/journal.csv 1
    fast_error 4 3 "$G" sweep slow.yaml --out busy --threads 1 -q
    grep -q "being written by another sweep (pid $first on host" err.txt ||
      fail "the refusal does not name the holder: $(cat err.txt)"
    # The holder is killed: its lock dies with it and the resume does not wait.
    kill -9 $first; wait $first 2>/dev/null || true
    [[ -f busy/.journal.lock ]] || fail "no lock file"
    echo torn >busy/.journal.csv.2147483646.tmp  # a dead writer's temporary file
    "$G" sweep slow.yaml --out busy --threads 2 -q
    [[ ! -e busy/.journal.csv.2147483646.tmp ]] || fail "a dead writer's temporary file was kept"
    check_once busy/results.csv 60
    cmp -s ref/results.csv busy/results.csv || fail "the resumed table differs"
    # Two sweeps started together: one runs, the other is refused; no run twice.
    set +e
    "$G" sweep grid.yaml --out race --threads 1 -q 2>a.txt & a=$!
    "$G" sweep grid.yaml --out race --threads 1 -q 2>b.txt & b=$!
    wait $a; ra=$?; wait $b; rb=$?
    set -e
    [[ $((ra + rb)) -eq 4 && ($ra -eq 0 || $rb -eq 0) ]] ||
      fail "two sweeps together exited $ra and $rb, expected 0 and 4: $(cat a.txt b.txt)"
    check_once race/results.csv 27
    [[ $(($(wc -l <race/journal.csv) - 1)) -eq 27 ]] || fail "the journal counts a run twice"
    # Shards still share a directory, at the same time.
    "$G" sweep grid.yaml --out shared --shard 0/2 --threads 1 -q & s0=$!
    "$G" sweep grid.yaml --out shared --shard 1/2 --threads 1 -q
    wait $s0 || fail "shard 0/2 failed beside shard 1/2"
    "$G" sweep grid.yaml --merge shared --out merged -q
    "$G" sweep grid.yaml --out whole -q
    cmp -s whole/results.csv merged/results.csv || fail "shards in one directory differ from the whole"
    ;;
  journal_header)  # a damaged journal header is rebuilt from the manifest; no run lost
    "$G" sweep grid.yaml --out ref -q
    mkdir dmg && cp ref/manifest.json dmg/
    { head -1 ref/journal.csv | sed 's/^r/X/'; tail -n +2 ref/journal.csv; } >dmg/journal.csv
    "$G" sweep grid.yaml --out dmg >out.txt 2>err.txt
    grep -q "rebuilt the damaged header" err.txt || fail "the repair was not reported: $(cat err.txt)"
    grep -q "new=0" out.txt || fail "runs were redone after the repair: $(cat out.txt)"
    cmp -s ref/results.csv dmg/results.csv || fail "the table after the repair differs"
    head -1 dmg/journal.csv | cmp -s - <(head -1 ref/journal.csv) || fail "the header was not rewritten"
    # A lost header line (the first row is first): no row is lost either.
    mkdir lost && cp ref/manifest.json lost/ && tail -n +2 ref/journal.csv >lost/journal.csv
    "$G" sweep grid.yaml --out lost >out.txt 2>/dev/null
    grep -q "new=0" out.txt || fail "a run was redone after a lost header: $(cat out.txt)"
    cmp -s ref/results.csv lost/results.csv || fail "the table after a lost header differs"
    ;;
  run_kill9)  # kill -9 at many moments of a run: never a directory that looks finished
    # 50,000 agents with snapshots: about 1 MB written, in tens of milliseconds.
    set_big=(--set output.snapshots=true --set network.n=50000)
    "$G" run "$SRC/scenarios/watts_cascade.yaml" --out ref -q "${set_big[@]}"
    caught=0
    for delay in 0 0.01 0.02 0.03 0.04 0.05 0.06 0.08 0.1 0.15 0.2 0.3; do
      rm -rf k
      "$G" run "$SRC/scenarios/watts_cascade.yaml" --out k -q "${set_big[@]}" & pid=$!
      sleep $delay
      kill -9 $pid 2>/dev/null || true
      wait $pid 2>/dev/null || true
      check_not_half_done k
      if [[ -f k/INCOMPLETE ]]; then
        caught=$((caught + 1))
        set +e; "$G" report k -o rep.html >/dev/null 2>&1; rc=$?; set -e
        [[ $rc -ne 0 && ! -e rep.html ]] || fail "an incomplete run directory was reported"
        # The next run into it (with --force) cleans the dead run's temporaries.
        set +e; "$G" run "$SRC/scenarios/watts_cascade.yaml" --out k -q "${set_big[@]}" 2>err.txt; rc=$?; set -e
        [[ $rc -eq 4 ]] && grep -q "incomplete run" err.txt || fail "an incomplete directory was not named as such"
        "$G" run "$SRC/scenarios/watts_cascade.yaml" --out k -q --force "${set_big[@]}"
        [[ ! -f k/INCOMPLETE && -z $(find k -name '.*.tmp') ]] || fail "a rerun left the marker or temporaries"
      fi
      [[ ! -f k/summary.json ]] || cmp -s ref/snapshots.csv k/snapshots.csv ||
        fail "a completed run differs from the reference"
    done
    # Timing decides how many kills land mid-write; disk_full covers that case deterministically.
    echo "kills that landed while the directory was being written: $caught of 12"
    ;;
  disk_full)  # a small tmpfs: run and sweep fail cleanly; nothing synced is lost
    if [[ $(id -u) -ne 0 ]]; then echo "skipped: mounting a tmpfs needs root"; exit 77; fi
    mkdir full
    if ! mount -t tmpfs -o size=64k tmpfs full 2>mount.txt; then
      echo "skipped: cannot mount a tmpfs here: $(cat mount.txt)"; exit 77
    fi
    MOUNTED=$WORK/full
    set +e
    "$G" run "$SRC/scenarios/watts_cascade.yaml" --out full/r -q --set output.snapshots=true 2>err.txt
    rc=$?
    set -e
    [[ $rc -ne 0 ]] || fail "a run into a full disk succeeded"
    grep -qi "cannot write\|no space" err.txt || fail "no clear error on a full disk: $(cat err.txt)"
    [[ -f full/r/INCOMPLETE && -f full/r/series.csv ]] ||
      fail "a run that failed mid-write left no INCOMPLETE marker: $(ls -A full/r)"
    [[ -z $(find full -name '.*.tmp') ]] || fail "a failed run left temporary files"
    rm -rf full/r
    # A sweep fills the disk part-way (each run's series file takes a 4 kB page):
    # what it synced survives, and a bigger disk finishes it.
    sed 's/^seed: 11$/seed: 11\nseries: true/' grid.yaml >grid_series.yaml
    grep -q "^series: true" grid_series.yaml || fail "could not make the series sweep"
    "$G" sweep grid_series.yaml --out ref -q
    mount -o remount,size=40k full
    set +e; "$G" sweep grid_series.yaml --out full/s --threads 1 -q 2>err.txt; rc=$?; set -e
    [[ $rc -ne 0 ]] || fail "a sweep into a full disk succeeded"
    before=$(($(wc -l <full/s/journal.csv) - 1))
    mount -o remount,size=1m full
    [[ $before -gt 0 && $before -lt 27 ]] || fail "the disk filled after $before runs; expected part-way"
    "$G" sweep grid_series.yaml --out full/s --threads 1 >out.txt
    grep -q "new=$((27 - before))" out.txt || fail "synced runs were redone or lost: $(cat out.txt)"
    check_once full/s/results.csv 27
    cmp -s ref/results.csv full/s/results.csv || fail "the table after a full disk differs"
    ;;
  residents)  # declared residents without ties exist, and summary.json counts them
    printf '0 1\n1 2\n2 0\n' >ties.txt
    cat >res.yaml <<'YAML'
model: threshold
seed: 1
run: {max_ticks: 5}
network: {generator: edge_list, file: ties.txt, population: 10}
threshold: {kind: fractional, distribution: fixed, value: 0.5, seeds: {rule: count, count: 1}}
YAML
    "$G" run res.yaml --out r -q
    python3 -c "import json,sys; n=json.load(open('r/summary.json'))['network']; sys.exit(0 if n == {'agents': 10, 'ties': 3, 'residents_without_ties': 7} else 'network: %s' % n)" \
      || fail "summary.json does not count the residents without ties"
    printf '5 1\n0 0\n1 0\n2 1\n' >people.txt
    sed 's/population: 10/residents: people.txt/' res.yaml >res2.yaml
    "$G" run res2.yaml --out r2 -q
    grep -q '"residents_without_ties": 1' r2/summary.json || fail "a residents file: $(grep -A3 '"network"' r2/summary.json)"
    printf '0 1\n1 9\n' >ties.txt
    fast_error 3 3 "$G" run res.yaml --out r3 --set network.population=5
    grep -q "ties.txt:2: id 9 is not a resident" err.txt || fail "an undeclared id: $(cat err.txt)"
    ;;
  *) fail "unknown case" ;;
esac
echo "ok ($CASE)"
