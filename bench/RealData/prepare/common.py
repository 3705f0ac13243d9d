"""Shared helpers for the bench/RealData preparation scripts (standard library only).

Every script reads its source files either from a bare git directory made by cloning the
source repository (``--git-dir``, read with ``git show COMMIT:PATH``, so the pinned commit is
what is read) or from a plain folder holding the source repository's files at their paths
(``--source``). Output is a gzip TSV with the header ``Sequence<TAB>Label<TAB>Split``, written
deterministically (gzip mtime 0, no file name in the header, level 9).
"""

import argparse
import collections
import gzip
import io
import os
import random
import subprocess
import sys

HEADER = "Sequence\tLabel\tSplit\n"


def arguments(description, default_output):
    p = argparse.ArgumentParser(description=description)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--git-dir", help="bare git directory of the source repository (the pinned commit is read)")
    g.add_argument("--source", help="folder holding the source repository's files at their paths")
    p.add_argument("--output", default=default_output, help="output .tsv.gz (default: %(default)s)")
    return p.parse_args()


def here(*parts):
    """A path relative to bench/RealData (the parent of this folder)."""
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), *parts)


def read_bytes(args, commit, path):
    if args.git_dir:
        return subprocess.run(["git", "--git-dir", args.git_dir, "show", f"{commit}:{path}"],
                              check=True, stdout=subprocess.PIPE).stdout
    with open(os.path.join(args.source, path), "rb") as f:
        return f.read()


def read_text(args, commit, path):
    data = read_bytes(args, commit, path)
    if path.endswith(".gz"):
        data = gzip.decompress(data)
    return data.decode("utf-8")


def read_fasta(text):
    """(header, sequence) pairs; sequence lines joined, whitespace removed."""
    records, name, chunks = [], None, []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith(">"):
            if name is not None:
                records.append((name, "".join(chunks)))
            name, chunks = line[1:], []
        else:
            if name is None:
                raise ValueError("sequence line before the first FASTA header")
            chunks.append(line)
    if name is not None:
        records.append((name, "".join(chunks)))
    return records


def stratified_split(rows, seed, test_fraction=0.2):
    """Assign 'train'/'test' to (sequence, label) rows, stratified by label.

    Identical sequences are kept together (all copies go to the same split) so that no test
    sequence also appears in training. Groups are shuffled with random.Random(seed) per label
    (labels in sorted order) and the first round(n * test_fraction) groups of each label go to test.
    """
    rng = random.Random(seed)
    groups = collections.OrderedDict()
    for seq, label in rows:
        groups.setdefault(seq, []).append(label)
    by_label = collections.defaultdict(list)
    for seq, labels in groups.items():
        by_label[collections.Counter(labels).most_common(1)[0][0]].append(seq)
    split_of = {}
    for label in sorted(by_label):
        seqs = by_label[label]
        rng.shuffle(seqs)
        n_test = round(len(seqs) * test_fraction)
        for i, seq in enumerate(seqs):
            split_of[seq] = "test" if i < n_test else "train"
    return [(seq, label, split_of[seq]) for seq, label in rows]


def stratified_sample(rows, n, seed):
    """At most n of rows, keeping each label's share (largest-remainder rounding), original order kept."""
    if len(rows) <= n:
        return list(rows)
    rng = random.Random(seed)
    by_label = collections.defaultdict(list)
    for i, r in enumerate(rows):
        by_label[r[1]].append(i)
    labels = sorted(by_label)
    exact = {l: n * len(by_label[l]) / len(rows) for l in labels}
    take = {l: int(exact[l]) for l in labels}
    for l in sorted(labels, key=lambda l: (-(exact[l] - take[l]), l))[: n - sum(take.values())]:
        take[l] += 1
    keep = set()
    for l in labels:
        keep.update(rng.sample(by_label[l], take[l]))
    return [r for i, r in enumerate(rows) if i in keep]


def write_tsv_gz(path, rows):
    """rows: (sequence, label, split). Checks the fields, then writes deterministic gzip."""
    buf = io.StringIO()
    buf.write(HEADER)
    for seq, label, split in rows:
        if not seq or any(c in seq for c in "\t\r\n ") or seq != seq.upper():
            raise ValueError(f"bad sequence {seq!r}")
        if split not in ("train", "test") or not label or "\t" in label:
            raise ValueError(f"bad label/split {label!r}/{split!r}")
        buf.write(f"{seq}\t{label}\t{split}\n")
    raw = buf.getvalue().encode("ascii")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "wb") as f:
        with gzip.GzipFile(filename="", mode="wb", fileobj=f, compresslevel=9, mtime=0) as gz:
            gz.write(raw)


def report(name, rows, notes=()):
    """Prints the counts the README quotes."""
    out = sys.stdout
    print(f"== {name}", file=out)
    splits = collections.Counter(r[2] for r in rows)
    print(f"rows: {len(rows)}  " + "  ".join(f"{s}={splits[s]}" for s in ("train", "test")), file=out)
    for s in ("train", "test"):
        c = collections.Counter(r[1] for r in rows if r[2] == s)
        print(f"  {s}: " + "  ".join(f"{l}={c[l]}" for l in sorted(c)), file=out)
    lengths = collections.Counter(len(r[0]) for r in rows)
    print("lengths: " + ", ".join(f"{k}x{v}" for k, v in sorted(lengths.items())[:10])
          + (" ..." if len(lengths) > 10 else ""), file=out)
    letters = collections.Counter(c for r in rows for c in r[0])
    print("letters: " + "  ".join(f"{k}={v}" for k, v in sorted(letters.items())), file=out)
    amb = [r for r in rows if set(r[0]) - set("ACGT")]
    print(f"rows with letters other than ACGT: {len(amb)} "
          f"(train {sum(r[2] == 'train' for r in amb)}, test {sum(r[2] == 'test' for r in amb)})", file=out)
    train = set(r[0] for r in rows if r[2] == "train")
    test = [r[0] for r in rows if r[2] == "test"]
    print(f"test rows whose sequence also occurs in train: {sum(s in train for s in test)}", file=out)
    dup = sum(v - 1 for v in collections.Counter(r[0] for r in rows).values() if v > 1)
    print(f"duplicate rows (same sequence as an earlier row): {dup}", file=out)
    for n in notes:
        print(n, file=out)
