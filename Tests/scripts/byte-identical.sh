#!/usr/bin/env bash
# Byte-identical outputs: runs `simulate`, `sweep`, `allocate`, `elect`, `report` and `batch` over every
# shipped scenario, scenario fixture, pabulib fixture and suite with two pbsim binaries, and compares
# what they write (standard output, standard error, exit status, HTML files, exported batch tables).
#
#   Tests/scripts/byte-identical.sh REFERENCE_PBSIM CANDIDATE_PBSIM [WORK_DIR]
#
# Run it from the repository root (the outputs name the input files by their relative paths). Wall
# times, hosts and dates (batch summaries, the tasks table) are masked; everything else must match.
# Exit status: 0 when every output is identical, 1 otherwise (the differences are printed).
set -u
if [ $# -lt 2 ]; then
    echo "usage: $0 REFERENCE_PBSIM CANDIDATE_PBSIM [WORK_DIR]" >&2
    exit 2
fi
ref=$(realpath "$1")
new=$(realpath "$2")
work=${3:-$(mktemp -d /tmp/pbsim-byte-identical.XXXXXX)}
mkdir -p "$work"
RUNS=${RUNS:-25}

scenarios=(Scenarios/*.yaml Tests/PBScenarioTests/Fixtures/*.yaml)
elections=(Tests/PBRulesTests/Fixtures/pabulib/*.pb Tests/PBModelTests/Fixtures/*.pb Tests/PBScenarioTests/Fixtures/*.pb
    Tests/PBBatchTests/Fixtures/*.pb Scenarios/*.pb)
suites=(Benchmarks/suites/*.yaml Tests/PBBatchTests/Fixtures/*.yaml)

# run NAME ARGS...: runs the binary under test, keeping stdout, stderr and the exit status as NAME.*
run() {
    local name=$1
    shift
    "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err"
    echo $? >"$out/$name.status"
}

# Masks what differs from one run to the next: seconds and rates in batch summaries and status,
# progress lines (their rates, and which tenths of the work print one) and the order in which
# parallel tasks fail.
mask_times() {
    sed -E -e 's/ran ([0-9]+) in [^,]*/ran \1 in T/' -e 's/wall time of finished tasks: .*, pbsim/wall time of finished tasks: T, pbsim/' \
        "$1" >"$1.masked" && mv "$1.masked" "$1"
}
mask_progress() {
    grep -v '^batch: [0-9]' "$1" | sort >"$1.masked"
    mv "$1.masked" "$1"
}

# first_id FILE LIST: the id of the first item of a top-level list (population, proposals) of a scenario.
first_id() {
    awk -v list="$2" '$0 ~ "^" list ":" { on = 1; next } on && /^[^ -]/ { exit }
        on && /id:/ { sub(/.*id: */, ""); sub(/[,} ].*/, ""); print; exit }' "$1"
}

ref_sum=$(sha256sum "$ref" | cut -d' ' -f1)
for label in reference candidate; do
    if [ $label = reference ]; then bin=$ref; else bin=$new; fi
    # The reference's outputs are kept in WORK_DIR and reused while the reference binary is the same.
    if [ $label = reference ] && [ -d "$work/reference" ] && [ "$(cat "$work/reference.sum" 2>/dev/null)" = "$ref_sum" ]; then
        echo "== reference: reusing $work/reference" >&2
        continue
    fi
    out="$work/run"
    rm -rf "$out"
    mkdir -p "$out"
    echo "== $label: $bin" >&2
    for s in "${scenarios[@]}"; do
        n=$(echo "$s" | tr '/' '_')
        for f in text json csv; do
            run "simulate-$n-$f" simulate "$s" --runs "$RUNS" --jobs 2 --format "$f"
        done
        run "simulate-$n-seed" simulate "$s" --runs 7 --seed 11 --jobs 1
        run "sweep-$n-lambda" sweep "$s" --param lambda --values 0,0.5,1 --runs "$RUNS" --format csv
        run "sweep-$n-noise" sweep "$s" --param information_noise --values 0,0.4 --runs 10 --format json
        run "sweep-$n-participation" sweep "$s" --param participation --values 0.5,2 --runs 10
        # Paths: scaled and set, integer fields (rounded), the ballot's companion key, defaults (reach),
        # a missing panel or electorate, a misspelt path (each an output or an error to compare).
        group=$(first_id "$s" population)
        domain=$(awk '/^domains:/ { sub(/^domains: *\[/, ""); sub(/[],].*/, ""); print; exit }' "$s")
        for sweep in "budget.total --scale --values 0.5,1" "population[*].size --scale --values 0.5,1.37" \
            "population[*].participation --scale --values 0.5,3" "proposals[*].cost --scale --values 0.8,1.2" \
            "proposals[*].in_kind --values 0,0.2" "regimes.co-produced.threshold --scale --values 0.5,2" \
            "regimes.co-produced.top --values 1,2.6" "regimes.co-produced.points --scale --values 0.5,2" \
            "regimes.co-produced.electorate --scale --values 0.5" "regimes.panel.size --scale --values 0.5,1.5" \
            "runs --values 3" "split --values 0,0.5" "perception_noise --values 0,0.3" \
            "participation_rate --scale --values 0.2" "proposals[*].reach.$group --scale --values 0.5" \
            "population[id=$group].needs.$domain --values 0.1,2" "proposals[*].effects.$domain --values 0.3" \
            "budget.totl --values 1" "population[id=nobody].size --values 3"; do
            # shellcheck disable=SC2086 # the words are the arguments
            run "sweep-$n-path-$(echo "$sweep" | tr -c 'a-zA-Z0-9.\n' '_')" sweep "$s" --param $sweep --runs 5 --format csv
        done
        for f in text json csv; do
            run "allocate-$n-$f" allocate "$s" --runs 10 --format "$f"
        done
        run "report-$n" report "$s" -o "$out/report-$n.html" --runs "$RUNS" --jobs 2
    done
    for e in "${elections[@]}"; do
        [ -e "$e" ] || continue
        n=$(echo "$e" | tr '/' '_')
        run "elect-$n-all-text" elect "$e" --rule all
        run "elect-$n-all-json" elect "$e" --rule all --format json
        run "elect-$n-mes-explain" elect "$e" --rule mes-cost --format json --explain
        run "elect-$n-phragmen" elect "$e" --rule phragmen
        run "elect-$n-greedy" elect "$e" --rule greedy-cost
        run "report-$n" report "$e" -o "$out/report-$n.html"
        run "report-$n-all" report "$e" -o "$out/report-$n-all.html" --rules all --currency EUR
    done
    run "elect-exact" elect Tests/PBRulesTests/Fixtures/pabulib/poland_warszawa_2017_sadul.pb --rule mes-cost-add1 --exact --format json
    run "report-rules-list" report Tests/PBRulesTests/Fixtures/pabulib/poland_warszawa_2017_wars.pb -o "$out/report-list.html" --rules phragmen,greedy-cost,phragmen
    run "report-rules-bad" report Tests/PBRulesTests/Fixtures/pabulib/poland_warszawa_2017_wars.pb -o "$out/report-bad.html" --rules mes-cost,nope
    run "elect-missing" elect no-such-file.pb
    run "simulate-missing" simulate no-such-file.yaml
    for s in "${suites[@]}"; do
        n=$(echo "$s" | tr '/' '_')
        db="$out/$n.sqlite"
        run "batch-$n" batch "$s" --db "$db" --jobs 2
        mask_times "$out/batch-$n.out"
        mask_progress "$out/batch-$n.err"
        run "batch-$n-again" batch "$s" --db "$db" --jobs 2
        mask_times "$out/batch-$n-again.out"
        mask_progress "$out/batch-$n-again.err"
        for t in outcomes metrics; do
            for f in csv json; do
                run "batch-$n-export-$t-$f" batch export "$db" --table "$t" --format "$f"
            done
        done
        for t in tasks failures; do
            run "batch-$n-export-$t" batch export "$db" --table "$t" --format json
            python3 - "$out/batch-$n-export-$t.out" <<'PY'
import json, sys
path = sys.argv[1]
try:
    rows = json.load(open(path))
except Exception:
    sys.exit(0)
for row in rows if isinstance(rows, list) else []:
    for key in ("wall_time", "host", "finished_at"):
        row.pop(key, None)
json.dump(rows, open(path, "w"), indent=1, sort_keys=True)
PY
        done
        run "batch-$n-status" batch status "$db"
        mask_times "$out/batch-$n-status.out"
        rm -f "$db" "$db"-wal "$db"-shm
    done
    rm -rf "${work:?}/$label"
    mv "$out" "$work/$label"
    if [ $label = reference ]; then echo "$ref_sum" >"$work/reference.sum"; fi
done

if diff -r "$work/reference" "$work/candidate" >"$work/diff.txt"; then
    echo "byte-identical: $(ls "$work/reference" | wc -l) outputs match ($work)"
    exit 0
fi
echo "byte-identical: DIFFERENCES ($work/diff.txt):"
head -100 "$work/diff.txt"
exit 1
