# Model search as jobs: every job draws the same seeded list of `candidates` (presets first) and
# evaluates its slice I/N at the full epoch budget (`sweep --candidates N --slice I/N`); the merge
# ranks the slices' leaderboards as one search and refits the winner (`sweep --merge`), which is
# what `sweep --candidates N` does in one process.
if "sweep" in OUTPUTS:
    SWEEP = section("sweep")
    SWEEP_SLICES = int(SWEEP.get("slices", 4))

    rule sweep_slice:
        input:
            CLI_INPUT,
            data=SWEEP["data"],
        output:
            "shards/sweep/slice-{index}.csv",
        log:
            "logs/sweep/slice-{index}.log",
        benchmark:
            "benchmarks/sweep/slice-{index}.tsv"
        params:
            candidates=SWEEP["candidates"],
            slices=SWEEP_SLICES,
            extra=SWEEP.get("args", ""),
        threads: THREADS
        resources:
            mem_mb=MEM_MB,
            gpu=GPU,
        shell:
            cnn("sweep --data {input.data:q} --candidates {params.candidates} --slice {wildcards.index}/{params.slices} {params.extra} "
                "--leaderboard {output:q}", gpu=True) + " > {log} 2>&1"

    rule sweep_merge:
        input:
            CLI_INPUT,
            data=SWEEP["data"],
            parts=[f"shards/sweep/slice-{i}.csv" for i in range(1, SWEEP_SLICES + 1)],
        output:
            model="results/sweep/best.zip",
            leaderboard="results/sweep/leaderboard.csv",
        log:
            "logs/sweep/merge.log",
        params:
            extra=SWEEP.get("refit_args", ""),
        threads: THREADS
        resources:
            mem_mb=MEM_MB,
            gpu=GPU,
        shell:
            cnn("sweep --merge {input.parts:q} --data {input.data:q} {params.extra} --leaderboard {output.leaderboard:q} --model {output.model:q}", gpu=True) + " > {log} 2>&1"
