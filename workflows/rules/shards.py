"""How the workflow cuts its inputs into shards.

Plain Python, imported by the Snakefile, so the planning can be read (and checked) apart from the
rules. Every function returns shards in the order their outputs are merged: the merged result is
the single-process command's output only if this order is the single-process order.
"""
import gzip
import os


def _open_text(path):
    """A text reader for a plain, gzip or bgzip file (bgzip is gzip with several members)."""
    with open(path, "rb") as probe:
        magic = probe.read(2)
    if magic == b"\x1f\x8b":
        return gzip.open(path, "rt", encoding="utf-8", newline="")
    return open(path, "r", encoding="utf-8", newline="")


def chromosome_lengths(genome):
    """(name, length) of each chromosome of a FASTA, in file order: from its .fai when there is one,
    else by reading the FASTA (names are the first word of each header, as cnn-mlnet reads them)."""
    fai = genome + ".fai"
    if os.path.exists(fai):
        with open(fai, encoding="utf-8") as index:
            return [(f[0], int(f[1])) for f in (line.rstrip("\n").split("\t") for line in index) if len(f) >= 2]
    lengths, name, length = [], None, 0
    with _open_text(genome) as fasta:
        for line in fasta:
            if line.startswith(">"):
                if name is not None:
                    lengths.append((name, length))
                name, length = line[1:].split()[0], 0
            else:
                length += len(line.strip())
    if name is not None:
        lengths.append((name, length))
    return lengths


def scan_shards(genome, stride, chunk, chromosomes=None):
    """One shard per chromosome, or per region chunk of a chromosome longer than `chunk` bases.

    Chunks start at multiples of the stride (the chunk size is rounded down to one, at least one
    stride), so every window start falls in exactly one chunk and the scan writes each window once.
    Returns the `scan` arguments of each shard: ["--chromosomes", name] or ["--region", "chr:start-end"].
    """
    if stride < 1:
        raise ValueError(f"scan: stride must be at least 1 (was {stride})")
    step = max(stride, (chunk // stride) * stride)
    lengths = chromosome_lengths(genome)
    if chromosomes:
        known = dict(lengths)
        missing = [c for c in chromosomes if c not in known]
        if missing:
            raise ValueError(f"scan: the genome '{genome}' has no chromosome {', '.join(missing)}")
        lengths = [(c, known[c]) for c in chromosomes]
    shards = []
    for name, length in lengths:
        if length <= step:
            shards.append(["--chromosomes", name])
        else:
            shards.extend(["--region", f"{name}:{start}-{min(start + step, length)}"] for start in range(0, length, step))
    return shards


def count_rows(path):
    """Data rows of a --data file: FASTA records, else the lines after the header (TSV, CSV)."""
    with _open_text(path) as text:
        first = text.readline()
        if first.startswith(">"):
            return 1 + sum(1 for line in text if line.startswith(">"))
        return sum(1 for line in text if line.strip())


def count_vcf_records(path):
    """Data records of a VCF (lines that are neither headers nor empty), before multi-allelic splitting."""
    with _open_text(path) as text:
        return sum(1 for line in text if line.strip() and not line.startswith("#"))


def ranges(total, per_shard):
    """START:END ranges of at most `per_shard` rows covering 0..total (one empty range for no rows)."""
    if per_shard < 1:
        raise ValueError(f"rows per shard must be at least 1 (was {per_shard})")
    if total <= 0:
        return ["0:0"]
    return [f"{start}:{min(start + per_shard, total)}" for start in range(0, total, per_shard)]
