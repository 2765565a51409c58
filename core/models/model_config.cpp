#include "core/models/model_config.h"

#include "core/util/errors.h"
#include "core/util/printable.h"

#include "core/util/json_read.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>

namespace latentlab {
namespace {

template <typename E>
struct Names {
    E value;
    const char* name;
};
constexpr Names<ModelKind> kKinds[] = {{ModelKind::Autoencoder, "ae"},       {ModelKind::Vae, "vae"},
                                       {ModelKind::BetaVae, "beta-vae"},     {ModelKind::ConditionalVae, "cvae"},
                                       {ModelKind::VqVae, "vq-vae"},         {ModelKind::HierarchicalVae, "hvae"}};
constexpr Names<Backbone> kBackbones[] = {{Backbone::Mlp, "mlp"}, {Backbone::Conv, "conv"}};
constexpr Names<Likelihood> kLikelihoods[] = {{Likelihood::Bernoulli, "bernoulli"}, {Likelihood::Gaussian, "gaussian"}};

template <typename E, std::size_t N>
std::string nameOf(const Names<E> (&table)[N], E v)
{
    for (const auto& n : table)
        if (n.value == v)
            return n.name;
    return "?";
}

template <typename E, std::size_t N>
E parse(const Names<E> (&table)[N], const std::string& s, const char* field)
{
    std::string choices;
    for (const auto& n : table) {
        if (s == n.name)
            return n.value;
        choices += (choices.empty() ? "" : ", ") + std::string(n.name);
    }
    throw BadInputError(std::string(field) + ": '" + printable(s) + "' is not one of " + choices);
}

void require(bool ok, const std::string& field, const std::string& why)
{
    if (!ok)
        throw BadInputError("model config: " + field + " " + why);
}

// The weights of the dense layers (conv filters are small beside them), encoder and decoder, so a config
// from a file cannot ask for more memory than a desktop has before anything is allocated. Computed in double:
// the sizes come from files and their product may not fit 64 bits.
double approximateWeights(const ModelConfig& c)
{
    double in = 1.0;
    for (auto d : c.inputShape)
        in *= static_cast<double>(d);
    if (c.backbone == Backbone::Conv && c.isImage())
        in = 64.0 * static_cast<double>(c.inputShape[1] / 4) * static_cast<double>(c.inputShape[2] / 4);
    double total = 0.0;
    double width = in + static_cast<double>(c.numClasses);
    const auto& widths = c.backbone == Backbone::Conv ? std::vector<std::int64_t>{c.hidden.back()} : c.hidden;
    for (auto h : widths) {
        total += width * static_cast<double>(h);
        width = static_cast<double>(h);
    }
    total += width * 2.0 * static_cast<double>(std::max(c.latentDim, c.bottomLatentDim) + c.numClasses);
    return 2.0 * total; // the decoder mirrors the encoder
}

} // namespace

// Documented in the README (Reliability): 2^29 weights, 2 GiB of float32 before Adam's two moments.
constexpr double kMaxModelWeights = 536870912.0;

std::string toString(ModelKind k) { return nameOf(kKinds, k); }
std::string toString(Backbone b) { return nameOf(kBackbones, b); }
std::string toString(Likelihood l) { return nameOf(kLikelihoods, l); }
ModelKind modelKindFromString(const std::string& s) { return parse(kKinds, s, "model kind"); }
Backbone backboneFromString(const std::string& s) { return parse(kBackbones, s, "backbone"); }
Likelihood likelihoodFromString(const std::string& s) { return parse(kLikelihoods, s, "likelihood"); }

std::int64_t ModelConfig::inputNumel() const
{
    std::int64_t n = 1;
    for (auto d : inputShape)
        n *= d;
    return n;
}

std::int64_t ModelConfig::vqPositions() const
{
    if (backbone == Backbone::Conv && isImage())
        return (inputShape[1] / 4) * (inputShape[2] / 4);
    return codeDim > 0 ? latentDim / codeDim : 0;
}

void ModelConfig::validate() const
{
    require(inputShape.size() == 1 || inputShape.size() == 3, "input_shape",
            "must be [D] for a table or [C, H, W] for images");
    for (auto d : inputShape)
        require(d > 0 && d <= 1 << 20, "input_shape", "must hold positive sizes");
    require(latentDim >= 1 && latentDim <= 4096, "latent_dim", "must be between 1 and 4096, not " + std::to_string(latentDim));
    require(!hidden.empty() && hidden.size() <= 8, "hidden", "must list 1 to 8 layer widths");
    for (auto h : hidden)
        require(h >= 1 && h <= 16384, "hidden", "widths must be between 1 and 16384, not " + std::to_string(h));
    require(std::isfinite(beta) && beta >= 0.0 && beta <= 1000.0, "beta", "must be between 0 and 1000");
    require(klWarmupSteps >= 0, "kl_warmup_steps", "cannot be negative");
    require(std::isfinite(capacityMax) && capacityMax >= 0.0, "capacity_max", "cannot be negative");
    require(capacitySteps >= 0, "capacity_steps", "cannot be negative");
    if (backbone == Backbone::Conv) {
        require(isImage(), "backbone", "conv needs image data; this input is a table of " + std::to_string(inputNumel()) + " features");
        require(inputShape[0] == 1 || inputShape[0] == 3, "backbone", "conv takes 1 or 3 channels, not " + std::to_string(inputShape[0]));
        require(inputShape[1] % 4 == 0 && inputShape[2] % 4 == 0 && inputShape[1] >= 8 && inputShape[2] >= 8, "backbone",
                "conv needs a height and width that are multiples of 4 (at least 8), not "
                    + std::to_string(inputShape[1]) + "x" + std::to_string(inputShape[2]));
    }
    if (kind == ModelKind::ConditionalVae)
        require(numClasses >= 2 && numClasses <= 10000, "num_classes", "must be at least 2 for a conditional VAE (the data needs labels)");
    if (kind == ModelKind::VqVae) {
        require(codebookSize >= 2 && codebookSize <= 65536, "codebook_size", "must be between 2 and 65536");
        require(codeDim >= 1 && codeDim <= 1024, "code_dim", "must be between 1 and 1024");
        require(std::isfinite(commitment) && commitment >= 0.0, "commitment", "cannot be negative");
        if (backbone == Backbone::Mlp)
            require(latentDim % codeDim == 0, "latent_dim", "must be a multiple of code_dim for the MLP VQ-VAE");
    }
    if (kind == ModelKind::HierarchicalVae)
        require(bottomLatentDim >= 1 && bottomLatentDim <= 4096, "bottom_latent_dim", "must be between 1 and 4096");
    const double weights = approximateWeights(*this);
    require(weights <= kMaxModelWeights, "size",
            "would need about " + std::to_string(static_cast<long long>(weights / 1e6)) + " million weights; "
                + "the limit is 536 million (2 GiB of float32): use smaller hidden layers or inputs");
}

nlohmann::json ModelConfig::toJson() const
{
    return {{"kind", toString(kind)},
            {"backbone", toString(backbone)},
            {"input_shape", inputShape},
            {"hidden", hidden},
            {"latent_dim", latentDim},
            {"likelihood", toString(likelihood)},
            {"beta", beta},
            {"kl_warmup_steps", klWarmupSteps},
            {"capacity_max", capacityMax},
            {"capacity_steps", capacitySteps},
            {"codebook_size", codebookSize},
            {"code_dim", codeDim},
            {"commitment", commitment},
            {"bottom_latent_dim", bottomLatentDim},
            {"num_classes", numClasses},
            {"class_prior", classPrior}};
}

ModelConfig ModelConfig::fromJson(const nlohmann::json& j)
{
    if (!j.is_object())
        throw BadInputError("model config: expected a JSON object");
    ModelConfig c;
    auto get = [&](const char* key, auto& field) {
        if (!j.contains(key))
            return;
        try {
            readJsonInto(j.at(key), field, std::string("model config: ") + key);
        } catch (const nlohmann::json::exception&) {
            throw BadInputError(std::string("model config: ") + key + " has the wrong type");
        }
    };
    std::string kind = toString(c.kind), backbone = toString(c.backbone), likelihood = toString(c.likelihood);
    get("kind", kind);
    get("backbone", backbone);
    get("likelihood", likelihood);
    c.kind = modelKindFromString(kind);
    c.backbone = backboneFromString(backbone);
    c.likelihood = likelihoodFromString(likelihood);
    get("input_shape", c.inputShape);
    get("hidden", c.hidden);
    get("latent_dim", c.latentDim);
    get("beta", c.beta);
    get("kl_warmup_steps", c.klWarmupSteps);
    get("capacity_max", c.capacityMax);
    get("capacity_steps", c.capacitySteps);
    get("codebook_size", c.codebookSize);
    get("code_dim", c.codeDim);
    get("commitment", c.commitment);
    get("bottom_latent_dim", c.bottomLatentDim);
    get("num_classes", c.numClasses);
    get("class_prior", c.classPrior);
    return c;
}

ModelConfig ModelConfig::defaultsFor(const std::vector<std::int64_t>& inputShape, ModelKind kind)
{
    ModelConfig c;
    c.kind = kind;
    c.inputShape = inputShape;
    c.likelihood = inputShape.size() == 3 ? Likelihood::Bernoulli : Likelihood::Gaussian;
    if (inputShape.size() == 1) {
        const std::int64_t d = inputShape[0];
        const std::int64_t width = std::max<std::int64_t>(32, std::min<std::int64_t>(256, 4 * d));
        c.hidden = {width, width};
        c.latentDim = std::max<std::int64_t>(2, std::min<std::int64_t>(16, d / 2));
        c.codeDim = 2;
        c.latentDim += c.latentDim % 2;
        c.bottomLatentDim = c.latentDim;
    }
    if (kind == ModelKind::BetaVae)
        c.beta = 4.0;
    // With one N(0, I) for every class, a prior draw for class c lands where the encoder put other classes'
    // images, and the decoder draws those: the per-class prior makes the draws for c come from c's region
    // (tests/bench/bench_cvae_obedience measures it; README, "How far the CVAE obeys its label").
    c.classPrior = kind == ModelKind::ConditionalVae;
    return c;
}

bool operator==(const ModelConfig& a, const ModelConfig& b)
{
    return a.toJson() == b.toJson();
}

} // namespace latentlab
