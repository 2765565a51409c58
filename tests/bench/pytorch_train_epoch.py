# The reference for bench_training_epoch: exactly the network LatentLab builds for
# ModelConfig::defaultsFor({1, 28, 28}, kind) with the chosen backbone (core/models/backbones.cpp and the
# family's .cpp), trained the same way: batch 128, Adam 1e-3, Bernoulli likelihood (BCE with logits), every
# loss term a per-sample sum averaged over the batch, on the same 60,000 Fashion-MNIST images scaled to [0,1],
# in PyTorch's Python API (Debian's python3-torch). Only what trains is here: LatentLab's reported metrics
# (KL per dimension, VQ perplexity and dead codes) and its validation pass are left out, and neither is timed.
#   /usr/bin/python3 tests/bench/pytorch_train_epoch.py [--kind vae|beta-vae|ae|cvae|hvae|vq-vae]
#                    [--backbone mlp|conv] [--epochs 1] [--steps N] [--threads 2]
import argparse, gzip, resource, time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

p = argparse.ArgumentParser()
p.add_argument("--kind", default="vae")
p.add_argument("--backbone", default="mlp", choices=["mlp", "conv"])
p.add_argument("--epochs", type=int, default=1)
p.add_argument("--steps", type=int, default=0)
p.add_argument("--threads", type=int, default=2)
p.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
a = p.parse_args()
kind = {"vqvae": "vq-vae", "betavae": "beta-vae"}.get(a.kind, a.kind)
assert kind in ("vae", "beta-vae", "ae", "cvae", "hvae", "vq-vae"), kind
conv = a.backbone == "conv"
torch.set_num_threads(a.threads)
torch.manual_seed(0)
with gzip.open(a.data + "/train-images-idx3-ubyte.gz") as f:
    images = torch.from_numpy(np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 1, 28, 28).copy())
with gzip.open(a.data + "/train-labels-idx1-ubyte.gz") as f:
    labels = torch.from_numpy(np.frombuffer(f.read(), np.uint8, offset=8).astype(np.int64))
classes = int(labels.max()) + 1
HIDDEN, LATENT, CODES, CODE_DIM, COMMITMENT = 512, 32, 128, 16, 0.25  # ModelConfig's defaults


def down(i, o):
    return nn.Conv2d(i, o, 4, stride=2, padding=1)


def up(i, o):
    return nn.ConvTranspose2d(i, o, 4, stride=2, padding=1)


def feature_encoder():  # FeatureEncoder: x -> [B, 512]
    if conv:
        return nn.Sequential(down(1, 32), nn.ReLU(), down(32, 64), nn.ReLU(), nn.Flatten(),
                             nn.Linear(64 * 7 * 7, HIDDEN), nn.ReLU())
    return nn.Sequential(nn.Flatten(), nn.Linear(784, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, HIDDEN), nn.ReLU())


class FlatDecoder(nn.Module):  # code [B, n] -> logits [B, 784]
    def __init__(self, n):
        super().__init__()
        if conv:
            self.dense = nn.Sequential(nn.Linear(n, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, 64 * 7 * 7), nn.ReLU())
            self.deconv = nn.Sequential(up(64, 32), nn.ReLU(), up(32, 1))
        else:
            self.dense = nn.Sequential(nn.Linear(n, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, HIDDEN), nn.ReLU(),
                                       nn.Linear(HIDDEN, 784))

    def forward(self, code):
        h = self.dense(code)
        return self.deconv(h.view(-1, 64, 7, 7)).flatten(1) if conv else h


def recon_loss(logits, x):
    return F.binary_cross_entropy_with_logits(logits, x.reshape_as(logits), reduction="sum") / x.shape[0]


def kl_standard(mu, logvar):  # KL(q || N(0, I)) per dimension
    return -0.5 * (1 + logvar - mu.pow(2) - logvar.exp())


def reparameterize(mu, logvar):
    return mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)


class GaussianVae(nn.Module):  # VAE, beta-VAE (beta 4), CVAE (one-hot after the encoder and before the decoder)
    def __init__(self):
        super().__init__()
        self.beta = 4.0 if kind == "beta-vae" else 1.0
        extra = classes if kind == "cvae" else 0
        self.encoder = feature_encoder()
        self.mu, self.logvar = nn.Linear(HIDDEN + extra, LATENT), nn.Linear(HIDDEN + extra, LATENT)
        self.decoder = FlatDecoder(LATENT + extra)

    def forward(self, x, y):
        label = [F.one_hot(y, classes).float()] if kind == "cvae" else []
        h = torch.cat([self.encoder(x)] + label, 1)
        mu, logvar = self.mu(h), self.logvar(h)
        z = reparameterize(mu, logvar)
        kl = kl_standard(mu, logvar).sum() / x.shape[0]
        return recon_loss(self.decoder(torch.cat([z] + label, 1)), x) + self.beta * kl


class Autoencoder(nn.Module):
    def __init__(self):
        super().__init__()
        self.encoder, self.head, self.decoder = feature_encoder(), nn.Linear(HIDDEN, LATENT), FlatDecoder(LATENT)
        self.register_buffer("code_mean", torch.zeros(LATENT))
        self.register_buffer("code_std", torch.ones(LATENT))

    def forward(self, x, y):
        z = self.head(self.encoder(x))
        with torch.no_grad():  # the running moments sample() draws from
            self.code_mean.mul_(0.99).add_(z.mean(0), alpha=0.01)
            self.code_std.mul_(0.99).add_(z.std(0), alpha=0.01)
        return recon_loss(self.decoder(z), x)


class HierarchicalVae(nn.Module):  # q(z1|x), q(z2|z1); p(z2) = N(0, I), p(z1|z2), p(x|z1)
    def __init__(self):
        super().__init__()
        width = min(HIDDEN, 256)
        self.encoder = feature_encoder()
        self.mu1, self.logvar1 = nn.Linear(HIDDEN, LATENT), nn.Linear(HIDDEN, LATENT)
        self.up = nn.Sequential(nn.Linear(LATENT, width), nn.ReLU())
        self.mu2, self.logvar2 = nn.Linear(width, LATENT), nn.Linear(width, LATENT)
        self.down = nn.Sequential(nn.Linear(LATENT, width), nn.ReLU())
        self.prior_mu1, self.prior_logvar1 = nn.Linear(width, LATENT), nn.Linear(width, LATENT)
        self.decoder = FlatDecoder(LATENT)

    def forward(self, x, y):
        h = self.encoder(x)
        mu1, logvar1 = self.mu1(h), self.logvar1(h)
        z1 = reparameterize(mu1, logvar1)
        h2 = self.up(z1)
        mu2, logvar2 = self.mu2(h2), self.logvar2(h2)
        z2 = reparameterize(mu2, logvar2)
        hp = self.down(z2)
        pmu1, plogvar1 = self.prior_mu1(hp), self.prior_logvar1(hp)
        kl1 = 0.5 * (plogvar1 - logvar1 + (logvar1.exp() + (mu1 - pmu1).pow(2)) / plogvar1.exp() - 1)
        kl = kl1.sum() / x.shape[0] + kl_standard(mu2, logvar2).sum() / x.shape[0]
        return recon_loss(self.decoder(z1), x) + kl


class VqVae(nn.Module):  # straight-through; EMA codebook (decay 0.99), first-batch start, dead-code restarts
    def __init__(self):
        super().__init__()
        self.positions = 49 if conv else LATENT // CODE_DIM
        if conv:
            self.encoder = nn.Sequential(down(1, 32), nn.ReLU(), down(32, 64), nn.ReLU(), nn.Conv2d(64, CODE_DIM, 1))
            self.decoder = nn.Sequential(nn.Conv2d(CODE_DIM, 64, 1), nn.ReLU(), up(64, 32), nn.ReLU(), up(32, 1))
        else:
            self.encoder = nn.Sequential(feature_encoder(), nn.Linear(HIDDEN, LATENT))
            self.decoder = FlatDecoder(LATENT)
        self.register_buffer("codebook", torch.empty(CODES, CODE_DIM).uniform_(-1.0 / CODES, 1.0 / CODES))
        self.register_buffer("ema_count", torch.ones(CODES))
        self.register_buffer("ema_sum", self.codebook.clone())
        self.register_buffer("usage", torch.full((CODES,), 1.0 / CODES))
        self.initialized = False

    def nearest(self, v):
        flat = v.reshape(-1, CODE_DIM)
        d = flat.pow(2).sum(1, keepdim=True) - 2 * flat @ self.codebook.t() + self.codebook.pow(2).sum(1).unsqueeze(0)
        return d.argmin(1)

    @torch.no_grad()
    def update_codebook(self, v, codes):
        flat = v.reshape(-1, CODE_DIM)
        if not self.initialized:
            self.codebook.copy_(flat[torch.randint(flat.shape[0], (CODES,))])
            self.ema_sum.copy_(self.codebook)
            self.ema_count.fill_(1.0)
            self.initialized = True
            return
        onehot = F.one_hot(codes, CODES).to(flat.dtype)
        self.ema_count.mul_(0.99).add_(onehot.sum(0), alpha=0.01)
        self.ema_sum.mul_(0.99).add_(onehot.t() @ flat, alpha=0.01)
        n = self.ema_count.sum()
        self.codebook.copy_(self.ema_sum / ((self.ema_count + 1e-5) / (n + CODES * 1e-5) * n).unsqueeze(1))
        self.usage.mul_(0.99).add_(onehot.mean(0), alpha=0.01)
        dead = (self.usage < 0.03 / CODES).nonzero().reshape(-1)
        if dead.numel() > 0:
            fresh = flat[torch.randint(flat.shape[0], (dead.numel(),))]
            self.codebook.index_copy_(0, dead, fresh)
            self.ema_sum.index_copy_(0, dead, fresh)
            self.ema_count.index_fill_(0, dead, 1.0)
            self.usage.index_fill_(0, dead, 1.0 / CODES)

    def forward(self, x, y):
        g = self.encoder(x)
        ze = (g.permute(0, 2, 3, 1) if conv else g).reshape(x.shape[0], self.positions, CODE_DIM)
        if not self.initialized:
            self.update_codebook(ze, self.nearest(ze))
        codes = self.nearest(ze)
        e = self.codebook.index_select(0, codes).view_as(ze)
        commit = (ze - e).pow(2).sum() / x.shape[0]
        zq = ze + (e - ze).detach()
        code = zq.view(-1, 7, 7, CODE_DIM).permute(0, 3, 1, 2).contiguous() if conv else zq.reshape(x.shape[0], -1)
        logits = self.decoder(code).flatten(1)
        loss = recon_loss(logits, x) + COMMITMENT * commit
        self.update_codebook(ze.detach(), codes)
        return loss


model = {"vae": GaussianVae, "beta-vae": GaussianVae, "cvae": GaussianVae, "ae": Autoencoder,
         "hvae": HierarchicalVae, "vq-vae": VqVae}[kind]()
params = sum(t.numel() for t in model.parameters())
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
epochs = max(a.epochs, -(-a.steps * 128 // images.shape[0])) if a.steps else a.epochs
losses, samples = [], 0
start = time.perf_counter()
for epoch in range(epochs):
    order = torch.randperm(images.shape[0])
    for i in range(0, images.shape[0], 128):
        if a.steps and len(losses) == a.steps:
            break
        idx = order[i:i + 128]
        x = images[idx].float() * (1.0 / 255.0)  # as Dataset::sampleTo01 scales
        opt.zero_grad()
        loss = model(x, labels[idx])
        loss.backward()
        opt.step()
        losses.append(loss.item())
        samples += idx.shape[0]
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
print(f"pytorch {kind} {a.backbone}  {params} params  {len(losses)} steps  {seconds:.2f} s training  "
      f"{samples / seconds:.0f} samples/s  peak RSS {peak} MB  loss (last 50 steps) {np.mean(losses[-50:]):.2f}")
