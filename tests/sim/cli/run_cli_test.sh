#!/usr/bin/env bash
# End-to-end tests of `groundswell run`, `validate` and `describe`, driving the
# real binary as a user would: exit codes, messages, what lands on disk.
# Usage: run_cli_test.sh GROUNDSWELL SOURCE_DIR CASE
set -uo pipefail
gs=$1
src=$2
case_name=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

fail() { echo "FAIL [$case_name]: $*" >&2; exit 1; }
expect_code() {  # expect_code CODE command...
  local want=$1
  shift
  "$@" >out.txt 2>err.txt
  local got=$?
  [[ $got == "$want" ]] || { cat out.txt err.txt >&2; fail "'$*' exited $got, expected $want"; }
}

case $case_name in
  run)
    expect_code 0 "$gs" run "$src/scenarios/granovetter_riot.yaml" --out r --quiet
    [[ -s r/series.csv && -s r/summary.json ]] || fail "outputs missing"
    grep -q '"stop_reason": "fixed_point"' r/summary.json || fail "summary lacks stop_reason"
    # A second run into the same directory is refused and leaves it untouched.
    cp r/series.csv before.csv
    expect_code 4 "$gs" run "$src/scenarios/granovetter_riot.yaml" --out r --set seed=5
    grep -q "not empty" err.txt || fail "refusal does not say why"
    cmp -s before.csv r/series.csv || fail "refused run changed series.csv"
    # --force replaces the run's files and keeps the user's.
    echo "mine" >r/notes.txt
    expect_code 0 "$gs" run "$src/scenarios/granovetter_riot.yaml" --out r --force --quiet
    [[ $(cat r/notes.txt) == mine ]] || fail "--force touched a file it does not own"
    # The default directory never lands on an earlier run.
    expect_code 0 "$gs" run "$src/scenarios/granovetter_riot.yaml" --quiet
    expect_code 0 "$gs" run "$src/scenarios/granovetter_riot.yaml" --quiet
    [[ -d runs/granovetter_riot && -d runs/granovetter_riot-2 ]] || fail "default directories"
    ;;
  threads)
    for t in 1 2 4; do
      expect_code 0 "$gs" run "$src/scenarios/mobilised_vs_atomised.yaml" --threads $t --out t$t -q
    done
    for v in atomised mobilised; do
      cmp -s t1/$v/series.csv t2/$v/series.csv || fail "$v differs between 1 and 2 threads"
      cmp -s t1/$v/series.csv t4/$v/series.csv || fail "$v differs between 1 and 4 threads"
      cmp -s t1/$v/groups.csv t4/$v/groups.csv || fail "$v groups differ between 1 and 4 threads"
    done
    ;;
  variants)
    expect_code 0 "$gs" run "$src/scenarios/mobilised_vs_atomised.yaml" --out v
    [[ -s v/atomised/series.csv && -s v/mobilised/series.csv && -s v/comparison.csv ]] ||
      fail "variant outputs missing"
    # Default: the plain-words brief, numbers rounded (no six-digit noise).
    grep -Eq "verdict +atomised +mobilised" out.txt || fail "side-by-side verdicts missing"
    for row in "mobilisation index" "taking part" dialogue "clear priorities" "shared agenda" \
               "accountable leaders" "assets and a plan" networked; do
      grep -q "^  $row .*   [a-z0]" out.txt || fail "row '$row' (with its meaning) missing from the brief"
    done
    ! grep -Eq "[0-9]\.[0-9]{3}" out.txt || fail "the brief shows more than two decimals"
    [[ $(wc -l < out.txt) -le 14 ]] || fail "the brief is longer than 14 lines"
    # --all: every observable under its own name.
    expect_code 0 "$gs" run "$src/scenarios/mobilised_vs_atomised.yaml" --out v2 --all
    grep -Eq "verdict +atomised +mobilised" out.txt || fail "--all: verdicts missing"
    for trait in dialogue priorities shared_agenda accountable_leadership assets_and_plan networked; do
      grep -q "^  $trait " out.txt || fail "--all: trait $trait missing"
    done
    expect_code 3 "$gs" run "$src/scenarios/mobilised_vs_atomised.yaml" --variant nope --out w
    grep -q "the variants are: atomised, mobilised" err.txt || fail "unknown variant message"
    [[ ! -e w ]] || fail "a refused run created its directory"
    # A bad --set is a problem of every variant: reported once, not once per variant.
    expect_code 3 "$gs" run "$src/scenarios/mobilised_vs_atomised.yaml" --set network.n=abc --out w
    [[ $(grep -c -- "--set: network.n:" err.txt) -eq 1 ]] || fail "a shared problem repeated per variant"
    grep -q "^1 problem found" err.txt || fail "shared problem counted per variant: $(cat err.txt)"
    ;;
  bad_input)
    printf 'model: threshold\nnetwork:\n  generator: edge_lst\n  n: abc\nthreshold: {vaule: 0.2}\n' >bad.yaml
    expect_code 3 "$gs" validate bad.yaml
    grep -q "bad.yaml:3:14: network.generator: unknown choice 'edge_lst'; did you mean 'edge_list'" err.txt ||
      fail "generator message"
    grep -q "bad.yaml:4:6: network.n: expected an integer, got 'abc'" err.txt || fail "n message"
    grep -q "bad.yaml:5:13: threshold.vaule: unknown key 'vaule'; did you mean 'value'" err.txt ||
      fail "unknown key message"
    grep -q "3 problems found" err.txt || fail "problem count"
    # An odd k passes validation but not the generator: still located in the file.
    printf 'model: threshold\nnetwork:\n  generator: watts_strogatz\n  n: 10\n  k: 3\n' >odd.yaml
    expect_code 3 "$gs" run odd.yaml --out o
    grep -q "odd.yaml:5:6: network.k: 3 is odd" err.txt || fail "generator error not located"
    [[ ! -e o ]] || fail "a failed run left its output directory"
    # A bad edge list names its file and line.
    printf '# ties\n1 2\n3 x\n' >e.txt
    printf 'model: threshold\nnetwork: {generator: edge_list, file: e.txt}\n' >e.yaml
    expect_code 3 "$gs" run e.yaml --out o
    grep -q "e.txt:3: 'x' is not an id" err.txt || fail "edge-list error not located"
    expect_code 3 "$gs" run e.yaml --set threshold.value=x --out o
    grep -q -- "--set: threshold.value: expected a real number, got 'x'" err.txt || fail "--set message"
    expect_code 2 "$gs" run
    expect_code 2 "$gs" frobnicate
    ;;
  describe)
    expect_code 0 "$gs" describe
    grep -q "model  (choice, required)" out.txt || fail "model not shown as required"
    expect_code 0 "$gs" describe threshold
    grep -q "threshold.seeds.rule" out.txt || fail "threshold parameters missing"
    expect_code 0 "$gs" describe mobilisation
    grep -q "fatalism" out.txt || fail "mobilisation parameters missing"
    expect_code 1 "$gs" describe nosuchmodel
    grep -q "known: mobilisation, threshold, sweep (file format)" err.txt || fail "unknown model message"
    expect_code 0 "$gs" describe sweep
    grep -q "^  factors  (" out.txt || fail "describe sweep lacks the factors key"
    ;;
  *)
    fail "unknown case"
    ;;
esac
echo "ok [$case_name]"
