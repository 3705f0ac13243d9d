# Profile-model tracks: one `predict --bigwig-out --chromosomes C` job per chromosome (a profile
# model predicts each chromosome on its own), then one `merge bigwig` per track into
# results/profile/profile.TRACK.bw, the files `predict --bigwig-out profile` writes for the whole
# genome. The track names come from the model (plus/minus, or track0, track1, …), so the shards are
# folders and the merge takes the names from the first one.
if "profile" in OUTPUTS:
    PROFILE = section("profile")
    PROFILE_CHROMOSOMES = PROFILE.get("chromosomes") or [name for name, _ in shards.chromosome_lengths(config["genome"])]

    rule profile_shard:
        input:
            CLI_INPUT,
            model=PROFILE["model"],
            genome=config["genome"],
        output:
            directory("shards/profile/{part}"),
        log:
            "logs/profile/{part}.log",
        benchmark:
            "benchmarks/profile/{part}.tsv"
        params:
            chromosome=lambda w: q(PROFILE_CHROMOSOMES[int(w.part)]),
            extra=PROFILE.get("args", ""),
        threads: THREADS
        resources:
            mem_mb=MEM_MB,
            gpu=GPU,
        shell:
            "mkdir -p {output} && "
            + cnn("predict --model {input.model:q} --genome {input.genome:q} --chromosomes {params.chromosome} {params.extra} --bigwig-out {output}/profile", gpu=True)
            + " > {log} 2>&1"

    rule profile_merge:
        input:
            CLI_INPUT,
            parts=[f"shards/profile/{i:05d}" for i in range(len(PROFILE_CHROMOSOMES))],
        output:
            directory("results/profile"),
        log:
            "logs/profile/merge.log",
        threads: 1
        shell:
            "(mkdir -p {output} && for track in $(cd {input.parts[0]} && ls *.bw); do "
            + cnn("merge bigwig --out {output}/$track $(for part in {input.parts}; do echo $part/$track; done)")
            + " || exit 1; done) > {log} 2>&1"
