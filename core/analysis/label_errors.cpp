#include "core/analysis/label_errors.h"

#include "core/analysis/anomaly_scores.h"
#include "core/analysis/encode_all.h"
#include "core/analysis/inference_scope.h"
#include "core/analysis/tsne_affinities.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace latentlab {
namespace {

constexpr int kMaxLabelNeighbours = 1000;

std::string labelDataName(const Dataset& data)
{
    return data.source.empty() ? std::string("the dataset") : displayName(data.source);
}

// -ELBO(x | c) for every sample and class, [B, C] float64: the B samples repeated C times make one forward of
// B*C rows (sample-major: row b*C + c is sample b under class c), each at its posterior mean.
torch::Tensor negElboUnderEveryClass(LatentModel& model, const torch::Tensor& x, std::int64_t classes)
{
    const std::int64_t b = x.size(0);
    const torch::Tensor xs = x.repeat_interleave(classes, 0);
    const auto int64 = torch::TensorOptions().dtype(torch::kInt64).device(x.device());
    const torch::Tensor ys = torch::arange(classes, int64).repeat({b});
    const torch::Tensor e = scoreBatch(model, xs, ys, AnomalyScore::NegElbo).reshape({b, classes});
    return e.to(torch::kCPU, torch::kDouble).contiguous();
}

std::vector<LabelSuspect> conditionalSuspects(LatentModel& model, const Dataset& data,
                                              const std::vector<std::int64_t>& indices, const LabelOptions& options,
                                              const AnalysisControl* control)
{
    c10::InferenceMode inference;
    const InferenceScope evalMode(model);
    const torch::Device device = modelDevice(model);
    const std::int64_t classes = data.numClasses();
    const auto chunk = static_cast<std::size_t>(std::max<std::int64_t>(1, options.batchSize));
    std::vector<LabelSuspect> out;
    out.reserve(indices.size());
    std::vector<std::int64_t> idx;
    for (std::size_t i = 0; i < indices.size(); i += chunk) {
        if (control && control->cancelled())
            throw AnalysisCancelled{};
        idx.assign(indices.begin() + static_cast<std::ptrdiff_t>(i),
                   indices.begin() + static_cast<std::ptrdiff_t>(std::min(indices.size(), i + chunk)));
        const torch::Tensor e = negElboUnderEveryClass(model, data.batch(idx).to(device), classes);
        const double* rows = e.data_ptr<double>();
        for (std::size_t r = 0; r < idx.size(); ++r) {
            const double* row = rows + static_cast<std::ptrdiff_t>(r) * classes;
            LabelSuspect s;
            s.index = idx[r];
            s.given = data.labels()[static_cast<std::size_t>(idx[r])];
            double best = std::numeric_limits<double>::infinity();
            for (std::int32_t c = 0; c < classes; ++c) {
                // A NaN explains nothing; the first other class stands in when every one is NaN.
                const double v = std::isnan(row[c]) ? std::numeric_limits<double>::infinity() : row[c];
                if (c != s.given && (v < best || s.suggested < 0)) {
                    best = v;
                    s.suggested = c;
                }
            }
            s.score = row[s.given] - best;
            out.push_back(s);
        }
        if (control)
            control->report(static_cast<double>(out.size()) / static_cast<double>(indices.size()),
                            "scoring labels under every class");
    }
    return out;
}

std::vector<LabelSuspect> neighbourSuspects(LatentModel& model, const Dataset& data,
                                            const std::vector<std::int64_t>& indices, const LabelOptions& options,
                                            const AnalysisControl* control)
{
    EncodeOptions encode;
    encode.batchSize = std::max<std::int64_t>(1, options.batchSize);
    const torch::Tensor latents = encodeDataset(model, data, indices, encode, control).latents;
    tsne::ChunkRunner runner(std::max(1, at::get_num_threads()));
    const tsne::Neighbours nn = tsne::nearestNeighbours(latents, options.k, runner, [&](double fraction) {
        if (control && control->cancelled())
            throw AnalysisCancelled{};
        if (control)
            control->report(fraction, "finding each sample's nearest neighbours");
    });
    const std::int64_t* near = nn.indices.data_ptr<std::int64_t>();
    const std::vector<std::int32_t>& labels = data.labels();
    std::vector<LabelSuspect> out(indices.size());
    std::vector<int> votes(static_cast<std::size_t>(data.numClasses()));
    for (std::size_t i = 0; i < indices.size(); ++i) {
        LabelSuspect& s = out[i];
        s.index = indices[i];
        s.given = labels[static_cast<std::size_t>(s.index)];
        std::fill(votes.begin(), votes.end(), 0);
        int other = 0;
        const std::int64_t* row = near + static_cast<std::ptrdiff_t>(i) * options.k;
        for (int t = 0; t < options.k; ++t) {
            const std::int32_t l = labels[static_cast<std::size_t>(indices[static_cast<std::size_t>(row[t])])];
            ++votes[static_cast<std::size_t>(l)];
            other += l != s.given;
        }
        // Ties go to the tied label met first among the neighbours, nearest first.
        const int most = *std::max_element(votes.begin(), votes.end());
        for (int t = 0; t < options.k && s.suggested < 0; ++t) {
            const std::int32_t l = labels[static_cast<std::size_t>(indices[static_cast<std::size_t>(row[t])])];
            if (votes[static_cast<std::size_t>(l)] == most)
                s.suggested = l;
        }
        s.score = static_cast<double>(other) / static_cast<double>(options.k);
    }
    return out;
}

} // namespace

std::string toString(LabelMethod method)
{
    return method == LabelMethod::Conditional ? "conditional" : "neighbors";
}

LabelMethod labelMethodFromString(const std::string& name)
{
    if (name == "conditional")
        return LabelMethod::Conditional;
    if (name == "neighbors" || name == "neighbours")
        return LabelMethod::Neighbours;
    throw BadInputError("label method '" + name + "' is not one of conditional, neighbors");
}

LabelMethod defaultLabelMethod(const LatentModel& model)
{
    return model.kind() == ModelKind::ConditionalVae ? LabelMethod::Conditional : LabelMethod::Neighbours;
}

int defaultLabelNeighbours(const Dataset& data, const std::vector<std::int64_t>& indices)
{
    if (!data.hasLabels())
        return 10;
    std::vector<std::int64_t> counts(static_cast<std::size_t>(data.numClasses()));
    for (const std::int64_t i : indices)
        if (i >= 0 && i < data.size())
            ++counts[static_cast<std::size_t>(data.labels()[static_cast<std::size_t>(i)])];
    std::int64_t smallest = std::numeric_limits<std::int64_t>::max();
    for (const std::int64_t c : counts)
        if (c > 0)
            smallest = std::min(smallest, c);
    const std::int64_t k = std::min<std::int64_t>(kDefaultLabelNeighbours, smallest / 4);
    const auto below = static_cast<std::int64_t>(indices.size()) - 1; // k must leave a sample to spare
    return static_cast<int>(std::max<std::int64_t>(1, std::min(k, below)));
}

void checkLabelScoring(const LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                       const LabelOptions& options)
{
    if (!data.hasLabels())
        throw BadInputError(labelDataName(data) + " has no labels, so there are no labels to check"
                            " (load it with its labels file or label column)");
    if (indices.empty())
        throw BadInputError("no samples to score: the selection is empty");
    for (const std::int64_t i : indices)
        if (i < 0 || i >= data.size())
            throw BadInputError("sample " + std::to_string(i) + " is not in " + labelDataName(data) + " (it has "
                                + std::to_string(data.size()) + " samples)");
    if (options.batchSize < 1)
        throw BadInputError("the batch size for label scores must be at least 1");
    if (options.method == LabelMethod::Conditional) {
        if (model.kind() != ModelKind::ConditionalVae)
            throw ModelMismatchError("the conditional label score needs a conditional VAE, and this is a "
                                     + toString(model.kind()) + " model (use the neighbors score)");
        if (model.config().numClasses != data.numClasses())
            throw ModelMismatchError("the model is conditioned on " + std::to_string(model.config().numClasses)
                                     + " classes but " + labelDataName(data) + " has "
                                     + std::to_string(data.numClasses()));
        if (data.numClasses() < 2)
            throw BadInputError(labelDataName(data)
                                + " has a single class, so no other label can explain a sample better");
        return;
    }
    if (options.k < 1 || options.k > kMaxLabelNeighbours)
        throw BadInputError("k = " + std::to_string(options.k) + " neighbours is outside 1.."
                            + std::to_string(kMaxLabelNeighbours));
    if (static_cast<std::size_t>(options.k) >= indices.size())
        throw BadInputError("k = " + std::to_string(options.k) + " neighbours needs more than "
                            + std::to_string(options.k) + " samples, and " + std::to_string(indices.size()) + " are scored");
}

std::vector<LabelSuspect> scoreLabels(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                                      const LabelOptions& options, const AnalysisControl* control)
{
    checkLabelScoring(model, data, indices, options);
    if (options.method == LabelMethod::Conditional)
        return conditionalSuspects(model, data, indices, options, control);
    return neighbourSuspects(model, data, indices, options, control);
}

std::vector<std::size_t> rankLabelSuspects(const std::vector<LabelSuspect>& suspects)
{
    std::vector<std::size_t> order(suspects.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    // NaN first, as the anomaly ranking does: a sample the model cannot score at all deserves a look.
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const LabelSuspect& x = suspects[a];
        const LabelSuspect& y = suspects[b];
        const bool nx = std::isnan(x.score), ny = std::isnan(y.score);
        if (nx != ny)
            return nx;
        if (!nx && x.score != y.score)
            return x.score > y.score;
        return x.index < y.index;
    });
    return order;
}

std::vector<std::vector<std::int64_t>> labelConfusion(const std::vector<LabelSuspect>& suspects, int numClasses)
{
    const auto n = static_cast<std::size_t>(std::max(0, numClasses));
    std::vector<std::vector<std::int64_t>> counts(n, std::vector<std::int64_t>(n));
    for (const LabelSuspect& s : suspects) {
        if (s.given < 0 || s.given >= numClasses || s.suggested < 0 || s.suggested >= numClasses)
            throw BadInputError("sample " + std::to_string(s.index) + " has a label outside the "
                                + std::to_string(numClasses) + " classes");
        ++counts[static_cast<std::size_t>(s.given)][static_cast<std::size_t>(s.suggested)];
    }
    return counts;
}

} // namespace latentlab
