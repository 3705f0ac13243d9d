# Predictions: one job per row range of the input file (every part carries the TSV header), merged
# in row order into the TSV `cnn-mlnet predict` writes for the whole file.
def predict_rules(name, model, data, rows_per_shard, extra, merged):
    """Shard and merge rules for the predictions of `model` on `data`, merged into `merged`."""
    row_ranges = shards.ranges(shards.count_rows(data), rows_per_shard)
    parts = [f"shards/{name}/{i:05d}.tsv" for i in range(len(row_ranges))]

    rule:
        name:
            f"{name}_shard"
        input:
            CLI_INPUT,
            model=model,
            data=data,
        output:
            f"shards/{name}/{{part}}.tsv",
        log:
            f"logs/{name}/{{part}}.log",
        benchmark:
            f"benchmarks/{name}/{{part}}.tsv"
        params:
            rows=lambda w: row_ranges[int(w.part)],
            extra=extra,
        threads: THREADS
        resources:
            mem_mb=MEM_MB,
            gpu=GPU,
        shell:
            cnn("predict --model {input.model:q} --data {input.data:q} --rows {params.rows} {params.extra} --out {output:q}", gpu=True) + " > {log} 2>&1"

    rule:
        name:
            f"{name}_merge"
        input:
            CLI_INPUT,
            parts=parts,
        output:
            merged,
        log:
            f"logs/{name}/merge.log",
        threads: 1
        shell:
            cnn("merge tsv --out {output:q} {input.parts:q}") + " > {log} 2>&1"


if "predict" in OUTPUTS:
    PREDICT = section("predict")
    predict_rules("predict", PREDICT["model"], PREDICT["data"], int(PREDICT.get("rows_per_shard", 100_000)), PREDICT.get("args", ""), "results/predictions.tsv")
