#!/usr/bin/env bash
# Builds every fuzz target with clang -fsanitize=fuzzer,address and fuzzes each one for a short
# time from its corpus. Exit 0: no crash; 1: a crash (the input is printed, copy it to
# tests/fuzz/crashers/<target>/); 77: skipped because clang++ is not installed.
# Usage: run_fuzzers.sh --source <repo> --build <dir> --manifest <file> [--seconds N] [target...]
set -euo pipefail

seconds=20
targets=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --source) source_dir=$2; shift 2 ;;
        --build) build_dir=$2; shift 2 ;;
        --manifest) manifest=$2; shift 2 ;;
        --seconds) seconds=$2; shift 2 ;;
        *) targets+=("$1"); shift ;;
    esac
done

if ! command -v clang++ >/dev/null 2>&1; then
    echo "fuzz_short_run: skipped, clang++ is not installed"
    exit 77
fi

cmake -S "$source_dir/tests/fuzz/standalone" -B "$build_dir" -G Ninja \
    -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DNWB_FUZZ_MANIFEST="$manifest" -DNWB_SOURCE_DIR="$source_dir" >/dev/null
cmake --build "$build_dir" -j "${NWB_FUZZ_JOBS:-2}"

if [[ ${#targets[@]} -eq 0 ]]; then
    mapfile -t targets < <(sed -n 's/^list(APPEND NWB_FUZZ_TARGETS \(.*\))$/\1/p' "$manifest")
fi

status=0
for target in "${targets[@]}"; do
    corpus="$source_dir/tests/fuzz/corpus/$target"
    work="$build_dir/work/$target"          # new inputs found in this run; the seeds stay clean
    artifacts="$build_dir/artifacts/$target/"
    mkdir -p "$work" "$artifacts"
    echo "== $target: fuzzing for ${seconds}s"
    if ! "$build_dir/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$artifacts" -print_final_stats=1 "$work" "$corpus"; then
        echo "== $target: CRASH. Reproducer(s):"
        ls -1 "$artifacts"* 2>/dev/null || true
        echo "Copy them to $source_dir/tests/fuzz/crashers/$target/ once fixed."
        status=1
    fi
done
exit $status
