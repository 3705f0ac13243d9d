"""Rebuilds bench/RealData/oct4-mafk.tsv.gz.

Source: the Janggu package's example data (Kopp et al. 2020, "Deep learning for genomics using
Janggu", Nature Communications 11:3488, https://doi.org/10.1038/s41467-020-17155-y):
200-bp human sequences (headers chr1-22/X/Y:start-end; the genome build and the ChIP-seq
experiments are not named in the repository) under Oct4 ChIP-seq peaks (positive) and MafK
ChIP-seq peaks (negative), used by the Janggu tutorial (docs/tutorial.rst) and
src/examples/classify_fasta.py.

    repository  github.com/BIMSBbioinfo/janggu
    commit      5128419cf404d8f1904d46c627c0c7963356fff1
    paths       src/janggu/resources/sample.fa        Oct4, training (3,897)
                src/janggu/resources/sample2.fa       MafK, training (3,900)
                src/janggu/resources/sample_test.fa   Oct4, test (100)
                src/janggu/resources/sample2_test.fa  MafK, test (100)

The repository is GPL-3.0 (see README.md, Licence).

Conversion: Label "true" = Oct4 peak, "false" = MafK peak; the source's own train/test files
give the split; sequences upper-cased (the FASTA is soft-masked: lower case marks repeats);
no subsampling.

Usage:
    /usr/bin/python3 oct4-mafk.py --git-dir /path/to/janggu.git
    /usr/bin/python3 oct4-mafk.py --source /path/to/janggu-checkout
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common  # noqa: E402

COMMIT = "5128419cf404d8f1904d46c627c0c7963356fff1"
FILES = [
    ("src/janggu/resources/sample.fa", "true", "train"),
    ("src/janggu/resources/sample2.fa", "false", "train"),
    ("src/janggu/resources/sample_test.fa", "true", "test"),
    ("src/janggu/resources/sample2_test.fa", "false", "test"),
]


def main():
    args = common.arguments(__doc__.splitlines()[0], common.here("oct4-mafk.tsv.gz"))
    out, soft = [], 0
    for path, label, split in FILES:
        for name, seq in common.read_fasta(common.read_text(args, COMMIT, path)):
            if len(seq) != 200:
                raise SystemExit(f"{path}: {name} is {len(seq)} bp, expected 200")
            soft += any(c.islower() for c in seq)
            out.append((seq.upper(), label, split))
    common.write_tsv_gz(args.output, out)
    common.report("oct4-mafk", out, [f"rows with soft-masked (lower-case) bases in the source: {soft}"])


if __name__ == "__main__":
    main()
