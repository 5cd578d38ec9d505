#!/usr/bin/env python3
"""The encoder networks in plain PyTorch: the baseline `./siamese bench encoder --baseline` runs beside DJL.

Same layers as src/encoder's Architecture (seed: 1x100x100 input; compact: 1x32x32), random weights and inputs.
It runs PyTorch the fastest standard way it can here and says how: the BLAS library the process loaded, the
intra-op threads (one per core unless --threads), eval mode and torch.no_grad(). Each batch size is measured
three ways and the fastest is the baseline: eager; a frozen TorchScript graph (torch.jit.freeze: BatchNorm folded
into the convolutions); and that graph after torch.jit.optimize_for_inference (oneDNN convolutions on prepacked
weights, the tensors kept in oneDNN's layout between layers). Prints one JSON line:
{"torch": version, "blas": ..., "threads": n, "forward": {"1": img_s, ...}, "variant": {"1": "eager"|...},
 "all": {"1": {"eager": img_s, ...}}}. --describe prints the parameter count and output shape instead.
"""
import argparse, json, os, time
import torch
import torch.nn as nn


class SeedNet(nn.Module):
    """The seed's tower: 3 x (ReflectionPad 1, Conv 3x3, ReLU, BatchNorm), Linear 500, 500, 5."""

    def __init__(self):
        super().__init__()
        layers, cin = [], 1
        for c in (4, 8, 8):
            layers += [nn.ReflectionPad2d(1), nn.Conv2d(cin, c, kernel_size=3), nn.ReLU(inplace=True), nn.BatchNorm2d(c)]
            cin = c
        self.cnn = nn.Sequential(*layers)
        self.fc = nn.Sequential(nn.Linear(8 * 100 * 100, 500), nn.ReLU(inplace=True),
                                nn.Linear(500, 500), nn.ReLU(inplace=True), nn.Linear(500, 5))

    def forward(self, x):
        return self.fc(torch.flatten(self.cnn(x), 1))


class CompactNet(nn.Module):
    """The compact tower: 4 x (Conv 3x3 pad 1, BatchNorm, ReLU), 16-32-64-128, max pool after the 2nd and 3rd,
    global average pool, Linear 128, ReLU, Linear 16."""

    def __init__(self):
        super().__init__()
        layers, cin = [], 1
        for i, c in enumerate((16, 32, 64, 128)):
            layers += [nn.Conv2d(cin, c, kernel_size=3, padding=1), nn.BatchNorm2d(c), nn.ReLU(inplace=True)]
            if i in (1, 2):
                layers.append(nn.MaxPool2d(2))
            cin = c
        self.cnn = nn.Sequential(*layers)
        self.fc = nn.Sequential(nn.Linear(128, 128), nn.ReLU(inplace=True), nn.Linear(128, 16))

    def forward(self, x):
        return self.fc(torch.flatten(self.cnn(x).mean((2, 3)), 1))


NETS = {"seed": (SeedNet, 100), "compact": (CompactNet, 32)}


def blas_library():
    """The BLAS shared library this process actually loaded (Debian picks it with update-alternatives)."""
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if "blas" in line.lower() and "/" in line}
    return ", ".join(sorted(os.path.realpath(p) for p in paths)) or "none loaded"


def images_per_second(fn, x, seconds):
    fn(x); fn(x)  # warm-up: the first calls at a shape allocate and choose kernels
    n, t0 = 0, time.perf_counter()
    while time.perf_counter() - t0 < seconds or n < 3:
        fn(x)
        n += 1
    return n * x.shape[0] / (time.perf_counter() - t0)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--arch", choices=sorted(NETS), default="seed")
    ap.add_argument("--batches", type=int, nargs="+", default=[1, 64])
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--threads", type=int, default=os.cpu_count())
    ap.add_argument("--describe", action="store_true")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(1)
    make, size = NETS[a.arch]
    net = make().eval()
    if a.describe:
        with torch.no_grad():
            out = net(torch.rand(2, 1, size, size))
        params = sum(p.numel() for p in net.parameters())
        print(json.dumps({"arch": a.arch, "input_size": size, "parameters": params, "output": list(out.shape)}))
        return
    forward, variant, everything = {}, {}, {}
    with torch.no_grad():
        frozen = torch.jit.freeze(torch.jit.script(net))
        optimized = torch.jit.optimize_for_inference(torch.jit.freeze(torch.jit.script(net)))
        for bs in a.batches:
            x = torch.rand(bs, 1, size, size)
            rates = {name: images_per_second(fn, x, a.seconds)
                     for name, fn in (("eager", net), ("frozen", frozen), ("optimized", optimized))}
            best = max(rates, key=rates.get)
            forward[str(bs)], variant[str(bs)], everything[str(bs)] = rates[best], best, rates
    config = [line.strip() for line in torch.__config__.show().splitlines() if "BLAS_INFO" in line]
    print(json.dumps({"torch": torch.__version__, "blas": blas_library(),
                      "blas_info": config[0].split("BLAS_INFO=")[1].split(",")[0] if config else "unknown",
                      "threads": torch.get_num_threads(), "mkldnn": torch.backends.mkldnn.is_available(),
                      "forward": forward, "variant": variant, "all": everything}))


if __name__ == "__main__":
    main()
