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
  slurm)  # the shipped job-array script, every index of a 4-task array, then --merge
    SBATCH=$(realpath "$DATA/../../../../scripts/slurm/sweep.sbatch")
    # No scheduler variables from wherever this test itself runs (it may be a Slurm job).
    clean=(env -u SLURM_ARRAY_TASK_ID -u SLURM_ARRAY_TASK_COUNT -u SLURM_ARRAY_TASK_MIN
           -u SLURM_ARRAY_TASK_STEP -u SGE_TASK_ID -u SGE_TASK_FIRST -u SGE_TASK_LAST
           -u SGE_TASK_STEPSIZE -u PBS_ARRAY_INDEX -u PBS_ARRAYID)
    "$G" sweep grid.yaml --out local -q
    for i in 0 1 2 3; do  # as `sbatch --array=1-4` would start them
      "${clean[@]}" GROUNDSWELL="$G" SLURM_ARRAY_TASK_ID=$((i + 1)) SLURM_ARRAY_TASK_MIN=1 \
        SLURM_ARRAY_TASK_COUNT=4 SLURM_CPUS_PER_TASK=1 bash "$SBATCH" grid.yaml array
    done
    for i in 0 1 2 3; do [[ -f array/results-$i-of-4.csv ]] || fail "shard $i of 4 missing"; done
    "$G" sweep grid.yaml --merge array --out merged -q
    cmp -s local/results.csv merged/results.csv || fail "the merged array differs from a local sweep"
    # SGE's 1-based task ids give the same shards.
    for i in 1 2 3; do
      "${clean[@]}" SGE_TASK_ID=$i SGE_TASK_FIRST=1 SGE_TASK_LAST=3 "$G" sweep grid.yaml --shard auto --out sge -q
    done
    "$G" sweep grid.yaml --merge sge --out sge_merged -q
    cmp -s local/results.csv sge_merged/results.csv || fail "the merged SGE array differs"
    # Outside an array, `auto` refuses rather than run everything on every task.
    set +e
    "${clean[@]}" "$G" sweep grid.yaml --shard auto --out none -q 2>err.txt; rc=$?
    "${clean[@]}" PBS_ARRAY_INDEX=0 "$G" sweep grid.yaml --shard auto --out none -q 2>pbs.txt; rc_pbs=$?
    set -e
    [[ $rc -eq 2 ]] || fail "--shard auto outside an array gave exit $rc, expected 2"
    grep -q "not inside a job array" err.txt || fail "no clear message: $(cat err.txt)"
    [[ $rc_pbs -eq 2 ]] && grep -q "auto/N" pbs.txt || fail "PBS without a count was not refused"
    [[ ! -e none ]] || fail "a refused shard wrote its directory"
    ;;
  mpi)  # mpirun -n 3: one table, identical to the serial sweep
    "$G" sweep grid.yaml --out serial -q
    mpirun --allow-run-as-root --oversubscribe -n 3 "$G" sweep grid.yaml --out mpi --threads 1 -q
    cmp -s serial/results.csv mpi/results.csv || fail "the MPI table differs from the serial one"
    ;;
  compare)  # scenarios as rows within 100 columns; CSV and Markdown; names checked first
    "$G" compare strategies.yaml --replicates 4 --out c --threads 2 >table.txt
    ! awk 'length > 100' table.txt | grep -q . || fail "lines wider than 100 columns: $(awk 'length > 100' table.txt)"
    grep -q "difference from none" table.txt || fail "no difference column"
    grep -Eq '^  organiser +[-0-9.,]+ \[' table.txt || fail "no row per scenario with mean [CI]"
    ! grep -Eq '[0-9]e[+-][0-9]' table.txt || fail "numbers in exponent form: $(grep -E '[0-9]e[+-]' table.txt | head -3)"
    head -1 c/compare.csv | grep -q "difference_lower.*,kind,runs,interval" || fail "the CSV lacks columns"
    grep -q "^organiser,mobilisation_index,4," c/compare.csv || fail "the CSV lacks a row"
    grep -q "^| mobilisation_index | organiser |" c/compare.md || fail "the Markdown table lacks a row"
    [[ $(rows c/runs.csv) -eq 8 ]] || fail "runs.csv should have 8 runs"
    # A misspelt observable is refused before anything runs, with a suggestion.
    set +e; "$G" compare base.yaml -r 2 --observables active_shar --out bad 2>err.txt; rc=$?; set -e
    [[ $rc -eq 2 ]] || fail "a misspelt --observables gave exit $rc, expected 2"
    grep -q "did you mean 'active_share'" err.txt || fail "no suggestion: $(cat err.txt)"
    [[ ! -e bad ]] || fail "a refused comparison wrote its directory"
    ;;
  compare_economics)  # bounded intervals; economics against the first scenario; n/a
    # --cost, --value and --participants all name active_count: net benefit is
    # exactly 0, return on investment exactly 1, and so is cost per participant.
    "$G" compare thresholds.yaml -r 6 --cost active_count --value active_count \
      --participants active_count --out e >e.txt
    awk -F, '$2 == "active_share" && ($6 < 0 || $7 > 1) { bad = 1 } END { exit !bad }' e/compare.csv \
      && fail "a share's interval leaves [0, 1]: $(grep active_share e/compare.csv)"
    grep -q "^cascade,net_benefit,6,,,,,0,0,0," e/compare.csv || fail "net benefit not 0 [0, 0]: $(grep net_benefit e/compare.csv)"
    grep -q "^cascade,return_on_investment,6,,,,,1,1,1," e/compare.csv || fail "return not 1 [1, 1]"
    grep -q "^cascade,cost_per_additional_participant,6,,,,,1,1,1," e/compare.csv || fail "cost per participant not 1"
    # The same setting as the reference: no extra spend, no extra participant.
    grep -q "^same,return_on_investment,6,,,,,nan," e/compare.csv || fail "return without extra spend is not n/a"
    grep -A3 "^return on investment" e.txt | grep -Eq '^  same +n/a' || fail "the table does not say n/a: $(cat e.txt)"
    grep -q "^net benefit" e.txt || fail "no net benefit block"
    set +e; "$G" compare thresholds.yaml -r 2 --value outcome_valu --out bad 2>err.txt; rc=$?; set -e
    [[ $rc -eq 2 ]] && grep -q -- "--value" err.txt || fail "an unknown --value was accepted"
    ;;
  describe_sweep)  # the sweep file documented by the tool, from the validator's own table
    "$G" describe sweep >d.txt
    for key in name scenario variant set factors design samples levels skip replicates seed seeds series \
      key values uniform integer log_uniform normal choice weights; do
      grep -q "^  $key  (" d.txt || fail "describe sweep lacks $key"
    done
    "$G" describe | grep -q "^  sweep " || fail "describe does not list the sweep format"
    ;;
  sensitivity)  # Sobol' indices from a saltelli sweep, also from its directory
    "$G" sensitivity saltelli.yaml --out sa --resamples 200 >s.txt
    grep -q "first order S1" s.txt || fail "no Sobol' table printed"
    grep -Eq '^  threshold.value +[0-9.-]+ \[' s.txt || fail "no index with an interval"
    grep -q "^active_share,network.mean_degree,ST," sa/sensitivity.csv || fail "no total index in the CSV"
    # 16 base samples: indices outside [0, 1] and intervals far wider than +-0.1 are warned about.
    grep -q "^warnings:" s.txt || fail "no warnings for 16 base samples"
    ! awk 'length > 100' s.txt | grep -q . || fail "warnings wider than 100 columns"
    tr -s ' \n' ' ' <s.txt >flat.txt  # warnings are wrapped: read them as one line
    grep -q "outside \[0, 1\] where a share of variance must lie" flat.txt || fail "no warning for an index outside [0, 1]"
    grep -q "base samples is too few; about N = " flat.txt || fail "no warning about the sample size"
    grep -q "^newly_active,threshold.value,S1,nan,nan,nan,constant$" sa/sensitivity.csv \
      || fail "a constant observable is not marked constant"
    grep -q "constant over the design (no variance to apportion): newly_active" s.txt || fail "no constant line"
    cp sa/sensitivity.csv first.csv
    "$G" sensitivity sa --resamples 200 -q
    cmp -s first.csv sa/sensitivity.csv || fail "indices from the directory differ"
    ;;
  malformed)  # file:line:column diagnostics, all in one pass, exit 3, nothing written
    set +e; "$G" sweep bad.yaml --out b 2>err.txt; rc=$?; set -e
    [[ $rc -eq 3 ]] || fail "a malformed sweep gave exit $rc, expected 3"
    grep -q '^bad.yaml:3:5: factors\[0\]' err.txt || fail "no line for the bad factor: $(cat err.txt)"
    grep -q '^bad.yaml:5:9: design' err.txt || fail "no line for the bad design"
    grep -q '^bad.yaml:7:1: colour: unknown key' err.txt || fail "no line for the unknown key"
    grep -q '^bad.yaml:4:5: factors\[1\] (threshold.valu)' err.txt || fail "the unknown factor key came in another round: $(cat err.txt)"
    grep -q "did you mean 'levels'" err.txt || fail "a misspelt factor key got no suggestion"
    set +e; "$G" sweep bad_value.yaml --out b 2>err2.txt; rc=$?; set -e
    [[ $rc -eq 3 ]] || fail "an out-of-range factor gave exit $rc"
    grep -q '^bad_value.yaml:4:5: factors\[1\] (network.mean_degree): uniform: \[-5, 2\] includes -5' err2.txt \
      || fail "no line for the out-of-range factor: $(cat err2.txt)"
    grep -q '^bad_value.yaml:3:5: factors\[0\] (threshold.seeds.fraction): uniform: \[0.2, 1.4\] includes 1.4' err2.txt \
      || fail "the range error does not quote what the user wrote: $(cat err2.txt)"
    grep -q 'factors\[2\] (threshold.kind)' err2.txt || fail "the second bad factor was not reported in the same pass"
    ! grep -q '0999999' err2.txt || fail "the message quotes a value the user never wrote"
    # A bad `set`, a bad factor and a bad key: three problems, one pass.
    set +e; "$G" sweep bad_set.yaml --out b 2>err3.txt; rc=$?; set -e
    [[ $rc -eq 3 ]] || fail "bad_set.yaml gave exit $rc"
    grep -q "^3 problems found" err3.txt || fail "not every problem in one pass: $(cat err3.txt)"
    grep -q "^bad_set.yaml:2:7: set.network.nn" err3.txt || fail "no line for the bad set key: $(cat err3.txt)"
    grep -q "factors\[0\] (threshold.seeds.fraction): values: \[0.1, 2\] includes 2" err3.txt \
      || fail "no line for the bad factor: $(cat err3.txt)"
    [[ ! -e b ]] || fail "a rejected sweep wrote its directory"
    ;;
  *) fail "unknown case" ;;
esac
echo "ok ($CASE)"
