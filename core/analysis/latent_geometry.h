#pragma once
// Where in a latent space to decode: interpolation paths, Gaussian-quantile and plane grids, traversals.
// Pure tensor arithmetic with no model, so each rule can be checked by hand; latent_walks.h decodes them.
#include <torch/types.h>

#include <cstdint>
#include <vector>

namespace latentlab {

enum class Interpolation { Linear, Spherical };

// (1 - t) a + t b.
torch::Tensor lerp(const torch::Tensor& a, const torch::Tensor& b, double t);
// Spherical interpolation along the great circle from a to b (White 2016, "Sampling Generative Networks"):
// under a Gaussian prior most mass lies near a sphere, and lerp's midpoints cut inside it, where the decoder
// saw little. Keeps the norm when |a| = |b|. Falls back to lerp where the angle is too small (or too close to
// pi) for sin(angle) to be divided by, and for a zero vector.
torch::Tensor slerp(const torch::Tensor& a, const torch::Tensor& b, double t);

// `steps` points from a to b, both ends included and equal to a and b exactly: [steps, d]. a, b: [d] or [1, d].
// steps < 2 is a BadInputError.
torch::Tensor interpolationPath(const torch::Tensor& a, const torch::Tensor& b, std::int64_t steps, Interpolation how);

// The standard normal's inverse CDF, to double precision; p outside (0, 1) is a BadInputError.
double inverseNormalCdf(double p);
// The inverse CDF at n evenly spaced probabilities i/(n+1), i = 1..n: equal prior mass between neighbours, as
// in Kingma & Welling's manifold figure. Exactly antisymmetric, and 0 in the middle for odd n.
std::vector<double> gaussianQuantiles(std::int64_t n);
// n values from lo to hi, both included; the midpoint when n is 1.
std::vector<double> evenlySpaced(double lo, double hi, std::int64_t n);

// The points origin + uCoords[c] u + vCoords[r'] v as a grid of vCoords.size() rows x uCoords.size() columns,
// row-major: [rows * cols, d]. Rows run from the last v coordinate to the first, so that on screen v grows
// upwards as on a plot. origin, u, v: [d].
torch::Tensor planeGrid(const torch::Tensor& origin, const torch::Tensor& u, const torch::Tensor& v,
                        const std::vector<double>& uCoords, const std::vector<double>& vCoords);
// The unit vector along dimension `dim` of a d-dimensional space (a plane direction for two chosen dims).
torch::Tensor axis(std::int64_t d, std::int64_t dim);

// One row block per entry of dims: base [d] with dims[k] set to each of values in turn, the rest unchanged:
// [dims.size() * values.size(), d]. A dimension outside [0, d) is a BadInputError.
torch::Tensor traversalLatents(const torch::Tensor& base, const std::vector<std::int64_t>& dims,
                               const std::vector<double>& values);

} // namespace latentlab
