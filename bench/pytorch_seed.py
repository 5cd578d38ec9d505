#!/usr/bin/env python3
"""The seed network in plain PyTorch: the baseline `./siamese bench encoder --baseline` prints
beside DJL's figures. Same layers, input 1x100x100, 2 threads, random inputs; prints one JSON line:
{"torch": version, "forward": {"1": img_s, ...}, "train_step_ms": ms}."""
import argparse, json, time
import torch
import torch.nn as nn
import torch.nn.functional as F


class SeedNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.cnn1 = nn.Sequential(
            nn.ReflectionPad2d(1), nn.Conv2d(1, 4, kernel_size=3), nn.ReLU(inplace=True), nn.BatchNorm2d(4),
            nn.ReflectionPad2d(1), nn.Conv2d(4, 8, kernel_size=3), nn.ReLU(inplace=True), nn.BatchNorm2d(8),
            nn.ReflectionPad2d(1), nn.Conv2d(8, 8, kernel_size=3), nn.ReLU(inplace=True), nn.BatchNorm2d(8))
        self.fc1 = nn.Sequential(
            nn.Linear(8 * 100 * 100, 500), nn.ReLU(inplace=True),
            nn.Linear(500, 500), nn.ReLU(inplace=True), nn.Linear(500, 5))

    def forward_once(self, x):
        return self.fc1(self.cnn1(x).view(x.size(0), -1))


def contrastive(o1, o2, label, margin=2.0):
    d = F.pairwise_distance(o1, o2)
    return torch.mean((1 - label) * d.pow(2) + label * torch.clamp(margin - d, min=0.0).pow(2))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--batches", type=int, nargs="+", default=[1, 2, 4, 8, 16, 32, 64, 128, 256])
    ap.add_argument("--seconds", type=float, default=2.0)
    ap.add_argument("--train-steps", type=int, default=5)
    a = ap.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(1)
    net = SeedNet().eval()
    forward = {}
    with torch.no_grad():
        for bs in a.batches:
            x = torch.rand(bs, 1, 100, 100)
            net.forward_once(x); net.forward_once(x)
            n, t0 = 0, time.perf_counter()
            while time.perf_counter() - t0 < a.seconds or n < 3:
                net.forward_once(x); n += 1
            forward[str(bs)] = n * bs / (time.perf_counter() - t0)
    net.train()
    opt = torch.optim.Adam(net.parameters(), lr=5e-4)

    def step():
        x0, x1 = torch.rand(64, 1, 100, 100), torch.rand(64, 1, 100, 100)
        y = torch.randint(0, 2, (64,)).float()
        opt.zero_grad()
        loss = contrastive(net.forward_once(x0), net.forward_once(x1), y)
        loss.backward(); opt.step()
    step(); step()
    t0 = time.perf_counter()
    for _ in range(a.train_steps):
        step()
    ms = (time.perf_counter() - t0) * 1000 / a.train_steps
    print(json.dumps({"torch": torch.__version__, "forward": forward, "train_step_ms": ms}))


if __name__ == "__main__":
    main()
