# Variant effects: one job per chunk of VCF records (`variants --records START:END`; only the chunk
# starting at 0 writes headers, duplicates are looked up across the whole file), merged in input
# order into the TSV and VCF of one `cnn-mlnet variants` run.
if "variants" in OUTPUTS:
    VARIANTS = section("variants")
    VARIANT_RANGES = shards.ranges(shards.count_vcf_records(VARIANTS["vcf"]), int(VARIANTS.get("records_per_shard", 100_000)))

    rule variants_shard:
        input:
            CLI_INPUT,
            model=VARIANTS["model"],
            vcf=VARIANTS["vcf"],
            genome=config["genome"],
        output:
            tsv="shards/variants/{part}.tsv",
            vcf="shards/variants/{part}.vcf",
        log:
            "logs/variants/{part}.log",
        benchmark:
            "benchmarks/variants/{part}.tsv"
        params:
            records=lambda w: VARIANT_RANGES[int(w.part)],
            extra=VARIANTS.get("args", ""),
        threads: THREADS
        resources:
            mem_mb=MEM_MB,
            gpu=GPU,
        shell:
            cnn("variants --model {input.model:q} --vcf {input.vcf:q} --genome {input.genome:q} --records {params.records} {params.extra} "
                "--out {output.tsv:q} --vcf-out {output.vcf:q}", gpu=True) + " > {log} 2>&1"

    rule variants_merge:
        input:
            CLI_INPUT,
            tsv=[f"shards/variants/{i:05d}.tsv" for i in range(len(VARIANT_RANGES))],
            vcf=[f"shards/variants/{i:05d}.vcf" for i in range(len(VARIANT_RANGES))],
        output:
            tsv="results/variants.tsv",
            vcf="results/variants.vcf",
        log:
            "logs/variants/merge.log",
        threads: 1
        shell:
            "(" + cnn("merge tsv --out {output.tsv:q} {input.tsv:q}") + " && " + cnn("merge vcf --out {output.vcf:q} {input.vcf:q}") + ") > {log} 2>&1"
