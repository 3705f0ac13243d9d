"""Rebuilds bench/RealData/uci-splice.tsv.gz.

Source: the UCI Machine Learning Repository data set "Molecular Biology (Splice-junction Gene
Sequences)" (Noordewier, Towell & Shavlik 1991; https://doi.org/10.24432/C5M888; CC BY 4.0),
file splice.data (3,190 rows: class, instance name, 60 bases). Read here from a verbatim copy
with one added header line "label,instance_name,sequence":

    repository  github.com/pauldhein/splice-junction-detector
    commit      715e34e0c271c2c000fdbd54279b91a8b7b801a4
    path        data/splice.csv   (git blob a9bff67eec8e81308a3654d27c0da3437130bd71)

Conversion: fields stripped of padding; labels kept (EI = exon/intron boundary, a donor site;
IE = intron/exon boundary, an acceptor site; N = neither); sequences kept as they are,
ambiguity letters (D, N, S, R) included. The source has no train/test split, so a seeded
(seed 20240601) 80/20 split stratified by label is made, identical sequences kept in the same
split. No subsampling (3,190 rows).

Usage:
    /usr/bin/python3 uci-splice.py --git-dir /path/to/splice-junction-detector.git
    /usr/bin/python3 uci-splice.py --source /path/to/splice-junction-detector-checkout
"""

import collections
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

COMMIT = "715e34e0c271c2c000fdbd54279b91a8b7b801a4"
PATH = "data/splice.csv"
SEED = 20240601


def main():
    args = common.arguments(__doc__.splitlines()[0], common.here("uci-splice.tsv.gz"))
    lines = common.read_text(args, COMMIT, PATH).splitlines()
    if lines[0].strip() != "label,instance_name,sequence":
        raise SystemExit(f"unexpected header {lines[0]!r}")
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split(",")]
        if len(fields) != 3 or fields[0] not in ("EI", "IE", "N") or len(fields[2]) != 60:
            raise SystemExit(f"{PATH}:{n}: malformed row {line!r}")
        rows.append((fields[2].upper(), fields[0]))
    if len(rows) != 3190:
        raise SystemExit(f"expected 3190 rows, read {len(rows)}")
    out = common.stratified_split(rows, SEED)
    common.write_tsv_gz(args.output, out)

    # Sanity: the junction lies between positions 30 and 31 (1-based). Donors (EI) start the
    # intron with GT at 31-32; acceptors (IE) end it with AG at 29-30.
    notes = []
    for label, lo, hi, want in (("EI", 30, 32, "GT"), ("IE", 28, 30, "AG"), ("N", 30, 32, "GT"), ("N", 28, 30, "AG")):
        seqs = [s for s, l in rows if l == label]
        hit = sum(s[lo:hi] == want for s in seqs)
        notes.append(f"sanity: {label} rows with {want} at positions {lo + 1}-{hi}: {hit}/{len(seqs)}")
    conflicts = collections.defaultdict(set)
    for s, l in rows:
        conflicts[s].add(l)
    notes.append(f"sequences carrying more than one label: {sum(len(v) > 1 for v in conflicts.values())}")
    common.report("uci-splice", out, notes)


if __name__ == "__main__":
    main()
