#!/usr/bin/env bash
# End-to-end tests of `groundswell sweep`, `compare` and `sensitivity`, driving
# the real binary. Usage: sweep_cli_test.sh GROUNDSWELL DATA_DIR CASE
# Each CASE is one ctest test; it fails (non-zero) on the first broken promise.
set -euo pipefail
G=$(realpath "$1")
DATA=$(realpath "$2")
CASE=$3
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
cp "$DATA"/*.yaml .

fail() { echo "FAIL ($CASE): $*" >&2; exit 1; }
rows() { tail -n +2 "$1" | wc -l; }
# Every run id 0..n-1 exactly once.
check_once() {
  local n=$2
  [[ $(rows "$1") -eq $n ]] || fail "$1 has $(rows "$1") rows, expected $n"
  [[ $(tail -n +2 "$1" | cut -d, -f1 | sort -n | uniq | wc -l) -eq $n ]] || fail "$1 repeats a run"
  [[ $(tail -n +2 "$1" | cut -d, -f1 | sort -n | tail -1) -eq $((n - 1)) ]] || fail "$1 lacks runs"
}
# Waits until the journal has at least $2 completed rows (header excluded).
wait_rows() {
  for _ in $(seq 1 600); do
    [[ -f $1 && $(($(wc -l <"$1") - 1)) -ge $2 ]] && return 0
    sleep 0.1
  done
  fail "the journal $1 never reached $2 rows"
}

case $CASE in
  table)  # every run exactly once; columns; rerun is a no-op
    "$G" sweep grid.yaml --out full --threads 2 >out.txt
    check_once full/results.csv 27
    head -1 full/results.csv | grep -qx 'run_id,point,replicate,seed,threshold.value,network.mean_degree,active_count,active_share,newly_active' \
      || fail "unexpected header: $(head -1 full/results.csv)"
    cp full/results.csv before.csv
    "$G" sweep grid.yaml --out full >again.txt
    grep -q "already finished" again.txt || fail "a finished sweep was not reported as a no-op"
    cmp -s before.csv full/results.csv || fail "a no-op rerun changed the table"
    # The same table with one thread: results do not depend on the thread count.
    "$G" sweep grid.yaml --out one --threads 1 -q
    cmp -s full/results.csv one/results.csv || fail "the table depends on the thread count"
    ;;
  changed)  # a changed sweep is refused, not mixed
    "$G" sweep grid.yaml --out d -q
    sed -i 's/seed: 11/seed: 12/' grid.yaml
    set +e; "$G" sweep grid.yaml --out d -q 2>err.txt; rc=$?; set -e
    [[ $rc -eq 4 ]] || fail "a changed sweep gave exit $rc, expected 4"
    grep -q "different sweep" err.txt || fail "no clear message: $(cat err.txt)"
    ;;
  kill9)  # kill -9 mid-sweep, rerun: identical to an uninterrupted sweep
    "$G" sweep slow.yaml --out ref --threads 2 -q
    "$G" sweep slow.yaml --out killed --threads 2 -q & pid=$!
    wait_rows killed/journal.csv 5
    kill -9 $pid; wait $pid 2>/dev/null || true
    [[ ! -f killed/results.csv ]] || fail "the table exists before the sweep finished"
    done_before=$(($(wc -l <killed/journal.csv) - 1))
    [[ $done_before -lt 60 ]] || fail "the sweep finished before it was killed"
    "$G" sweep slow.yaml --out killed --threads 2 >resume.txt
    grep -q "new=$((60 - done_before))" resume.txt || fail "resume reran done runs: $(cat resume.txt)"
    check_once killed/results.csv 60
    cmp -s ref/results.csv killed/results.csv || fail "the resumed table differs from the uninterrupted one"
    # A torn last line (a write cut short) is dropped and its run done again.
    head -c -7 ref/journal.csv >torn.csv
    mkdir torn && cp ref/manifest.json torn/ && cp torn.csv torn/journal.csv
    "$G" sweep slow.yaml --out torn --threads 2 >/dev/null 2>torn.txt
    grep -q "dropped 1 incomplete journal line" torn.txt || fail "the torn line was not reported"
    cmp -s ref/results.csv torn/results.csv || fail "the table after a torn line differs"
    ;;
  sigint)  # SIGINT: exit 130 with a resume hint; the rerun finishes the rest
    "$G" sweep slow.yaml --out ref --threads 2 -q
    "$G" sweep slow.yaml --out int --threads 2 -q 2>int.txt & pid=$!
    wait_rows int/journal.csv 3
    kill -INT $pid
    set +e; wait $pid; rc=$?; set -e
    [[ $rc -eq 130 ]] || fail "SIGINT gave exit $rc, expected 130"
    grep -q "run the same command again" int.txt || fail "no resume hint: $(cat int.txt)"
    "$G" sweep slow.yaml --out int --threads 2 -q
    cmp -s ref/results.csv int/results.csv || fail "the table after SIGINT and resume differs"
    ;;
  shards)  # shard union, merged, equals the full sweep
    "$G" sweep grid.yaml --out full -q
    "$G" sweep grid.yaml --out s --shard 0/3 -q
    "$G" sweep grid.yaml --out s2 --shard 1/3 -q
    set +e; "$G" sweep grid.yaml --merge s s2 --out m1 2>err.txt; rc=$?; set -e
    [[ $rc -ne 0 ]] && grep -q "missing" err.txt || fail "a merge without shard 2 was not refused"
    "$G" sweep grid.yaml --out s2 --shard 2/3 -q
    [[ $(rows s/results-0-of-3.csv) -eq 9 ]] || fail "shard 0/3 should have 9 runs"
    [[ -z $(tail -n +2 s/results-0-of-3.csv | cut -d, -f1 | awk '$1 % 3 != 0') ]] \
      || fail "shard 0/3 holds runs of another shard"
    "$G" sweep grid.yaml --merge s s2 --out merged -q
    cmp -s full/results.csv merged/results.csv || fail "the merged shards differ from the full sweep"
    "$G" sweep grid.yaml --out merged | grep -q "already finished" || fail "a merged sweep is not finished"
    ;;
  mpi)  # mpirun -n 3: one table, identical to the serial sweep
    "$G" sweep grid.yaml --out serial -q
    mpirun --allow-run-as-root --oversubscribe -n 3 "$G" sweep grid.yaml --out mpi --threads 1 -q
    cmp -s serial/results.csv mpi/results.csv || fail "the MPI table differs from the serial one"
    ;;
  compare)  # CIs, paired differences, verdict shares; CSV and Markdown
    "$G" compare strategies.yaml --replicates 4 --out c --threads 2 >table.txt
    grep -q "organiser diff" table.txt || fail "no difference column"
    grep -Eq '^mobilisation_index +[-0-9.e]+ \[' table.txt || fail "no mean [CI] for mobilisation_index"
    grep -q "share mobilised" table.txt || fail "no verdict shares"
    head -1 c/compare.csv | grep -q "difference_lower" || fail "the CSV lacks the paired difference"
    grep -q "^organiser,mobilisation_index,4," c/compare.csv || fail "the CSV lacks a row"
    grep -q "^| mobilisation_index |" c/compare.md || fail "the Markdown table lacks a row"
    [[ $(rows c/runs.csv) -eq 8 ]] || fail "runs.csv should have 8 runs"
    ;;
  sensitivity)  # Sobol' indices from a saltelli sweep, also from its directory
    "$G" sensitivity saltelli.yaml --out sa --resamples 200 >s.txt
    grep -q "first order S1" s.txt || fail "no Sobol' table printed"
    grep -Eq '^  threshold.value +[0-9.-]+ \[' s.txt || fail "no index with an interval"
    grep -q "^active_share,network.mean_degree,ST," sa/sensitivity.csv || fail "no total index in the CSV"
    cp sa/sensitivity.csv first.csv
    "$G" sensitivity sa --resamples 200 -q
    cmp -s first.csv sa/sensitivity.csv || fail "indices from the directory differ"
    ;;
  malformed)  # file:line:column diagnostics, exit 3, nothing written
    set +e; "$G" sweep bad.yaml --out b 2>err.txt; rc=$?; set -e
    [[ $rc -eq 3 ]] || fail "a malformed sweep gave exit $rc, expected 3"
    grep -q '^bad.yaml:3:5: factors\[0\]' err.txt || fail "no line for the bad factor: $(cat err.txt)"
    grep -q '^bad.yaml:5:9: design' err.txt || fail "no line for the bad design"
    grep -q '^bad.yaml:7:1: colour: unknown key' err.txt || fail "no line for the unknown key"
    set +e; "$G" sweep bad_value.yaml --out b 2>err2.txt; rc=$?; set -e
    [[ $rc -eq 3 ]] || fail "an out-of-range factor gave exit $rc"
    grep -q '^bad_value.yaml:4:5: factors\[1\] (network.mean_degree): .*out of range' err2.txt \
      || fail "no line for the out-of-range factor: $(cat err2.txt)"
    [[ ! -e b ]] || fail "a rejected sweep wrote its directory"
    ;;
  *) fail "unknown case" ;;
esac
echo "ok ($CASE)"
