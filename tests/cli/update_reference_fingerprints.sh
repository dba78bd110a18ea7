#!/bin/sh
# Regenerates tests/cli/data/reference_fingerprints.tsv from the built gcmsim: the event count and
# fingerprint of the baseline, the history replay and every what-if in scenarios/what-if/, one run
# at seed 2018. Run it from the source folder when a change in behaviour is intended, and say why in
# the commit:   tests/cli/update_reference_fingerprints.sh ../src-build/cli/gcmsim
set -eu
gcmsim=${1:?usage: $0 PATH/TO/gcmsim}
data=tests/cli/data/reference_fingerprints.tsv
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
{
  printf '# name\targuments of gcmsim run (with -q -r 1 --seed 2018)\tevents\tfingerprint\n'
  printf '# Regenerate with tests/cli/update_reference_fingerprints.sh; never edit by hand.\n'
  row() {
    "$gcmsim" run -q -r 1 --seed 2018 -o "$tmp/$1" $2 </dev/null
    python3 -c 'import json,sys; m=json.load(open(sys.argv[1])); print("%s\t%s\t%d\t%s" % (sys.argv[2], sys.argv[3], m["events"], m["fingerprint"]))' \
      "$tmp/$1/manifest.json" "$1" "$2"
  }
  row baseline "scenarios/gcm-2017-2018.yaml"
  row history "scenarios/gcm-2017-2018.yaml --override scenarios/history/actual-2017-2018.yaml"
  for f in scenarios/what-if/*.yaml; do
    name=$(basename "$f" .yaml)
    row "what-if-$name" "scenarios/gcm-2017-2018.yaml --override $f"
  done
  row classroom "scenarios/classroom.yaml"
} >"$data.new"
mv "$data.new" "$data"
echo "wrote $data"
