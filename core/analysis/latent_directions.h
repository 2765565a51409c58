#pragma once
// Directions in a latent space given by two sets of samples: the attribute vector from set A's mean latent to
// set B's (White 2016, "Sampling Generative Networks", section 2.4: adding the vector between the mean latents
// of images without and with an attribute adds that attribute to any image), and how well the direction
// separates the two sets. Pure tensor arithmetic on latents already encoded, so each rule can be checked on
// constructed data; the explorer and `latentlab-cli attribute` decode what it gives.
#include <torch/types.h>

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

// Rows of a latent matrix that form a set, with the name messages call it by ("class Sneaker", "set A").
struct LatentSet {
    std::string name;
    std::vector<std::int64_t> rows;
};

// The mean [d] (float32) of the set's rows of latents [N, d]. BadInputError naming the set when it is empty
// or a row is outside [0, N).
torch::Tensor meanLatent(const torch::Tensor& latents, const LatentSet& set);

struct AttributeVector {
    torch::Tensor from;   // [d] mean latent of set A
    torch::Tensor to;     // [d] mean latent of set B
    torch::Tensor vector; // [d] to - from: adding it to a latent of A moves it, on average, to B
};

// BadInputError when either set is empty or out of range, or when the two means coincide (no direction).
AttributeVector attributeVector(const torch::Tensor& latents, const LatentSet& from, const LatentSet& to);

// Where each latent of [M, d] lies along the vector, in units of the vector and measured from its start:
// <z - from, v> / |v|^2, so mean(A) is at 0, mean(B) at 1, and z + t v lies t further than z.
std::vector<double> alongVector(const AttributeVector& v, const torch::Tensor& latents);

struct Separation {
    AttributeVector vector;
    std::vector<double> fromPositions; // alongVector() of each row of A, in the order given
    std::vector<double> toPositions;   // ... of B
    // The probability that a random member of B lies further along v than a random member of A (ties count
    // one half): 1 when the direction separates the sets completely, 0.5 when it does not separate them.
    double auroc = 0.5;
};

Separation separation(const torch::Tensor& latents, const LatentSet& from, const LatentSet& to);

// `steps` latents base + t v for t evenly spaced from -range to +range (both included): [steps, d].
// BadInputError for steps < 1 or a base of another width than v.
torch::Tensor attributeStrip(const torch::Tensor& base, const AttributeVector& v, double range, std::int64_t steps);

} // namespace latentlab
