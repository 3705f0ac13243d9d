# Genome scan: one job per chromosome, or per region chunk of a long chromosome (chunks start at
# multiples of the stride, so each window belongs to the chunk holding its start), merged in
# genome order into one bedGraph equal to `cnn-mlnet scan` over the whole genome.
if "scan" in OUTPUTS:
    SCAN = section("scan")
    SCAN_SHARDS = shards.scan_shards(config["genome"], int(SCAN["stride"]), int(SCAN.get("chunk", 10_000_000)), SCAN.get("chromosomes") or None)
    SCAN_PARTS = [f"shards/scan/{i:05d}.bedGraph" for i in range(len(SCAN_SHARDS))]

    rule scan_shard:
        input:
            CLI_INPUT,
            model=SCAN["model"],
            genome=config["genome"],
        output:
            "shards/scan/{part}.bedGraph",
        log:
            "logs/scan/{part}.log",
        benchmark:
            "benchmarks/scan/{part}.tsv"
        params:
            where=lambda w: " ".join(q(a) for a in SCAN_SHARDS[int(w.part)]),
            extra=SCAN.get("args", ""),
            stride=SCAN["stride"],
        threads: THREADS
        resources:
            mem_mb=MEM_MB,
            gpu=GPU,
        shell:
            cnn("scan --model {input.model:q} --genome {input.genome:q} --stride {params.stride} {params.where} {params.extra} --out {output:q}", gpu=True) + " > {log} 2>&1"

    rule scan_merge:
        input:
            CLI_INPUT,
            parts=SCAN_PARTS,
        output:
            "results/scan.bedGraph",
        log:
            "logs/scan/merge.log",
        threads: 1
        shell:
            cnn("merge bedgraph --out {output:q} {input.parts:q}") + " > {log} 2>&1"
