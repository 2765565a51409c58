#include "core/export/onnx_export.h"

#include "core/export/model_export.h"
#include "core/export/onnx_layers.h"
#include "core/util/errors.h"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace latentlab {
namespace {

using onnx::Attribute;
using onnx::Dim;
using onnx::ElementType;
using onnx::Graph;
using onnx::ModelGraph;

bool conditional(const ModelConfig& c)
{
    return c.kind == ModelKind::ConditionalVae;
}

std::vector<Dim> batchOf(const std::vector<std::int64_t>& dims)
{
    std::vector<Dim> out{Dim::named("N")};
    for (const auto d : dims)
        out.push_back(Dim::fixed(d));
    return out;
}

// The nodes of one encoding at the posterior mean, as LatentModel::encode gives it in eval mode.
struct EncodingNodes {
    std::string mu, logvar;   // the layer the views use (the top one of the hierarchical VAE)
    std::string mu1, logvar1; // the hierarchical VAE's bottom layer
    std::string z;            // the autoencoder's code, the VQ-VAE's quantized vectors [N, P*D]
    std::string codes;        // the VQ-VAE's code per position [N, P]
    std::string quantizedRows;// the VQ-VAE's quantized vectors as [N*P, D]
};

// The conditional VAE's label, or nothing for the other families.
std::string labelOf(const ModelGraph& m, const std::string& label)
{
    return conditional(m.config()) ? label : std::string();
}

// named: give the outputs the encoder's names (mu, logvar, z, codes).
EncodingNodes encodeNodes(ModelGraph& m, const std::string& x, const std::string& label, bool named)
{
    const ModelConfig& c = m.config();
    auto name = [&](const char* n) { return named ? std::string(n) : std::string(); };
    EncodingNodes e;
    switch (c.kind) {
    case ModelKind::Autoencoder:
        e.z = m.linear(m.featureEncoder(x, "encoder"), "head", false, name("z"));
        break;
    case ModelKind::Vae:
    case ModelKind::BetaVae:
    case ModelKind::ConditionalVae: {
        const std::string h = m.featureEncoder(x, "encoder");
        e.mu = m.linearOfPair(h, labelOf(m, label), "mu", false, name("mu"));
        e.logvar = m.linearOfPair(h, labelOf(m, label), "logvar", false, name("logvar"));
        break;
    }
    case ModelKind::HierarchicalVae: {
        const std::string h = m.featureEncoder(x, "encoder");
        e.mu1 = m.linear(h, "mu1", false);
        e.logvar1 = m.linear(h, "logvar1", false);
        const std::string up = m.linear(e.mu1, "up.0", true);
        e.mu = m.linear(up, "mu2", false, name("mu"));
        e.logvar = m.linear(up, "logvar2", false, name("logvar"));
        break;
    }
    case ModelKind::VqVae: {
        const std::int64_t d = c.codeDim, p = c.vqPositions();
        std::string rows;
        if (c.backbone == Backbone::Conv) {
            // [N, D, h, w] -> [N, h, w, D]: positions in row-major order, as VqVaeImpl::encodeVectors permutes.
            const std::string grid = m.spatialEncoder(x, "encoder");
            rows = m.reshape(m.graph().node("Transpose", {grid}, {Attribute::integers("perm", {0, 2, 3, 1})}), {d});
        } else {
            rows = m.reshape(m.linear(m.featureEncoder(x, "encoder"), "head", false), {d});
        }
        auto [codes, chosen] = m.quantize(rows);
        e.quantizedRows = chosen;
        e.z = m.reshape(chosen, {p * d}, name("z"));
        e.codes = m.reshape(codes, {p}, name("codes"));
        break;
    }
    }
    return e;
}

// The VQ-VAE's decoder from quantized rows [N*P, D].
std::string decodeQuantized(ModelGraph& m, const std::string& rows)
{
    const ModelConfig& c = m.config();
    if (c.backbone == Backbone::Conv) {
        const std::string cells = m.reshape(rows, {c.inputShape[1] / 4, c.inputShape[2] / 4, c.codeDim});
        return m.spatialDecoder(m.graph().node("Transpose", {cells}, {Attribute::integers("perm", {0, 3, 1, 2})}), "decoder");
    }
    return m.flatDecoder(m.reshape(rows, {c.vqPositions() * c.codeDim}), "decoder");
}

// decode(z) of the family: flat decoder output [N, values] (logits for Bernoulli).
std::string decodeFlat(ModelGraph& m, const std::string& z, const std::string& label)
{
    const ModelConfig& c = m.config();
    switch (c.kind) {
    case ModelKind::HierarchicalVae:
        // decode(z2) goes through the mean of p(z1|z2).
        return m.flatDecoder(m.linear(m.linear(z, "down.0", true), "prior_mu1", false), "decoder");
    case ModelKind::VqVae:
        // decode snaps z to the codebook first: the decoder only sees what the model can produce.
        return decodeQuantized(m, m.quantize(m.reshape(z, {c.codeDim})).second);
    default:
        return m.flatDecoder(z, "decoder", labelOf(m, label));
    }
}

// decodeMean(encoding): what the anomaly scores compare against.
std::string decodeMeanFlat(ModelGraph& m, const EncodingNodes& e, const std::string& label)
{
    switch (m.config().kind) {
    case ModelKind::Autoencoder:
        return m.flatDecoder(e.z, "decoder");
    case ModelKind::HierarchicalVae:
        return m.flatDecoder(e.mu1, "decoder");
    case ModelKind::VqVae:
        return decodeQuantized(m, e.quantizedRows);
    default:
        return m.flatDecoder(e.mu, "decoder", labelOf(m, label));
    }
}

// KL(N(mu, e^lv) || N(0, I)) per sample [N, 1]: 0.5 * sum(e^lv + mu^2 - lv - 1), gaussianKlPerDim's terms.
std::string klStandard(ModelGraph& m, const std::string& mu, const std::string& lv, std::int64_t d)
{
    Graph& g = m.graph();
    const std::string t = g.node("Add", {g.node("Sub", {g.node("Add", {g.node("Exp", {lv}), g.node("Mul", {mu, mu})}), lv}),
                                         m.scalar(-1.0f)});
    return m.rowSum(t, d, 0.5f);
}

// KL(N(mu, e^lv) || N(pm, e^plv)) per sample [N, 1]: 0.5 * sum(plv - lv + (e^lv + (mu - pm)^2) / e^plv - 1).
std::string klAgainst(ModelGraph& m, const std::string& mu, const std::string& lv, const std::string& pm,
                      const std::string& plv, std::int64_t d)
{
    Graph& g = m.graph();
    const std::string diff = g.node("Sub", {mu, pm});
    const std::string ratio = g.node("Div", {g.node("Add", {g.node("Exp", {lv}), g.node("Mul", {diff, diff})}), g.node("Exp", {plv})});
    const std::string t = g.node("Add", {g.node("Add", {g.node("Sub", {plv, lv}), ratio}), m.scalar(-1.0f)});
    return m.rowSum(t, d, 0.5f);
}

std::string klOf(ModelGraph& m, const EncodingNodes& e, const std::string& label)
{
    const ModelConfig& c = m.config();
    Graph& g = m.graph();
    if (c.kind == ModelKind::HierarchicalVae) {
        // The bottom layer against p(z1|z2) at z2's mean, as HierarchicalVaeImpl::klPerSample takes it.
        const std::string h = m.linear(e.mu, "down.0", true);
        const std::string bottom = klAgainst(m, e.mu1, e.logvar1, m.linear(h, "prior_mu1", false),
                                             m.linear(h, "prior_logvar1", false), c.bottomLatentDim);
        return g.node("Add", {bottom, klStandard(m, e.mu, e.logvar, c.latentDim)});
    }
    if (conditional(c) && c.classPrior) {
        // Each row's class prior: the one-hot label times the table of class means (and log-variances).
        const std::string pm = g.node("MatMul", {label, m.stateConstant("prior_mu")});
        const std::string plv = g.node("MatMul", {label, m.stateConstant("prior_logvar")});
        return klAgainst(m, e.mu, e.logvar, pm, plv, c.latentDim);
    }
    return klStandard(m, e.mu, e.logvar, c.latentDim);
}

// Per-sample sums [N, 1] of the Bernoulli reconstruction term from logits: softplus(l) - x l.
std::string bceFromLogits(ModelGraph& m, const std::string& logits, const std::string& x, std::int64_t n,
                          const std::string& out = {})
{
    Graph& g = m.graph();
    return m.rowSum(g.node("Sub", {g.node("Softplus", {logits}), g.node("Mul", {logits, x})}), n, 1.0f, out);
}

// BCE of means r (no logits: a Gaussian-likelihood model scored by bce), r clamped to [eps, 1 - eps] as
// anomaly_scores.cpp clamps it, with ReLUs (Clip is not in every runtime).
std::string bceFromMeans(ModelGraph& m, const std::string& r, const std::string& x, std::int64_t n, const std::string& out)
{
    Graph& g = m.graph();
    constexpr float eps = 1e-6f;
    const std::string low = g.node("Add", {m.relu(g.node("Sub", {r, m.scalar(eps)})), m.scalar(eps)});
    const std::string c = g.node("Sub", {low, m.relu(g.node("Sub", {r, m.scalar(1.0f - eps)}))});
    const auto oneMinus = [&](const std::string& v) { return g.node("Add", {g.node("Neg", {v}), m.scalar(1.0f)}); };
    const std::string ll = g.node("Add", {g.node("Mul", {x, g.node("Log", {c})}), g.node("Mul", {oneMinus(x), g.node("Log", {oneMinus(c)})})});
    return m.rowSum(ll, n, -1.0f, out);
}

void addInputs(Graph& g, const ModelConfig& c, const std::string& x, const std::vector<std::int64_t>& dims, const std::string& doc)
{
    // The label goes first: OpenCV 4.6 mistakes the shapes of a graph whose image input comes before a flat one.
    // Runtimes feed inputs by name, so the order is otherwise immaterial.
    if (conditional(c))
        g.addInput("label_onehot", ElementType::Float, batchOf({c.numClasses}),
                   "the class of each row as a one-hot row of " + std::to_string(c.numClasses) + " values");
    g.addInput(x, ElementType::Float, batchOf(dims), doc);
}

std::string encoderGraph(LatentModel& model, const std::string& version)
{
    const ModelConfig& c = model.config();
    Graph g("latentlab_encoder");
    ModelGraph m(g, c, onnx::namedState(model));
    addInputs(g, c, "x", c.inputShape, "samples in the model's units: values in [0, 1] as LatentLab scales them");
    const EncodingNodes e = encodeNodes(m, "x", "label_onehot", true);
    const std::int64_t latent = model.latentDim();
    if (c.kind == ModelKind::Autoencoder) {
        g.addOutput("z", ElementType::Float, batchOf({latent}), "the code");
    } else if (c.kind == ModelKind::VqVae) {
        g.addOutput("z", ElementType::Float, batchOf({latent}), "the quantized vectors, position after position");
        g.addOutput("codes", ElementType::Int64, batchOf({c.vqPositions()}), "the codebook index at each position");
    } else {
        g.addOutput("mu", ElementType::Float, batchOf({latent}), "the posterior mean");
        g.addOutput("logvar", ElementType::Float, batchOf({latent}), "the posterior log-variance");
    }
    return g.serialize(version, onnxMetadata(model, version, nullptr));
}

std::string reconstructionOf(ModelGraph& m, const std::string& flat, const std::string& out)
{
    const std::string means = m.config().likelihood == Likelihood::Bernoulli ? m.graph().node("Sigmoid", {flat}) : flat;
    return m.reshapeSamples(means, m.config().inputShape, out);
}

std::string decoderGraph(LatentModel& model, const std::string& version)
{
    const ModelConfig& c = model.config();
    Graph g("latentlab_decoder");
    ModelGraph m(g, c, onnx::namedState(model));
    addInputs(g, c, "z", {model.latentDim()}, "latent codes, as the encoder gives them");
    reconstructionOf(m, decodeFlat(m, "z", "label_onehot"), "reconstruction");
    g.addOutput("reconstruction", ElementType::Float, batchOf(c.inputShape),
                c.likelihood == Likelihood::Bernoulli ? "Bernoulli means in [0, 1]" : "Gaussian means");
    return g.serialize(version, onnxMetadata(model, version, nullptr));
}

std::string scorerGraph(LatentModel& model, const std::string& version, const OnnxScorerSpec& spec)
{
    const ModelConfig& c = model.config();
    checkAnomalyScore(model, spec.score);
    const std::int64_t n = c.inputNumel();
    const bool perFeature = !c.isImage();
    if (spec.ranges.size() != (perFeature ? static_cast<std::size_t>(n) : 1u))
        throw BadInputError("the scorer needs the training data's value range" + std::string(perFeature ? " of every feature" : "")
                            + ", and the model's record has " + std::to_string(spec.ranges.size()));
    Graph g("latentlab_scorer");
    ModelGraph m(g, c, onnx::namedState(model));
    addInputs(g, c, "x", c.inputShape,
              c.isImage() ? "images in the data's units (0-255 for 8-bit pixels)" : "table rows in the data's units");
    // Into the model's units: (v - min) / (max - min), as the loaders scale (dataset.h); one range for all
    // pixels, one per table feature.
    std::vector<float> mins, inverseSpans;
    for (const ValueRange& r : spec.ranges) {
        mins.push_back(static_cast<float>(r.min));
        inverseSpans.push_back(r.max > r.min ? static_cast<float>(1.0 / (r.max - r.min)) : 1.0f);
    }
    const std::vector<std::int64_t> rangeDims{static_cast<std::int64_t>(mins.size())};
    const std::string x01 = g.node("Mul", {g.node("Sub", {"x", m.floats("min", rangeDims, mins)}), m.floats("inv_span", rangeDims, inverseSpans)});
    const EncodingNodes e = encodeNodes(m, x01, "label_onehot", false);
    const std::string flat = decodeMeanFlat(m, e, "label_onehot");
    const std::string xf = m.flatten(x01);
    const bool bernoulli = c.likelihood == Likelihood::Bernoulli;
    std::string score;
    switch (spec.score) {
    case AnomalyScore::Mse: {
        const std::string d = g.node("Sub", {bernoulli ? g.node("Sigmoid", {flat}) : flat, xf});
        score = m.rowSum(g.node("Mul", {d, d}), n, 1.0f / static_cast<float>(n), "score");
        break;
    }
    case AnomalyScore::Bce:
        score = bernoulli ? bceFromLogits(m, flat, xf, n, "score") : bceFromMeans(m, flat, xf, n, "score");
        break;
    case AnomalyScore::NegElbo: {
        std::string recon;
        if (bernoulli) {
            recon = bceFromLogits(m, flat, xf, n);
        } else {
            const std::string d = g.node("Sub", {flat, xf});
            recon = m.rowSum(g.node("Mul", {d, d}), n);
        }
        score = g.node("Add", {recon, klOf(m, e, "label_onehot")}, {}, "score");
        break;
    }
    }
    // flagged = score > threshold, as argmax over [threshold, score]: ties go to the first, so a score equal to
    // the threshold is not flagged (anomaly_threshold.h). Greater is not in every runtime.
    const std::string thresholdColumn = g.node("Add", {g.node("Mul", {score, m.scalar(0.0f)}), m.scalar(static_cast<float>(spec.threshold))});
    const std::string both = g.node("Concat", {thresholdColumn, score}, {Attribute::integer("axis", 1)});
    const std::string above = g.node("ArgMax", {both}, {Attribute::integer("axis", 1), Attribute::integer("keepdims", 1)});
    g.node("Cast", {above}, {Attribute::integer("to", static_cast<std::int64_t>(ElementType::Float))}, "flagged");
    g.addOutput("score", ElementType::Float, batchOf({1}), "LatentLab's anomaly score by " + toString(spec.score) + ", higher = more anomalous");
    g.addOutput("flagged", ElementType::Float, batchOf({1}), "1 where the score is above the threshold, else 0");
    return g.serialize(version, onnxMetadata(model, version, &spec));
}

} // namespace

std::vector<std::pair<std::string, std::string>> onnxMetadata(const LatentModel& model, const std::string& version,
                                                              const OnnxScorerSpec* scorer)
{
    std::vector<std::pair<std::string, std::string>> out{
        {"latentlab.version", version},
        {"latentlab.model", toString(model.config().kind)},
        {"latentlab.backbone", toString(model.config().backbone)},
        {"latentlab.config", model.config().toJson().dump()},
    };
    if (scorer) {
        char threshold[64];
        std::snprintf(threshold, sizeof threshold, "%.9g", scorer->threshold);
        nlohmann::json ranges = nlohmann::json::array();
        for (const ValueRange& r : scorer->ranges)
            ranges.push_back({r.min, r.max});
        out.emplace_back("latentlab.score", toString(scorer->score));
        out.emplace_back("latentlab.threshold", threshold);
        out.emplace_back("latentlab.threshold_rule", scorer->thresholdRule);
        out.emplace_back("latentlab.input_ranges", ranges.dump());
    }
    return out;
}

OnnxExport exportOnnx(LatentModel& model, const std::string& producerVersion, const OnnxScorerSpec* scorer)
{
    checkExportable(model);
    torch::NoGradGuard noGrad;
    OnnxExport out;
    out.encoder = encoderGraph(model, producerVersion);
    out.decoder = decoderGraph(model, producerVersion);
    if (scorer)
        out.scorer = scorerGraph(model, producerVersion, *scorer);
    return out;
}

} // namespace latentlab
