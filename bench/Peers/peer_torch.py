#!/usr/bin/python3
"""The PyTorch peer of the Cnn.MLNet peer benchmark (bench/Peers/README.md).

Run by the benchmark as `/usr/bin/python3 peer_torch.py CONFIG.json` (Debian's python3-torch,
PyTorch 1.13). Reads the run config and the raw data files the .NET parent wrote, builds the
preset's network from its NetworkSpec JSON with torch.nn modules, and does what PlainTorchRun.cs
does: an untimed warm-up on a throwaway network, then timed training (network + Adam + every
epoch over shuffled batches, loss read back each step) and timed batched scoring under
inference_mode. Prints one line `PEER-RESULT {json}` with the same fields as PeerResult.cs.
`--check` only imports torch and prints its version (the parent's availability test).
"""

import json
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


def activation(name):
    return {
        "None": nn.Identity, "Relu": nn.ReLU, "Gelu": nn.GELU, "Elu": nn.ELU, "Tanh": nn.Tanh, "Sigmoid": nn.Sigmoid,
    }[name]()


def conv(axes, in_channels, filters, kernel, stride, padding, dilation):
    cls = nn.Conv2d if axes == 2 else nn.Conv1d
    return cls(in_channels, filters, kernel, stride=stride, padding="same" if padding == "Same" else "valid", dilation=dilation)


def batch_norm(axes, features):
    return nn.BatchNorm2d(features) if axes == 2 else nn.BatchNorm1d(features)


def pool(axes, kind, size):
    if kind == "Max":
        return nn.MaxPool2d(size, size) if axes == 2 else nn.MaxPool1d(size, size)
    return nn.AvgPool2d(size, size) if axes == 2 else nn.AvgPool1d(size, size)


def global_pool(axes, kind):
    if kind == "Max":
        return nn.AdaptiveMaxPool2d(1) if axes == 2 else nn.AdaptiveMaxPool1d(1)
    return nn.AdaptiveAvgPool2d(1) if axes == 2 else nn.AdaptiveAvgPool1d(1)


class ResidualBlock(nn.Module):
    """act(F(x) + shortcut(x)) as in src/Trainers/Networks/ResidualBlock.cs (stride 1 only)."""

    def __init__(self, spec, in_channels, axes):
        super().__init__()
        if spec["stride"] != 1:
            raise ValueError("only stride-1 residual blocks are built here")
        filters, kernel, dilation = spec["filters"], spec["kernelSize"], spec["dilation"]
        layers = [conv(axes, in_channels, filters, kernel, 1, "Same", dilation)]
        if spec["batchNorm"]:
            layers.append(batch_norm(axes, filters))
        layers += [activation(spec["activation"]), conv(axes, filters, filters, kernel, 1, "Same", dilation)]
        if spec["batchNorm"]:
            layers.append(batch_norm(axes, filters))
        self.body = nn.Sequential(*layers)
        self.skip = nn.Identity() if in_channels == filters else conv(axes, in_channels, filters, 1, 1, "Valid", 1)
        tail = [activation(spec["activation"])]
        if spec["dropout"] > 0:
            tail.append(nn.Dropout(spec["dropout"]))
        self.after = nn.Sequential(*tail)

    def forward(self, x):
        return self.after(self.body(x) + self.skip(x))


def build(spec, config):
    """The preset's network from torch.nn modules, for input already shaped (N, C, L) or (N, C, H, W)."""
    axes = 1 if config["height"] is None else 2
    channels = config["channels"]
    trunk = []
    for block in spec["trunk"]:
        kind = block["type"]
        if kind == "conv":
            if block.get("strandShared"):
                raise ValueError("strand-shared convolutions are not built here")
            trunk.append(conv(axes, channels, block["filters"], block["kernelSize"], block["stride"], block["padding"], block["dilation"]))
            if block["batchNorm"]:
                trunk.append(batch_norm(axes, block["filters"]))
            trunk.append(activation(block["activation"]))
            if block["pool"] != "None":
                trunk.append(pool(axes, block["pool"], block["poolSize"]))
            if block["dropout"] > 0:
                trunk.append(nn.Dropout(block["dropout"]))
            channels = block["filters"]
        elif kind == "residual":
            trunk.append(ResidualBlock(block, channels, axes))
            channels = block["filters"]
        elif kind == "globalPool":
            trunk.append(global_pool(axes, block["kind"]))
        else:
            raise ValueError("unknown trunk block " + kind)
    trunk.append(nn.Flatten())
    trunk_module = nn.Sequential(*trunk)
    trunk_module.eval()
    with torch.no_grad():
        features = trunk_module(torch.zeros(input_shape(config, 2))).shape[1]

    layers = list(trunk)
    for dense in spec["head"]:
        layers.append(nn.Linear(features, dense["units"]))
        if dense["batchNorm"]:
            layers.append(nn.BatchNorm1d(dense["units"]))
        layers.append(activation(dense["activation"]))
        if dense["dropout"] > 0:
            layers.append(nn.Dropout(dense["dropout"]))
        features = dense["units"]
    layers.append(nn.Linear(features, 1 if config["classes"] == 2 else config["classes"]))
    return nn.Sequential(*layers)


def input_shape(config, rows):
    if config["height"] is None:
        return (rows, config["channels"], config["length"])
    return (rows, config["channels"], config["height"], config["length"])


def load(config):
    with open(config["featuresPath"], "rb") as f:
        x = torch.frombuffer(bytearray(f.read()), dtype=torch.float32)
    with open(config["labelsPath"], "rb") as f:
        labels = torch.frombuffer(bytearray(f.read()), dtype=torch.int32)
    rows = config["rows"]
    x = x.reshape(input_shape(config, rows))
    if labels.numel() != rows:
        raise ValueError(f"{labels.numel()} labels, expected {rows}")
    y = labels.to(torch.float32).reshape(rows, 1) if config["classes"] == 2 else labels.to(torch.int64)
    return x, y, labels.to(torch.int64)


def train(network, x, y, config, epochs):
    """Every epoch over a fresh permutation; returns the last epoch's mean batch loss."""
    optimizer = torch.optim.Adam(network.parameters(), lr=config["learningRate"])
    network.train()
    rows, batch, binary = x.shape[0], config["batchSize"], config["classes"] == 2
    loss_sum, batches = 0.0, 0
    for _ in range(epochs):
        order = torch.randperm(rows)
        loss_sum, batches = 0.0, 0
        for start in range(0, rows, batch):
            index = order[start:start + batch]
            xb, yb = x.index_select(0, index), y.index_select(0, index)
            optimizer.zero_grad()
            logits = network(xb)
            loss = F.binary_cross_entropy_with_logits(logits, yb) if binary else F.cross_entropy(logits, yb)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item()
            batches += 1
    return loss_sum / max(1, batches)


def score(network, x, batch):
    network.eval()
    outputs = []
    with torch.inference_mode():
        for start in range(0, x.shape[0], batch):
            outputs.append(network(x[start:start + batch]))
    return torch.cat(outputs)


def accuracy(scores, labels, binary):
    predicted = (scores[:, 0] > 0).to(torch.int64) if binary else scores.argmax(dim=1)
    return (predicted == labels).to(torch.float64).mean().item()


def peak_rss_kib():
    """VmHWM, as the .NET children read it."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return -1


def main():
    if sys.argv[1:] == ["--check"]:
        print(torch.__version__)
        return 0
    with open(sys.argv[1]) as f:
        config = json.load(f)
    spec = json.loads(config["specJson"])["network"]
    torch.set_num_threads(config["threads"])
    x, y, labels = load(config)

    # Warm-up (untimed): a throwaway network trained on a few batches and scored once.
    warm_rows = min(x.shape[0], config["warmupBatches"] * config["batchSize"])
    warm = build(spec, config)
    train(warm, x[:warm_rows], y[:warm_rows], config, 1)
    score(warm, x[:warm_rows], config["scoringBatchSize"])
    del warm

    start = time.perf_counter()
    torch.manual_seed(config["seed"])
    network = build(spec, config)
    loss = train(network, x, y, config, config["epochs"])
    train_seconds = time.perf_counter() - start

    start = time.perf_counter()
    scores = score(network, x, config["scoringBatchSize"])
    score_seconds = time.perf_counter() - start

    result = {
        "implementation": "PyTorch",
        "trainSeconds": train_seconds,
        "scoreSeconds": score_seconds,
        "peakRssKiB": peak_rss_kib(),
        "loss": loss,
        "accuracy": accuracy(scores, labels, config["classes"] == 2),
        "threads": torch.get_num_threads(),
        "runtime": f"PyTorch {torch.__version__} (mkldnn {torch.backends.mkldnn.is_available()})",
    }
    print("PEER-RESULT " + json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
