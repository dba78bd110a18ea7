#!/usr/bin/env bash
# A sweep as a real Slurm job array: start a one-node cluster, `sbatch --wait --array=0-3` the
# shipped array script on a small sweep with task 3 failing, rerun task 3 as the script says
# (`--array=3`), merge the four shards, and compare the tables byte for byte with the same sweep
# run locally. Fails (never skips) when the cluster cannot start.
set -euo pipefail
gcmsim="${1:?gcmsim binary}"
src="${2:?source dir}"
work="${3:?work dir}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
rm -rf "$work"
mkdir -p "$work"
trap '"$here/slurm_cluster.sh" stop "$work/cluster"' EXIT
"$here/slurm_cluster.sh" start "$work/cluster"
export SLURM_CONF="$work/cluster/slurm.conf"

sweep="$src/tests/experiments/fixtures/classroom-grid.yaml"
"$gcmsim" sweep "$sweep" -o "$work/local" -j 2 -r 8 >/dev/null

cd "$work"
# Task 3 fails on its first attempt, as on a lost node: a wrapper exits 1 before gcmsim starts.
cat >"$work/flaky-gcmsim" <<EOF
#!/bin/bash
if [[ \${SLURM_ARRAY_TASK_ID:-} == 3 && ! -e "$work/task-3-failed" ]]; then
  touch "$work/task-3-failed"
  echo "simulated failure of task 3" >&2
  exit 1
fi
exec "$gcmsim" "\$@"
EOF
chmod +x "$work/flaky-gcmsim"
if GCMSIM="$work/flaky-gcmsim" SWEEP_ARGS="-r 8" sbatch --wait --array=0-3 --output="$work/slurm-%A_%a.out" \
  "$src/scenarios/sweeps/sweep-array.sbatch" "$sweep" "$work/array"; then
  echo "FAIL: the array job succeeded although task 3 failed" >&2; exit 1
fi
for i in 0 1 2; do
  [[ -f $work/array/journal-$i-of-4.txt ]] || { cat "$work"/slurm-*.out >&2 || true; echo "FAIL: shard $i/4 wrote no journal" >&2; exit 1; }
done
if "$gcmsim" sweep merge "$work/array" 2>"$work/merge.err"; then echo "FAIL: merge succeeded without shard 3" >&2; exit 1; fi
grep -q "shard 3/4 is missing" "$work/merge.err" || { cat "$work/merge.err" >&2; echo "FAIL: merge did not name shard 3/4" >&2; exit 1; }

# The rerun as the sbatch file says: the same command with --array=3 (so SLURM_ARRAY_TASK_COUNT=1).
GCMSIM="$work/flaky-gcmsim" SWEEP_ARGS="-r 8" sbatch --wait --array=3 --output="$work/rerun-%A_%a.out" \
  "$src/scenarios/sweeps/sweep-array.sbatch" "$sweep" "$work/array" \
  || { cat "$work"/rerun-*.out >&2 || true; echo "FAIL: the rerun of task 3 failed" >&2; exit 1; }
grep -q "shard 3/4" "$work"/rerun-*.out || { cat "$work"/rerun-*.out >&2; echo "FAIL: the rerun did not run shard 3/4" >&2; exit 1; }
if ls "$work"/array/journal-*-of-1.txt >/dev/null 2>&1; then echo "FAIL: the rerun wrote a journal of a split into 1 shard" >&2; exit 1; fi
"$gcmsim" sweep merge "$work/array"
cmp "$work/local/runs.csv" "$work/array/runs.csv"
cmp "$work/local/points.csv" "$work/array/points.csv"
echo "slurm: 4 array tasks, task 3 failed and was rerun with --array=3, merged; runs.csv and points.csv identical to the local run"
