# Chromosome-fold training: one `train --folds K --fold I` job per fold (test and validation
# chromosomes from the fold table every job computes the same way, or from folds.fold_table), then
# `merge ensemble` averages the fold models, as `train --folds K` does in one process.
# A fold's checkpoints live outside its declared output (Snakemake deletes a failed job's outputs),
# in checkpoints/folds/fold-I. Every fold job passes --resume, which continues from a checkpoint when
# one is there (a rerun of a killed fold) and starts afresh when not; the folder is removed once the
# fold's model is saved.
if "folds" in OUTPUTS:
    FOLDS = section("folds")
    FOLD_COUNT = int(FOLDS["k"])
    FOLD_TABLE = FOLDS.get("fold_table") or ""
    FOLD_CHECKPOINTS = "checkpoints/folds"

    rule fold_train:
        input:
            CLI_INPUT,
            [FOLD_TABLE] if FOLD_TABLE else [],
            bed=FOLDS["bed"],
            genome=config["genome"],
        output:
            "shards/folds/fold-{fold}.zip",
        log:
            "logs/folds/fold-{fold}.log",
        benchmark:
            "benchmarks/folds/fold-{fold}.tsv"
        params:
            table=f"--fold-table {q(FOLD_TABLE)}" if FOLD_TABLE else "",
            extra=FOLDS.get("args", ""),
            checkpoints=FOLD_CHECKPOINTS,
        threads: THREADS
        resources:
            mem_mb=MEM_MB,
            gpu=GPU,
        shell:
            cnn(f"train --bed {{input.bed:q}} --genome {{input.genome:q}} --folds {FOLD_COUNT} --fold {{wildcards.fold}} {{params.table}} {{params.extra}} "
                  "--checkpoint-dir {params.checkpoints} --resume --model {output:q}", gpu=True)
            + " > {log} 2>&1 && rm -rf {params.checkpoints}/fold-{wildcards.fold}"

    rule fold_ensemble:
        input:
            CLI_INPUT,
            parts=[f"shards/folds/fold-{i}.zip" for i in range(FOLD_COUNT)],
        output:
            "results/folds/ensemble.zip",
        log:
            "logs/folds/ensemble.log",
        threads: 1
        resources:
            mem_mb=MEM_MB,
        shell:
            cnn("merge ensemble --out {output:q} {input.parts:q}") + " > {log} 2>&1"

    if FOLDS.get("predict_data"):
        # Fold-averaged predictions: the ensemble over the rows of folds.predict_data, sharded like predict.
        predict_rules("folds_predict", "results/folds/ensemble.zip", FOLDS["predict_data"], int(FOLDS.get("rows_per_shard", 100_000)),
                      FOLDS.get("predict_args", ""), "results/folds/predictions.tsv")
