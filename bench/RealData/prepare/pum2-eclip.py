"""Rebuilds bench/RealData/pum2-eclip.tsv.gz.

Source: the example RNA-binding-protein data of the concise package (Avsec, Barekatain, Cheng &
Gagneur 2018, "Modeling positional effects of regulatory sequences with spline transformations
increases prediction accuracy of deep neural networks", Bioinformatics 34(8):1261-1269,
https://doi.org/10.1093/bioinformatics/btx727): 101-nt windows of human transcripts, labelled by
whether they hold a PUM2 eCLIP binding site (ENCODE eCLIP, Van Nostrand et al. 2016, per the
paper). Written in the DNA alphabet (T, not U), as the source has it.

    repository  github.com/gagneurlab/concise   (MIT licence)
    commit      12078d75f37fe176bb7d221134b8b14aeb48e11f
    paths       data/RBP/PUM2_train.csv  (17,713 rows; chr4-17)
                data/RBP/PUM2_valid.csv  (4,881 rows; chr18-22, X) - not used
                data/RBP/PUM2_test.csv   (7,475 rows; chr1-3)

Conversion: Label "true" = binding_site TRUE (a PUM2 site), "false" = FALSE. The source's own
chromosome-based split is kept: PUM2_train.csv -> train, PUM2_test.csv -> test. Each is then
subsampled, stratified by label with seed 20240601, to 8,000 training and 2,000 test rows.

Usage:
    /usr/bin/python3 pum2-eclip.py --git-dir /path/to/concise.git
    /usr/bin/python3 pum2-eclip.py --source /path/to/concise-checkout
"""

import csv
import io
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

COMMIT = "12078d75f37fe176bb7d221134b8b14aeb48e11f"
SEED = 20240601
PARTS = [("data/RBP/PUM2_train.csv", "train", 8000), ("data/RBP/PUM2_test.csv", "test", 2000)]


def main():
    args = common.arguments(__doc__.splitlines()[0], common.here("pum2-eclip.tsv.gz"))
    out = []
    for path, split, cap in PARTS:
        rows = []
        reader = csv.DictReader(io.StringIO(common.read_text(args, COMMIT, path)))
        for n, r in enumerate(reader, start=2):
            if r["rbp"] != "PUM2" or r["binding_site"] not in ("TRUE", "FALSE") or len(r["seq"]) != 101:
                raise SystemExit(f"{path}:{n}: malformed row")
            rows.append((r["seq"].upper(), "true" if r["binding_site"] == "TRUE" else "false"))
        out.extend((s, l, split) for s, l in common.stratified_sample(rows, cap, SEED))
    common.write_tsv_gz(args.output, out)
    common.report("pum2-eclip", out)


if __name__ == "__main__":
    main()
