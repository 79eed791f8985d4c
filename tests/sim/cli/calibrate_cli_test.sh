#!/usr/bin/env bash
# End-to-end tests of `groundswell calibrate` and its report, driving the real
# binary on the threshold model's known-truth problem (targets generated from
# threshold.mean = 0.3, threshold.seeds.fraction = 0.05 in
# scenarios/calibration/threshold_truth.yaml).
# Usage: calibrate_cli_test.sh GROUNDSWELL SOURCE_DIR CASE
set -euo pipefail
G=$(realpath "$1")
SRC=$(realpath "$2")
CASE=$3
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"

fail() { echo "FAIL ($CASE): $*" >&2; exit 1; }
# A small, slow-enough calibration: networks of 4,000 so a kill lands mid-batch.
cat >small.yaml <<YAML
name: small
scenarios:
  full: {scenario: $SRC/scenarios/calibration/threshold_base.yaml, set: {network.n: 4000}}
  first_tick: {scenario: $SRC/scenarios/calibration/threshold_base.yaml,
               set: {network.n: 4000, run.max_ticks: 1}}
parameters:
  - {key: threshold.mean, uniform: [0.05, 0.5]}
  - {key: threshold.seeds.fraction, uniform: [0.01, 0.2]}
targets:
  - {observable: active_share, scenario: full, value: 0.2, sd: 0.03}
  - {observable: active_share, scenario: first_tick, value: 0.1, sd: 0.01}
abc_smc: {particles: 16, generations: 4}
budget: 2000
replicates: 2
predictive_replicates: 2
seed: 3
YAML
# Every batch's table holds each of its runs exactly once.
check_batches() {
  local n=0
  for t in "$1"/batches/*/*/results.csv; do
    local runs; runs=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['runs'])" "$(dirname "$t")/manifest.json")
    [[ $(($(wc -l <"$t") - 1)) -eq $runs ]] || fail "$t has the wrong number of rows"
    [[ $(tail -n +2 "$t" | cut -d, -f1 | sort -n | uniq | wc -l) -eq $runs ]] || fail "$t repeats a run"
    n=$((n + 1))
  done
  [[ $n -gt 0 ]] || fail "no batch tables in $1"
}
same_outputs() {
  for f in calibration.json posterior.csv generations.csv marginals.csv pairs.csv predictive.csv; do
    cmp -s "$1/$f" "$2/$f" || fail "$f differs between $1 and $2"
  done
}

case $CASE in
  run)  # finishes, outputs present, rerun is a no-op, threads do not matter, report opens offline
    "$G" calibrate small.yaml --out ref --threads 2 >out.txt
    grep -q "status=finished" out.txt || fail "no finished status: $(cat out.txt)"
    for f in manifest.json calibration.json posterior.csv generations.csv marginals.csv pairs.csv predictive.csv; do
      [[ -s ref/$f ]] || fail "missing $f"
    done
    check_batches ref
    head -1 ref/posterior.csv | grep -qx 'particle,weight,score,threshold.mean,threshold.seeds.fraction' \
      || fail "posterior header: $(head -1 ref/posterior.csv)"
    [[ $(($(wc -l <ref/posterior.csv) - 1)) -eq 16 ]] || fail "posterior does not hold 16 particles"
    cp -r ref again
    "$G" calibrate small.yaml --out again -q
    same_outputs ref again
    "$G" calibrate small.yaml --out one --threads 1 -q
    same_outputs ref one
    "$G" report ref -o page.html -q
    grep -q "Predictive check" page.html || fail "the page lacks the predictive check"
    grep -q "threshold.seeds.fraction" page.html || fail "the page lacks a parameter"
    ! grep -qiE "<script|https?://" page.html || fail "the page is not self-contained"
    ;;
  kill9)  # kill -9 mid-calibration, rerun: identical to an uninterrupted calibration
    "$G" calibrate small.yaml --out ref --threads 2 -q
    "$G" calibrate small.yaml --out killed --threads 2 -q & pid=$!
    # Killed once a later generation is under way (its state is rebuilt from
    # the journals of the earlier ones on resume).
    for _ in $(seq 1 1500); do
      j=killed/batches/gen-001/full/journal.csv
      [[ -f $j && $(wc -l <"$j") -ge 4 ]] && break
      kill -0 $pid 2>/dev/null || fail "the calibration ended before it could be killed"
      sleep 0.02
    done
    kill -9 $pid; wait $pid 2>/dev/null || true
    [[ ! -f killed/calibration.json ]] || fail "the calibration finished before it was killed"
    "$G" calibrate small.yaml --out killed --threads 2 -q
    check_batches killed
    same_outputs ref killed
    ;;
  sigint)  # SIGINT: exit 130 and a resume hint
    "$G" calibrate small.yaml --out int --threads 2 -q 2>int.txt & pid=$!
    for _ in $(seq 1 600); do
      [[ -f int/batches/gen-000/full/journal.csv && $(wc -l <int/batches/gen-000/full/journal.csv) -ge 3 ]] && break
      sleep 0.05
    done
    kill -INT $pid
    set +e; wait $pid; rc=$?; set -e
    [[ $rc -eq 130 ]] || fail "SIGINT gave exit $rc, expected 130"
    grep -q "run the same command again" int.txt || fail "no resume hint: $(cat int.txt)"
    "$G" calibrate small.yaml --out int -q
    [[ -s int/calibration.json ]] || fail "the resumed calibration did not finish"
    ;;
  shards)  # two shards started together on one directory give the unsharded result
    "$G" calibrate small.yaml --out ref --threads 2 -q
    "$G" calibrate small.yaml --out sh --shard 0/2 --threads 1 -q & a=$!
    "$G" calibrate small.yaml --out sh --shard 1/2 --threads 1 -q & b=$!
    wait $a || fail "shard 0 failed"
    wait $b || fail "shard 1 failed"
    same_outputs ref sh
    ;;
  invalid)  # problems at file:line:column, exit 3, nothing written; another calibration refused
    sed 's/uniform: \[0.05, 0.5\]/uniform: [0.5, 0.05]/; s/observable: active_share, scenario: full/observable: active_shar, scenario: full/' small.yaml >bad.yaml
    set +e; "$G" calibrate bad.yaml --out bad 2>err.txt; rc=$?; set -e
    [[ $rc -eq 3 ]] || fail "an invalid file gave exit $rc, expected 3"
    grep -q "bad.yaml:7:5: parameters\[0\] (threshold.mean)" err.txt || fail "no located prior error: $(cat err.txt)"
    [[ ! -e bad ]] || fail "an invalid calibration wrote its directory"
    sed 's/uniform: \[0.05, 0.5\]/uniform: [0.05, 0.5]/; s/active_share, scenario: full/active_shar, scenario: full/' small.yaml >bad2.yaml
    set +e; "$G" calibrate bad2.yaml --out bad 2>err.txt; rc=$?; set -e
    [[ $rc -eq 3 ]] || fail "an unknown observable gave exit $rc"
    grep -q "bad2.yaml:10:5: targets\[0\].observable: 'active_shar' is not an observable" err.txt \
      || fail "no located observable error: $(cat err.txt)"
    "$G" calibrate small.yaml --out d -q
    sed 's/seed: 3/seed: 4/' small.yaml >other.yaml
    set +e; "$G" calibrate other.yaml --out d -q 2>err.txt; rc=$?; set -e
    [[ $rc -eq 4 ]] || fail "another calibration in the directory gave exit $rc, expected 4"
    "$G" describe calibrate >describe.txt  # to a file: grep -q would cut a pipe short
    grep -q "history_matching" describe.txt || fail "describe calibrate lacks the methods"
    ;;
  mpi)  # mpirun: the same result as one process
    "$G" calibrate small.yaml --out ref --threads 2 -q
    mpirun --allow-run-as-root --oversubscribe -n 3 "$G" calibrate small.yaml --out mpi --threads 1 -q
    same_outputs ref mpi
    ;;
  *) fail "unknown case" ;;
esac
echo "ok ($CASE)"
