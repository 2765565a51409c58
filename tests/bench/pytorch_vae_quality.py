# The reference for the MLP VAE quality target of issue 3: the same VAE 784-512-512-32 (Bernoulli), batch 128,
# Adam 1e-3, 10 epochs on Fashion-MNIST's 60,000 training images, in PyTorch's Python API; prints the test
# -ELBO (nats per image, one posterior sample) that bench_model_quality's mlp-vae line is compared with.
#   /usr/bin/python3 tests/bench/pytorch_vae_quality.py [--epochs 10] [--threads 2] [--seed 0]
import argparse, gzip

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument("--epochs", type=int, default=10)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--seed", type=int, default=0)
p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
a = p.parse_args()
torch.set_num_threads(a.threads)
torch.manual_seed(a.seed)


def images(name):
    with gzip.open(f"{a.data}/{name}-images-idx3-ubyte.gz") as f:
        return torch.from_numpy(np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 784).copy()).float() / 255


train, test = images("train"), images("t10k")
enc = nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU())
mu_head, logvar_head = nn.Linear(512, 32), nn.Linear(512, 32)
dec = nn.Sequential(nn.Linear(32, 512), nn.ReLU(), nn.Linear(512, 512), nn.ReLU(), nn.Linear(512, 784))
params = [*enc.parameters(), *mu_head.parameters(), *logvar_head.parameters(), *dec.parameters()]
opt = torch.optim.Adam(params, lr=1e-3)


def terms(x):
    h = enc(x)
    mu, logvar = mu_head(h), logvar_head(h)
    z = mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)
    recon = F.binary_cross_entropy_with_logits(dec(z), x, reduction="sum") / x.shape[0]
    kl = -0.5 * torch.sum(1 + logvar - mu.pow(2) - logvar.exp()) / x.shape[0]
    return recon, kl


for epoch in range(a.epochs):
    order = torch.randperm(train.shape[0])
    for i in range(0, train.shape[0], 128):
        recon, kl = terms(train[order[i:i + 128]])
        opt.zero_grad()
        (recon + kl).backward()
        opt.step()
with torch.no_grad():
    r = k = 0.0
    for i in range(0, test.shape[0], 1000):
        recon, kl = terms(test[i:i + 1000])
        r, k = r + recon.item() * 1000, k + kl.item() * 1000
    r, k = r / test.shape[0], k / test.shape[0]
print(f"pytorch mlp-vae  test -ELBO {r + k:7.2f}  recon {r:7.2f}  KL {k:6.2f}  ({a.epochs} epochs, seed {a.seed})")
