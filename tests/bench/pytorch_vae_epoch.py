# The reference for bench_training_epoch: the same MLP VAE 784-512-512-32, batch 128, Adam 1e-3, Bernoulli
# likelihood, in PyTorch's Python API (Debian's python3-torch), on the same 60,000 Fashion-MNIST images.
#   /usr/bin/python3 tests/bench/pytorch_vae_epoch.py [--epochs 1] [--threads 2]
import argparse, gzip, resource, time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument("--epochs", type=int, default=1)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(0)
with gzip.open(a.data + "/train-images-idx3-ubyte.gz") as f:
    images = torch.from_numpy(np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784).copy())


class Vae(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU())
        self.mu, self.logvar = nn.Linear(512, 32), nn.Linear(512, 32)
        self.dec = nn.Sequential(nn.Linear(32, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 784))

    def forward(self, x):
        h = self.enc(x)
        mu, logvar = self.mu(h), self.logvar(h)
        z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
        recon = F.binary_cross_entropy_with_logits(self.dec(z), x, reduction="sum") / x.shape[0]
        kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp()) / x.shape[0]
        return recon + kl


model = Vae()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
start = time.perf_counter()
steps = 0
for epoch in range(a.epochs):
    order = torch.randperm(images.shape[0])
    for i in range(0, images.shape[0], 128):
        x = images[order[i:i + 128]].float() / 255.0
        opt.zero_grad()
        loss = model(x)
        loss.backward()
        opt.step()
        steps += 1
seconds = time.perf_counter() - start
n = images.shape[0] * a.epochs
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"pytorch    {a.epochs} epoch(s)  {seconds:.2f} s training  {n / seconds:.0f} samples/s  peak RSS {peak} MB  last loss {loss.item():.2f}")
