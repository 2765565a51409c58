#include "core/export/pytorch_source_parts.h"

namespace latentlab::pytorch_parts {

const char* const kHeader = R"PY(from typing import List, Tuple

import torch
import torch.nn.functional as F
from torch import nn


def _numel(shape: List[int]) -> int:
    n = 1
    for d in shape:
        n *= d
    return n


def _reparameterize(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    return mu + torch.randn_like(mu) * torch.exp(0.5 * logvar)


def _output(flat: torch.Tensor, input_shape: List[int], bernoulli: bool) -> torch.Tensor:
    """The decoder's flat output as [B, *input_shape] means: the sigmoid of the logits for a Bernoulli likelihood,
    as LatentLab's Decoding.reconstruction."""
    out = torch.sigmoid(flat) if bernoulli else flat
    return out.view([flat.size(0)] + input_shape)
)PY";

const char* const kBackbones = R"PY(

class MlpEncoder(nn.Module):
    """x [B, *input_shape] -> features [B, hidden[-1]]: Flatten, then Linear + ReLU per width."""

    def __init__(self, input_shape: List[int], hidden: List[int]):
        super().__init__()
        layers: List[nn.Module] = [nn.Flatten()]
        width = _numel(input_shape)
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        self.net = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


class ConvEncoder(nn.Module):
    """x [B, C, H, W] -> features [B, hidden[-1]]: two stride-2 convolutions, then one dense layer."""

    def __init__(self, input_shape: List[int], hidden: List[int], channels: int = 64):
        super().__init__()
        c, h, w = input_shape
        self.net = nn.Sequential(
            nn.Conv2d(c, channels // 2, 4, 2, 1), nn.ReLU(),
            nn.Conv2d(channels // 2, channels, 4, 2, 1), nn.ReLU(),
            nn.Flatten(), nn.Linear(channels * (h // 4) * (w // 4), hidden[-1]), nn.ReLU())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


class MlpDecoder(nn.Module):
    """code [B, code_dim] -> flat output [B, numel(input_shape)]: the encoder's widths in reverse."""

    def __init__(self, input_shape: List[int], hidden: List[int], code_dim: int):
        super().__init__()
        layers: List[nn.Module] = []
        width = code_dim
        for h in reversed(hidden):
            layers += [nn.Linear(width, h), nn.ReLU()]
            width = h
        layers.append(nn.Linear(width, _numel(input_shape)))
        self.dense = nn.Sequential(*layers)

    def forward(self, code: torch.Tensor) -> torch.Tensor:
        return self.dense(code)


class ConvDecoder(nn.Module):
    """code [B, code_dim] -> flat output: two dense layers, then two stride-2 transposed convolutions."""

    def __init__(self, input_shape: List[int], hidden: List[int], code_dim: int, channels: int = 64):
        super().__init__()
        c, h, w = input_shape
        self.grid = [channels, h // 4, w // 4]
        self.dense = nn.Sequential(
            nn.Linear(code_dim, hidden[-1]), nn.ReLU(),
            nn.Linear(hidden[-1], channels * (h // 4) * (w // 4)), nn.ReLU())
        self.deconv = nn.Sequential(
            nn.ConvTranspose2d(channels, channels // 2, 4, 2, 1), nn.ReLU(),
            nn.ConvTranspose2d(channels // 2, c, 4, 2, 1))

    def forward(self, code: torch.Tensor) -> torch.Tensor:
        h = self.dense(code)
        h = h.view(h.size(0), self.grid[0], self.grid[1], self.grid[2])
        return self.deconv(h).flatten(1)


class SpatialEncoder(nn.Module):
    """The conv VQ-VAE's encoder: x [B, C, H, W] -> vectors [B, code_dim, H/4, W/4]."""

    def __init__(self, input_shape: List[int], code_dim: int, channels: int = 64):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(input_shape[0], channels // 2, 4, 2, 1), nn.ReLU(),
            nn.Conv2d(channels // 2, channels, 4, 2, 1), nn.ReLU(),
            nn.Conv2d(channels, code_dim, 1))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


class SpatialDecoder(nn.Module):
    """The conv VQ-VAE's decoder: a grid [B, code_dim, H/4, W/4] -> flat output."""

    def __init__(self, input_shape: List[int], code_dim: int, channels: int = 64):
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(code_dim, channels, 1), nn.ReLU(),
            nn.ConvTranspose2d(channels, channels // 2, 4, 2, 1), nn.ReLU(),
            nn.ConvTranspose2d(channels // 2, input_shape[0], 4, 2, 1))

    def forward(self, grid: torch.Tensor) -> torch.Tensor:
        return self.net(grid).flatten(1)


def _encoder(input_shape: List[int], hidden: List[int], conv: bool) -> nn.Module:
    return ConvEncoder(input_shape, hidden) if conv else MlpEncoder(input_shape, hidden)


def _decoder(input_shape: List[int], hidden: List[int], code_dim: int, conv: bool) -> nn.Module:
    return ConvDecoder(input_shape, hidden, code_dim) if conv else MlpDecoder(input_shape, hidden, code_dim)
)PY";

const char* const kAutoencoder = R"PY(

class Model(nn.Module):
    """Autoencoder. encode(x) -> z; decode(z) -> reconstruction; sample(n) decodes draws from the Gaussian
    fitted to the training codes (code_mean, code_std)."""

    input_shape: List[int]

    def __init__(self, @SIGNATURE@):
        super().__init__()
        self.input_shape = list(input_shape)
        self.latent_dim = latent_dim
        self.bernoulli = bernoulli
        self.encoder = _encoder(input_shape, hidden, conv)
        self.head = nn.Linear(hidden[-1], latent_dim)
        self.decoder = _decoder(input_shape, hidden, latent_dim, conv)
        self.register_buffer("code_mean", torch.zeros(latent_dim))
        self.register_buffer("code_std", torch.ones(latent_dim))

    @torch.jit.export
    def encode(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.encoder(x))

    @torch.jit.export
    def decode(self, z: torch.Tensor) -> torch.Tensor:
        return _output(self.decoder(z), self.input_shape, self.bernoulli)

    @torch.jit.export
    def sample(self, n: int, temperature: float = 1.0) -> torch.Tensor:
        eps = torch.randn(n, self.latent_dim, device=self.code_mean.device)
        return self.decode(self.code_mean + eps * self.code_std * temperature)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.decode(self.encode(x))
)PY";

const char* const kVae = R"PY(

class Model(nn.Module):
    """VAE (beta-VAE: the same network, trained with another KL weight). encode(x) -> (mu, logvar);
    decode(z) -> reconstruction; sample(n) decodes draws from the prior N(0, I)."""

    input_shape: List[int]

    def __init__(self, @SIGNATURE@):
        super().__init__()
        self.input_shape = list(input_shape)
        self.latent_dim = latent_dim
        self.bernoulli = bernoulli
        self.encoder = _encoder(input_shape, hidden, conv)
        self.mu = nn.Linear(hidden[-1], latent_dim)
        self.logvar = nn.Linear(hidden[-1], latent_dim)
        self.decoder = _decoder(input_shape, hidden, latent_dim, conv)

    @torch.jit.export
    def encode(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        h = self.encoder(x)
        return self.mu(h), self.logvar(h)

    @torch.jit.export
    def decode(self, z: torch.Tensor) -> torch.Tensor:
        return _output(self.decoder(z), self.input_shape, self.bernoulli)

    @torch.jit.export
    def sample(self, n: int, temperature: float = 1.0) -> torch.Tensor:
        return self.decode(torch.randn(n, self.latent_dim, device=self.mu.weight.device) * temperature)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        mu, logvar = self.encode(x)
        z = _reparameterize(mu, logvar) if self.training else mu
        return self.decode(z)
)PY";

const char* const kConditionalVae = R"PY(

class Model(nn.Module):
    """Conditional VAE: the one-hot class goes to both encoder heads and to the decoder. encode(x, y) ->
    (mu, logvar); decode(z, y) -> reconstruction; sample(y) decodes draws from the prior of each label, the
    learned per-class Gaussian (prior_mu, prior_logvar) where class_prior is on, else N(0, I).
    y: int64 class indices [B]."""

    input_shape: List[int]
    num_classes: int

    def __init__(self, @SIGNATURE@):
        super().__init__()
        self.input_shape = list(input_shape)
        self.num_classes = num_classes
        self.latent_dim = latent_dim
        self.bernoulli = bernoulli
        self.class_prior = class_prior
        self.encoder = _encoder(input_shape, hidden, conv)
        self.mu = nn.Linear(hidden[-1] + num_classes, latent_dim)
        self.logvar = nn.Linear(hidden[-1] + num_classes, latent_dim)
        self.decoder = _decoder(input_shape, hidden, latent_dim + num_classes, conv)
        if class_prior:
            self.prior_mu = nn.Parameter(torch.zeros(num_classes, latent_dim))
            self.prior_logvar = nn.Parameter(torch.zeros(num_classes, latent_dim))
        else:
            # Plain attributes, not state: without a class prior the prior is N(0, I).
            self.prior_mu = torch.zeros(0)
            self.prior_logvar = torch.zeros(0)

    def _one_hot(self, y: torch.Tensor) -> torch.Tensor:
        return F.one_hot(y.long(), self.num_classes).float()

    @torch.jit.export
    def encode(self, x: torch.Tensor, y: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        h = torch.cat([self.encoder(x), self._one_hot(y).to(x.device)], 1)
        return self.mu(h), self.logvar(h)

    @torch.jit.export
    def decode(self, z: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        return _output(self.decoder(torch.cat([z, self._one_hot(y).to(z.device)], 1)), self.input_shape, self.bernoulli)

    @torch.jit.export
    def prior(self, y: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """The prior's mean and log-variance for each label, [B, latent_dim] each."""
        if self.class_prior:
            return self.prior_mu[y.long()], self.prior_logvar[y.long()]
        zeros = torch.zeros(y.size(0), self.latent_dim, device=self.mu.weight.device)
        return zeros, zeros

    @torch.jit.export
    def sample(self, y: torch.Tensor, temperature: float = 1.0) -> torch.Tensor:
        mu, logvar = self.prior(y)
        return self.decode(mu + torch.exp(0.5 * logvar) * torch.randn_like(mu) * temperature, y)

    def forward(self, x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
        mu, logvar = self.encode(x, y)
        z = _reparameterize(mu, logvar) if self.training else mu
        return self.decode(z, y)
)PY";

const char* const kVqVae = R"PY(

class Model(nn.Module):
    """VQ-VAE: each position's vector snaps to the nearest of the codebook's vectors. encode(x) -> the quantized
    vectors z [B, positions * code_dim]; codes(x) -> the code index per position [B, positions];
    decode(z) snaps z to the codebook and decodes; decode_codes(codes); sample(n) draws each position's code
    from the categorical prior fitted on training codes (prior_counts), uniform where none was fitted."""

    input_shape: List[int]

    def __init__(self, @SIGNATURE@):
        super().__init__()
        self.input_shape = list(input_shape)
        self.bernoulli = bernoulli
        self.conv = conv
        self.code_dim = code_dim
        # The conv encoder leaves one code per 4x4 patch; the MLP splits latent_dim into positions.
        self.grid = [input_shape[1] // 4, input_shape[2] // 4] if conv else [1, latent_dim // code_dim]
        self.positions = self.grid[0] * self.grid[1]
        if conv:
            self.encoder = SpatialEncoder(input_shape, code_dim)
            self.head = nn.Identity()
            self.decoder = SpatialDecoder(input_shape, code_dim)
        else:
            self.encoder = MlpEncoder(input_shape, hidden)
            self.head = nn.Linear(hidden[-1], latent_dim)
            self.decoder = MlpDecoder(input_shape, hidden, latent_dim)
        k = codebook_size
        self.register_buffer("codebook", torch.zeros(k, code_dim))
        # Training state LatentLab keeps (moving averages, code usage); loaded so the names match.
        self.register_buffer("ema_count", torch.ones(k))
        self.register_buffer("ema_sum", torch.zeros(k, code_dim))
        self.register_buffer("usage", torch.full([k], 1.0 / k))
        self.register_buffer("prior_counts", torch.zeros(self.positions, k))
        self.register_buffer("initialized", torch.zeros([]))

    def _vectors(self, x: torch.Tensor) -> torch.Tensor:
        """The encoder's vectors [B, positions, code_dim], positions in row-major order."""
        if self.conv:
            g = self.encoder(x)
            return g.permute(0, 2, 3, 1).reshape(x.size(0), self.positions, self.code_dim)
        return self.head(self.encoder(x)).view(x.size(0), self.positions, self.code_dim)

    def _nearest(self, vectors: torch.Tensor) -> torch.Tensor:
        flat = vectors.reshape(-1, self.code_dim)
        d = (flat.pow(2).sum(1, keepdim=True) - 2 * flat.matmul(self.codebook.t())
             + self.codebook.pow(2).sum(1).unsqueeze(0))
        return d.argmin(1).view(vectors.size(0), self.positions)

    @torch.jit.export
    def codes(self, x: torch.Tensor) -> torch.Tensor:
        return self._nearest(self._vectors(x))

    @torch.jit.export
    def encode(self, x: torch.Tensor) -> torch.Tensor:
        c = self.codes(x)
        return self.codebook[c.reshape(-1)].view(x.size(0), self.positions * self.code_dim)

    @torch.jit.export
    def decode_codes(self, codes: torch.Tensor) -> torch.Tensor:
        v = self.codebook[codes.reshape(-1)].view(codes.size(0), self.positions, self.code_dim)
        if self.conv:
            g = v.view(codes.size(0), self.grid[0], self.grid[1], self.code_dim).permute(0, 3, 1, 2)
            return _output(self.decoder(g.contiguous()), self.input_shape, self.bernoulli)
        return _output(self.decoder(v.reshape(codes.size(0), self.positions * self.code_dim)), self.input_shape, self.bernoulli)

    @torch.jit.export
    def decode(self, z: torch.Tensor) -> torch.Tensor:
        return self.decode_codes(self._nearest(z.view(z.size(0), self.positions, self.code_dim)))

    @torch.jit.export
    def sample(self, n: int, temperature: float = 1.0) -> torch.Tensor:
        if bool(self.prior_counts.sum() > 0):
            p = self.prior_counts + 1e-6
        else:
            p = torch.ones_like(self.prior_counts)
        p = p / p.sum(1, keepdim=True)
        if temperature > 0 and temperature != 1.0:
            p = p.pow(1.0 / temperature)
        return self.decode_codes(torch.multinomial(p, n, True).t().contiguous())

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.decode_codes(self.codes(x))
)PY";

const char* const kHierarchicalVae = R"PY(

class Model(nn.Module):
    """Two-layer hierarchical VAE: bottom z1 (bottom_latent_dim), top z2 (latent_dim); q(z1|x), q(z2|z1),
    p(z2) = N(0, I), p(z1|z2), p(x|z1). encode(x) -> the top layer's (mu, logvar), taken at z1's mean;
    encode_bottom(x) -> z1's (mu, logvar); decode(z2) decodes the mean of p(z1|z2); decode_bottom(z1);
    sample(n) draws z2, then z1 given z2."""

    input_shape: List[int]

    def __init__(self, @SIGNATURE@):
        super().__init__()
        self.input_shape = list(input_shape)
        self.latent_dim = latent_dim
        self.bernoulli = bernoulli
        width = min(hidden[-1], 256)
        self.encoder = _encoder(input_shape, hidden, conv)
        self.mu1 = nn.Linear(hidden[-1], bottom_latent_dim)
        self.logvar1 = nn.Linear(hidden[-1], bottom_latent_dim)
        self.up = nn.Sequential(nn.Linear(bottom_latent_dim, width), nn.ReLU())
        self.mu2 = nn.Linear(width, latent_dim)
        self.logvar2 = nn.Linear(width, latent_dim)
        self.down = nn.Sequential(nn.Linear(latent_dim, width), nn.ReLU())
        self.prior_mu1 = nn.Linear(width, bottom_latent_dim)
        self.prior_logvar1 = nn.Linear(width, bottom_latent_dim)
        self.decoder = _decoder(input_shape, hidden, bottom_latent_dim, conv)

    @torch.jit.export
    def encode_bottom(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        h = self.encoder(x)
        return self.mu1(h), self.logvar1(h)

    @torch.jit.export
    def encode(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        mu1, _ = self.encode_bottom(x)
        h = self.up(mu1)
        return self.mu2(h), self.logvar2(h)

    @torch.jit.export
    def bottom_prior(self, z2: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        h = self.down(z2)
        return self.prior_mu1(h), self.prior_logvar1(h)

    @torch.jit.export
    def decode_bottom(self, z1: torch.Tensor) -> torch.Tensor:
        return _output(self.decoder(z1), self.input_shape, self.bernoulli)

    @torch.jit.export
    def decode(self, z: torch.Tensor) -> torch.Tensor:
        return self.decode_bottom(self.bottom_prior(z)[0])

    @torch.jit.export
    def sample(self, n: int, temperature: float = 1.0) -> torch.Tensor:
        z2 = torch.randn(n, self.latent_dim, device=self.mu2.weight.device) * temperature
        mu1, logvar1 = self.bottom_prior(z2)
        return self.decode_bottom(mu1 + torch.randn_like(mu1) * torch.exp(0.5 * logvar1) * temperature)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        mu1, _ = self.encode_bottom(x)
        return self.decode_bottom(mu1)
)PY";

} // namespace latentlab::pytorch_parts
