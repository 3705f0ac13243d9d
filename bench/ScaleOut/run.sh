#!/usr/bin/env bash
# Scale-out benchmark (docs/scale-out.md): what sharding a genome scan over Snakemake jobs costs.
#   1. a single-process `cnn-mlnet scan` (the reference),
#   2. the same scan as 8 workflow shards, run with --cores 1 and with --cores 2,
#   3. the per-shard overhead: CLI start-up alone, and a one-window scan (start-up + model and genome load).
# Total CPU time (user + system, children included) comes from /usr/bin/time; per-shard times from
# the workflow's benchmark files. Every job and the reference use --threads 1.
# Usage: bash bench/ScaleOut/run.sh [WORK_FOLDER]   (environment: MB per chromosome, default 3; PRESET, default Basset)
# Needs: the .NET SDK, snakemake (apt-get install snakemake), /usr/bin/time, /usr/bin/python3. Run it on an idle machine.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${1:-/tmp/cnn-mlnet-scale-out}
mb=${MB:-3}
preset=${PRESET:-Basset}
mkdir -p "$work/data" "$work/models" "$work/reference"
cd "$work"

echo "== publishing the CLI (Release) into $work/.cnn-mlnet/cli"
dotnet publish "$repo/src/Cli" -c Release --use-current-runtime --self-contained false --nologo -o .cnn-mlnet/cli > publish.log
cli=(dotnet .cnn-mlnet/cli/cnn-mlnet.dll --threads 1)

echo "== a genome of two ${mb}-Mb chromosomes of random DNA (seeded) and its .fai"
/usr/bin/python3 - "$mb" <<'PY'
import random, sys
mb = int(sys.argv[1])
rng = random.Random(7)
with open("data/genome.fa", "w") as fasta, open("data/genome.fa.fai", "w") as fai:
    offset = 0
    for name in ("chr1", "chr2"):
        n = mb * 1_000_000
        header = f">{name}\n"
        fasta.write(header); offset += len(header)
        fai.write(f"{name}\t{n}\t{offset}\t60\t61\n")
        seq = "".join(rng.choice("ACGT") for _ in range(n))
        for i in range(0, n, 60):
            line = seq[i:i + 60] + "\n"
            fasta.write(line); offset += len(line)
with open("data/train.tsv", "w") as tsv:
    tsv.write("Sequence\tLabel\n")
    for i in range(256):
        tsv.write("".join(rng.choice("ACGT") for _ in range(600)) + f"\t{i % 2}\n")
PY

echo "== a $preset model (600 bp; one epoch on random rows: the scan's cost does not depend on the weights)"
"${cli[@]}" train --data data/train.tsv --preset "$preset" --length 600 --epochs 1 --model models/model.zip > train.log 2>&1

timed() { # label, command...: prints label, wall seconds, CPU seconds (user + system, children included)
  local label=$1; shift
  /usr/bin/time -f "%e %U %S" -o "$label.time" "$@" > "$label.log" 2>&1
  read -r wall user sys < "$label.time"
  echo "$label wall_s=$wall cpu_s=$(/usr/bin/python3 -c "print(round($user + $sys, 1))")"
}

echo "== per-shard overhead (5 runs each)"
for i in 1 2 3 4 5; do timed startup "${cli[@]}" --help; done
for i in 1 2 3 4 5; do timed one-window "${cli[@]}" scan --model models/model.zip --genome data/genome.fa --stride 50 --region chr1:0-50 --out one.bedGraph; done

echo "== single process"
[ -s reference/scan.bedGraph ] && [ -s single.time ] && [ -n "${REUSE_SINGLE:-}" ] \
  && echo "single (reused from an earlier run) $(cat single.time)" || timed single "${cli[@]}" scan --model models/model.zip --genome data/genome.fa --stride 50 --out reference/scan.bedGraph

chunk=$((mb * 1000000 / 4))
cat > config.yaml <<YAML
cli: "dotnet $work/.cnn-mlnet/cli/cnn-mlnet.dll"
threads: 1
outputs: [scan]
genome: data/genome.fa
scan:
  model: models/model.zip
  stride: 50
  chunk: $chunk
YAML
for cores in 1 2; do
  rm -rf shards results benchmarks logs .snakemake
  echo "== 8 shards, snakemake --cores $cores"
  timed "cores$cores" snakemake -s "$repo/workflows/Snakefile" --configfile config.yaml --cores "$cores"
  cmp reference/scan.bedGraph results/scan.bedGraph && echo "merged scan identical to the single-process scan"
  /usr/bin/python3 - <<'PY'
import csv, glob
rows = [next(csv.DictReader(open(f), delimiter="\t")) for f in sorted(glob.glob("benchmarks/scan/*.tsv"))]
seconds = [float(r["s"]) for r in rows]
cpu = [float(r["cpu_time"]) for r in rows]
print(f"shards={len(rows)} shard_wall_s: min={min(seconds):.1f} max={max(seconds):.1f} sum={sum(seconds):.1f}; shard_cpu_s sum={sum(cpu):.1f}")
PY
done
