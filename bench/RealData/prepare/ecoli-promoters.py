"""Rebuilds bench/RealData/ecoli-promoters.tsv.gz.

Source: the bacterial promoter data of Umarov & Solovyev 2017, "Recognition of prokaryotic and
eukaryotic promoters using convolutional deep learning neural networks", PLOS ONE
12(2):e0171410, https://doi.org/10.1371/journal.pone.0171410. Escherichia coli sigma-70
promoters from RegulonDB 9.0, 81 nt each (-60 to +20 around the transcription start site), and
81-nt non-promoters: the opposite (non-coding) strand of random protein-coding gene fragments.

    repository  github.com/solovictor/CNNPromoterData   (no licence file; see README.md)
    commit      b4d2949e9bc5206f3049b35a488b036125ccc653
    paths       Ecoli_prom.fa      promoters (839)
                Ecoli_non_prom.fa  non-promoters (3,000)

Conversion: Label "true" = promoter, "false" = non-promoter. The source has no train/test split,
so a seeded (seed 20240601) 80/20 split stratified by label is made (identical sequences kept in
one split). No subsampling (3,839 rows).

Usage:
    /usr/bin/python3 ecoli-promoters.py --git-dir /path/to/CNNPromoterData.git
    /usr/bin/python3 ecoli-promoters.py --source /path/to/CNNPromoterData-checkout
"""

import collections
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

COMMIT = "b4d2949e9bc5206f3049b35a488b036125ccc653"
SEED = 20240601
FILES = [("Ecoli_prom.fa", "true"), ("Ecoli_non_prom.fa", "false")]


def main():
    args = common.arguments(__doc__.splitlines()[0], common.here("ecoli-promoters.tsv.gz"))
    rows = []
    for path, label in FILES:
        for name, seq in common.read_fasta(common.read_text(args, COMMIT, path)):
            if len(seq) != 81:
                raise SystemExit(f"{path}: {name!r} is {len(seq)} nt, expected 81")
            rows.append((seq.upper(), label))
    out = common.stratified_split(rows, SEED)

    # Sanity: the sigma-70 -10 box (TAnnnT, consensus TATAAT) starts about 12 nt upstream of the
    # TSS (position 61, 1-based), i.e. near position 49 in promoters only.
    notes = []
    for label in ("true", "false"):
        seqs = [s for s, l, _ in out if l == label]
        starts = collections.Counter(m.start() + 1 for s in seqs for m in re.finditer("(?=TA[ACGT]{3}T)", s))
        top = ", ".join(f"{p}:{c}" for p, c in starts.most_common(3))
        notes.append(f"sanity: Label {label}: most common start positions of TAnnnT (position:count): {top}")
    common.write_tsv_gz(args.output, out)
    common.report("ecoli-promoters", out, notes)


if __name__ == "__main__":
    main()
