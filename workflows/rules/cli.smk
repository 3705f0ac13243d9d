# The CLI, built once with `dotnet publish` into the working folder (skipped when config.yaml
# names a `cli:` command). Every job depends on it, so nothing starts before it is there.
rule publish_cli:
    output:
        PUBLISHED,
    log:
        "logs/publish_cli.log",
    threads: 2
    resources:
        mem_mb=4000,
    shell:
        "dotnet publish {REPO}/src/Cli -c Release --use-current-runtime --self-contained false --nologo -o .cnn-mlnet/cli > {log} 2>&1"
