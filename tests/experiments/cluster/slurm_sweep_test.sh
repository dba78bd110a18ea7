#!/usr/bin/env bash
# A sweep as a real Slurm job array: start a one-node cluster, `sbatch --wait --array=0-3` the
# shipped array script on a small sweep, merge the four shards, and compare the tables byte for
# byte with the same sweep run locally. Fails (never skips) when the cluster cannot start.
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
GCMSIM="$gcmsim" SWEEP_ARGS="-r 8" sbatch --wait --array=0-3 --output="$work/slurm-%A_%a.out" \
  "$src/scenarios/sweeps/sweep-array.sbatch" "$sweep" "$work/array" \
  || { cat "$work"/slurm-*.out >&2 || true; echo "FAIL: the array job failed" >&2; exit 1; }
for i in 0 1 2 3; do
  [[ -f $work/array/journal-$i-of-4.txt ]] || { echo "FAIL: shard $i/4 wrote no journal" >&2; exit 1; }
done
"$gcmsim" sweep merge "$work/array"
cmp "$work/local/runs.csv" "$work/array/runs.csv"
cmp "$work/local/points.csv" "$work/array/points.csv"
echo "slurm: 4 array tasks merged; runs.csv and points.csv identical to the local run"
