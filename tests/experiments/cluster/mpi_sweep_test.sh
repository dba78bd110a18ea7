#!/usr/bin/env bash
# A sweep under a real `mpirun -np 3` (one manager, two workers), compared byte for byte with the
# same sweep run locally. Fails (never skips) when mpirun is missing or gcmsim was built without MPI.
set -euo pipefail
gcmsim="${1:?gcmsim binary}"
src="${2:?source dir}"
work="${3:?work dir}"
rm -rf "$work"
mkdir -p "$work"
command -v mpirun >/dev/null || { echo "FAIL: mpirun not found (Debian openmpi-bin; ./gcm test installs it)" >&2; exit 1; }
sweep="$src/tests/experiments/fixtures/classroom-grid.yaml"
"$gcmsim" sweep "$sweep" -o "$work/local" -j 1 -r 8 >/dev/null
mpirun --allow-run-as-root --oversubscribe -np 3 "$gcmsim" sweep "$sweep" -o "$work/mpi" -r 8 | tee "$work/mpi.out"
grep -q "ran on 3 MPI ranks" "$work/mpi.out" || { echo "FAIL: the sweep did not run as an MPI job" >&2; exit 1; }
cmp "$work/local/runs.csv" "$work/mpi/runs.csv"
cmp "$work/local/points.csv" "$work/mpi/points.csv"
echo "mpi: runs.csv and points.csv identical to the local run"
