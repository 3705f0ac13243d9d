"""Rebuilds bench/RealData/arabidopsis-promoters.tsv.gz.

Source: the promoter data of Umarov & Solovyev 2017, "Recognition of prokaryotic and eukaryotic
promoters using convolutional deep learning neural networks", PLOS ONE 12(2):e0171410,
https://doi.org/10.1371/journal.pone.0171410. Arabidopsis thaliana promoters from EPDnew, each
251 nt from -200 to +50 around the transcription start site (TSS at position 201, 1-based),
split by the authors into TATA-box and TATA-less (non-TATA) promoters, and 251-nt
non-promoter fragments of genes taken after their first exon.

    repository  github.com/solovictor/CNNPromoterData   (no licence file; see README.md)
    commit      b4d2949e9bc5206f3049b35a488b036125ccc653
    paths       Arabidopsis_tata.fa      TATA promoters (1,497)
                Arabidopsis_non_tata.fa  non-TATA promoters (5,905)
                Arabidopsis_non_prom.fa  non-promoters (2,879)

Conversion: three classes, Label TATA / NONTATA / NONPROM. The source has no train/test split,
so a seeded (seed 20240601) 80/20 split stratified by label is made (identical sequences kept in
one split); then each split is subsampled, stratified by label with the same seed, to at most
8,000 training and 2,000 test rows.

Usage:
    /usr/bin/python3 arabidopsis-promoters.py --git-dir /path/to/CNNPromoterData.git
    /usr/bin/python3 arabidopsis-promoters.py --source /path/to/CNNPromoterData-checkout
"""

import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

COMMIT = "b4d2949e9bc5206f3049b35a488b036125ccc653"
SEED = 20240601
FILES = [("Arabidopsis_tata.fa", "TATA"), ("Arabidopsis_non_tata.fa", "NONTATA"), ("Arabidopsis_non_prom.fa", "NONPROM")]


def main():
    args = common.arguments(__doc__.splitlines()[0], common.here("arabidopsis-promoters.tsv.gz"))
    rows = []
    for path, label in FILES:
        for name, seq in common.read_fasta(common.read_text(args, COMMIT, path)):
            if len(seq) != 251:
                raise SystemExit(f"{path}: {name!r} is {len(seq)} nt, expected 251")
            rows.append((seq.upper(), label))
    split = common.stratified_split(rows, SEED)
    out = common.stratified_sample([r for r in split if r[2] == "train"], 8000, SEED) \
        + common.stratified_sample([r for r in split if r[2] == "test"], 2000, SEED)

    # Sanity: a TATA box (TATAWAW) sits about 30 nt upstream of the TSS (position 201), i.e. it
    # starts near position 170 in TATA promoters and nowhere in particular otherwise.
    notes = []
    for label in ("TATA", "NONTATA", "NONPROM"):
        seqs = [s for s, l, _ in out if l == label]
        near = sum(bool(re.search("TATA[AT]A[AT]", s[155:185])) for s in seqs)
        far = sum(bool(re.search("TATA[AT]A[AT]", s[20:50])) for s in seqs)
        notes.append(f"sanity: {label} rows with TATAWAW lying within 156-185: {near}/{len(seqs)}; "
                     f"within 21-50 (control window): {far}/{len(seqs)}")
    common.write_tsv_gz(args.output, out)
    common.report("arabidopsis-promoters", out, notes)


if __name__ == "__main__":
    main()
