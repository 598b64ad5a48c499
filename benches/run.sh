#!/usr/bin/env bash
# Benchmark: full clean builds of the same synthetic corpus by guidesite and Hugo, run
# alternately, median of N runs: wall time, CPU time (user + sys) and peak memory.
#
#   benches/run.sh [sizes...]        sizes: 1k 10k 6x2k 50k (default: 1k 10k 6x2k)
#   RUNS=5 benches/run.sh 10k
#
# Each size starts with one untimed run of each tool, then RUNS timed runs, alternating.
#
# Needs: python3, hugo and GNU time (`apt-get install hugo time`), a release build
# (`cargo build --release`). Corpora are generated once into target/bench/ from one seed.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-5}
SIZES=("${@:-1k 10k 6x2k}")
read -r -a SIZES <<< "${SIZES[*]}"
BIN=target/release/guidesite
[ -x "$BIN" ] || cargo build --release
command -v hugo >/dev/null || { echo "hugo is needed: apt-get install hugo" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "GNU time is needed: apt-get install time" >&2; exit 1; }

corpus_args() {
  case "$1" in
    1k) echo "--pages 1000 --langs 1" ;;
    10k) echo "--pages 10000 --langs 1" ;;
    6x2k) echo "--pages 2000 --langs 6" ;;
    50k) echo "--pages 50000 --langs 1" ;;
    *) echo "unknown size $1" >&2; exit 1 ;;
  esac
}

# One timed run: prints "wall cpu maxrss_kib".
timed() {
  local report
  report=$(mktemp)
  /usr/bin/time -o "$report" -f "%e %U %S %M" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  awk 'END { printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$report"
  rm -f "$report"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

# Every run writes into a folder of its own, and old outputs are deleted only before the first
# and after the last measurement: on this machine's ext4 (no journal) the inode allocator
# skips inodes freed in the last 60 s, which made any build that followed an `rm -rf` of a
# previous output several times slower (perf: 60 % of all samples in ext4 mkdir and create),
# for both tools alike.
# The time of the last deletion is kept in target/bench/.deleted, so a run that follows
# another one's clean-up waits too.
STAMP=target/bench/.deleted
delete_outputs() {
  if compgen -G "target/bench/*/out" >/dev/null; then
    rm -rf target/bench/*/out
    sync
    date +%s > "$STAMP"
  fi
}
delete_outputs
if [ -f "$STAMP" ]; then
  wait=$(( $(cat "$STAMP") + 65 - $(date +%s) ))
  if [ "$wait" -gt 0 ]; then
    echo "(waiting $wait s after deleting old outputs)" >&2
    sleep "$wait"
  fi
fi
trap delete_outputs EXIT

echo "| corpus | files | guidesite wall | guidesite cpu | guidesite peak | hugo wall | hugo cpu | hugo peak | hugo/guidesite wall | hugo/guidesite cpu |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for size in "${SIZES[@]}"; do
  dir=target/bench/$size
  # Each tool's corpus is made when it is missing (the same seed gives the same pages).
  for tool in guidesite hugo; do
    if [ ! -d "$dir/$tool" ]; then
      # shellcheck disable=SC2046
      python3 benches/gen_corpus.py --tool "$tool" $(corpus_args "$size") --out "$dir/$tool" --force >/dev/null
    fi
  done
  files=$(find "$dir/guidesite/content" -name '*.md' | wc -l)
  : > "$dir/g.txt"; : > "$dir/h.txt"
  mkdir -p "$dir/out"
  # One untimed run of each tool first (as hyperfine's --warmup): the first build of a size
  # pays for reading the corpus into the page cache and, on this VM, was up to twice as slow.
  sync
  "$BIN" build --root "$dir/guidesite" --output "$PWD/$dir/out/g-warmup" >/dev/null 2>&1
  sync
  hugo --quiet -s "$dir/hugo" -d "$PWD/$dir/out/h-warmup" >/dev/null 2>&1
  for run in $(seq "$RUNS"); do
    sync
    timed "$BIN" build --root "$dir/guidesite" --output "$PWD/$dir/out/g-$run" >> "$dir/g.txt"
    sync
    timed hugo --quiet -s "$dir/hugo" -d "$PWD/$dir/out/h-$run" >> "$dir/h.txt"
  done
  gw=$(cut -d' ' -f1 "$dir/g.txt" | median); gc=$(cut -d' ' -f2 "$dir/g.txt" | median); gm=$(cut -d' ' -f3 "$dir/g.txt" | median)
  hw=$(cut -d' ' -f1 "$dir/h.txt" | median); hc=$(cut -d' ' -f2 "$dir/h.txt" | median); hm=$(cut -d' ' -f3 "$dir/h.txt" | median)
  awk -v s="$size" -v f="$files" -v gw="$gw" -v gc="$gc" -v gm="$gm" -v hw="$hw" -v hc="$hc" -v hm="$hm" 'BEGIN {
    printf "| %s | %d | %.2f s | %.2f s | %d MiB | %.2f s | %.2f s | %d MiB | %.2f | %.2f |\n", s, f, gw, gc, gm / 1024, hw, hc, hm / 1024, hw / gw, hc / gc }'
done
