#pragma once
// ModelConfig: everything needed to build a model, and nothing else. Round-trips through JSON (it is stored
// in checkpoints and session files); validate() refuses nonsense naming the field and why.
#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

enum class ModelKind { Autoencoder, Vae, BetaVae, ConditionalVae, VqVae, HierarchicalVae };
enum class Backbone { Mlp, Conv };
enum class Likelihood { Bernoulli, Gaussian };

std::string toString(ModelKind kind);
std::string toString(Backbone backbone);
std::string toString(Likelihood likelihood);
// Parse the names above ("vae", "beta-vae", "conv", "bernoulli", ...); throw BadInputError listing the choices.
ModelKind modelKindFromString(const std::string& s);
Backbone backboneFromString(const std::string& s);
Likelihood likelihoodFromString(const std::string& s);

struct ModelConfig {
    ModelKind kind = ModelKind::Vae;
    Backbone backbone = Backbone::Mlp;
    std::vector<std::int64_t> inputShape;                // {C, H, W} for images, {D} for tables
    std::vector<std::int64_t> hidden = {512, 512};       // MLP widths; the conv backbone uses the last as its dense width
    std::int64_t latentDim = 32;                         // top layer for the hierarchical VAE; positions x codeDim for the MLP VQ-VAE
    Likelihood likelihood = Likelihood::Bernoulli;

    double beta = 1.0;                                   // weight on the KL
    std::int64_t klWarmupSteps = 0;                      // KL weight rises linearly from 0 over this many steps
    double capacityMax = 0.0;                            // > 0: optimise beta * |KL - C|, C rising to capacityMax (nats)
    std::int64_t capacitySteps = 0;                      // steps for C to reach capacityMax

    std::int64_t codebookSize = 128;                     // VQ-VAE: K
    std::int64_t codeDim = 16;                           // VQ-VAE: D of each code vector
    double commitment = 0.25;                            // VQ-VAE: weight of the commitment term

    std::int64_t bottomLatentDim = 32;                   // hierarchical VAE: z1 (bottom); latentDim is z2 (top)

    std::int64_t numClasses = 0;                         // conditional VAE: size of the one-hot label
    // Conditional VAE: a learned Gaussian prior per class, p(z | y) = N(m_y, diag s_y^2), instead of one N(0, I)
    // for all. Off in checkpoints from before it existed (their key is absent); defaultsFor turns it on.
    bool classPrior = false;

    std::int64_t inputNumel() const;
    bool isImage() const { return inputShape.size() == 3; }
    // Number of quantized positions of a VQ-VAE (a (H/4)x(W/4) grid for conv, latentDim/codeDim for MLP).
    std::int64_t vqPositions() const;

    // Throws BadInputError naming the field and why.
    void validate() const;

    nlohmann::json toJson() const;
    static ModelConfig fromJson(const nlohmann::json& j);

    // The classic defaults for a dataset of this sample shape: the VAE 784-512-512-32 for 28x28 images,
    // Gaussian likelihood for tables.
    static ModelConfig defaultsFor(const std::vector<std::int64_t>& inputShape, ModelKind kind = ModelKind::Vae);
};

bool operator==(const ModelConfig& a, const ModelConfig& b);

} // namespace latentlab
