#include "core/compare/comparison.h"

#include "core/analysis/anomaly_scores.h"
#include "core/analysis/encode_all.h"
#include "core/analysis/evaluation.h"
#include "core/analysis/generation.h"
#include "core/analysis/inference_scope.h"
#include "core/analysis/latent_walks.h"
#include "core/analysis/procrustes.h"
#include "core/analysis/projection.h"
#include "core/compare/model_summary.h"
#include "core/training/training_config.h"
#include "core/util/errors.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>

namespace latentlab {

namespace {

// Runs one panel's work; a model that cannot do it leaves the panel empty with the reason, and the
// comparison goes on with the next panel (a cancel still ends it all).
template <typename Fn>
void tryPanel(std::string& note, Fn&& fn)
{
    try {
        fn();
    } catch (const AnalysisCancelled&) {
        throw;
    } catch (const std::exception& e) {
        note = e.what();
    }
}

torch::Tensor priorSamples(LatentModel& model, const Dataset& data, const ComparisonOptions& options)
{
    if (model.kind() != ModelKind::ConditionalVae) {
        SampleOptions so;
        so.n = options.samples;
        so.seed = options.seed;
        return samplePrior(model, so).images;
    }
    // One class after another, under the same noise as every other model draws.
    at::Generator gen = seededGenerator(options.seed);
    const torch::Tensor noise = torch::randn({options.samples, model.latentDim()}, gen);
    const std::int64_t classes = std::max<std::int64_t>(1, model.config().numClasses);
    const torch::Tensor y = torch::arange(options.samples, torch::kInt64).remainder(classes);
    (void)data;
    return decodeLatents(model, priorLatentsFor(model, noise, y), y);
}

std::vector<ClassFigures> classFigures(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                                       const AnalysisControl* control)
{
    const InferenceScope scope(model);
    const torch::Device device = modelDevice(model);
    std::map<int, ClassFigures> byClass;
    constexpr std::size_t chunk = 500;
    std::vector<std::int64_t> idx;
    for (std::size_t i = 0; i < indices.size(); i += chunk) {
        throwIfCancelled(control);
        idx.assign(indices.begin() + static_cast<std::ptrdiff_t>(i),
                   indices.begin() + static_cast<std::ptrdiff_t>(std::min(indices.size(), i + chunk)));
        const torch::Tensor x = data.batch(idx).to(device);
        torch::Tensor y = modelLabels(model, data, idx);
        if (y.defined())
            y = y.to(device);
        const Encoding enc = model.encode(x, y);
        const torch::Tensor mse =
            (model.decodeMean(enc, y).reconstruction - x).pow(2).flatten(1).mean(1).to(torch::kCPU, torch::kDouble);
        const torch::Tensor kl =
            model.hasKl() ? model.klPerSample(enc).to(torch::kCPU, torch::kDouble) : torch::Tensor();
        for (std::size_t r = 0; r < idx.size(); ++r) {
            const int label = data.hasLabels() ? data.labels()[static_cast<std::size_t>(idx[r])] : -1;
            ClassFigures& f = byClass[label];
            f.label = label;
            ++f.samples;
            f.mse += mse[static_cast<std::int64_t>(r)].item<double>();
            if (kl.defined())
                f.kl += kl[static_cast<std::int64_t>(r)].item<double>();
        }
    }
    std::vector<ClassFigures> out;
    for (auto& [label, f] : byClass) {
        f.mse /= static_cast<double>(f.samples);
        f.kl = model.hasKl() ? f.kl / static_cast<double>(f.samples) : std::numeric_limits<double>::quiet_NaN();
        out.push_back(f);
    }
    return out;
}

} // namespace

std::vector<std::int64_t> spreadOverClasses(const Dataset& data, const std::vector<std::int64_t>& pool, std::int64_t n)
{
    std::vector<std::int64_t> out;
    if (n <= 0 || pool.empty())
        return out;
    if (!data.hasLabels()) {
        out.assign(pool.begin(), pool.begin() + std::min<std::ptrdiff_t>(n, static_cast<std::ptrdiff_t>(pool.size())));
        return out;
    }
    std::map<int, std::vector<std::int64_t>> byClass;
    for (const std::int64_t i : pool)
        byClass[data.labels()[static_cast<std::size_t>(i)]].push_back(i);
    for (std::size_t round = 0; static_cast<std::int64_t>(out.size()) < n; ++round) {
        bool any = false;
        for (const auto& [label, members] : byClass)
            if (round < members.size() && static_cast<std::int64_t>(out.size()) < n) {
                out.push_back(members[round]);
                any = true;
            }
        if (!any)
            break;
    }
    return out;
}

HeldOutPart heldOutPart(const Dataset& data, const TrainingConfig* firstTraining)
{
    HeldOutPart out;
    if (data.split().predefined) {
        out.indices = data.split().validation;
        out.part = "test";
    } else if (firstTraining) {
        try {
            out.indices = trainingSplit(data, *firstTraining).validation;
            out.part = "validation";
        } catch (const BadInputError&) {
            out.indices.clear(); // other data than the model trained on: its classes are not there
        }
    }
    if (out.indices.empty())
        out.part = "all";
    std::sort(out.indices.begin(), out.indices.end());
    return out;
}

Comparison compareModels(const std::vector<LatentModel*>& models, const Dataset& data,
                         const std::vector<std::int64_t>& heldOut, const std::string& part,
                         const ComparisonOptions& options, const AnalysisControl* control)
{
    if (models.empty() || models.size() > 4)
        throw BadInputError("a comparison takes 1 to 4 models, not " + std::to_string(models.size()));
    if (data.empty())
        throw BadInputError("a comparison needs data, and " + data.source + " holds no samples");
    std::vector<std::int64_t> pool = heldOut;
    if (pool.empty()) {
        pool.resize(static_cast<std::size_t>(data.size()));
        for (std::size_t i = 0; i < pool.size(); ++i)
            pool[i] = static_cast<std::int64_t>(i);
    }
    for (const std::int64_t end : {options.from, options.to})
        if (end < -1 || end >= data.size())
            throw BadInputError("the interpolation's end " + std::to_string(end) + " is outside " + data.source
                                + " (" + std::to_string(data.size()) + " samples)");

    Comparison out;
    out.part = part;
    out.layout = options.layout;
    out.seed = options.seed;
    out.inputs = spreadOverClasses(data, pool, options.reconstructions);
    out.inputImages = data.batch(out.inputs);
    out.from = options.from >= 0 ? options.from : out.inputs.front();
    out.to = options.to;
    if (out.to < 0) {
        for (const std::int64_t i : out.inputs)
            if (i != out.from && (!data.hasLabels() || data.labels()[static_cast<std::size_t>(i)]
                                                           != data.labels()[static_cast<std::size_t>(out.from)])) {
                out.to = i;
                break;
            }
        if (out.to < 0)
            out.to = pool.size() > 1 ? pool[1] : out.from;
    }
    out.layoutIndices = evenlyThinned(pool, options.layoutSamples);
    for (const std::int64_t i : out.layoutIndices)
        out.layoutLabels.push_back(data.hasLabels() ? data.labels()[static_cast<std::size_t>(i)] : -1);

    const torch::Tensor x = out.inputImages;
    torch::Tensor reference; // the first model's layout that every other is aligned onto
    const double perModel = 1.0 / static_cast<double>(models.size());
    for (std::size_t m = 0; m < models.size(); ++m) {
        LatentModel& model = *models[m];
        ModelPanels p;
        p.hasKl = model.hasKl();
        const auto report = [&](double within, const std::string& what) {
            throwIfCancelled(control);
            if (control)
                control->report((static_cast<double>(m) + within) * perModel, what);
        };
        report(0.0, "reconstructing");
        tryPanel(p.reconstructionsNote, [&] {
            const InferenceScope scope(model);
            const torch::Device device = modelDevice(model);
            torch::Tensor y = modelLabels(model, data, out.inputs);
            p.reconstructions =
                meanReconstruction(model, x.to(device), y.defined() ? y.to(device) : y).reconstruction.to(torch::kCPU);
        });
        report(0.1, "sampling");
        tryPanel(p.samplesNote, [&] { p.samples = priorSamples(model, data, options); });
        report(0.2, "interpolating");
        tryPanel(p.interpolationNote, [&] {
            p.interpolation = interpolateSamples(model, data, out.from, out.to, options.interpolationSteps,
                                                 Interpolation::Linear)
                                  .images;
        });
        report(0.3, "laying out");
        tryPanel(p.layoutNote, [&] {
            const torch::Tensor latents = encodeAll(model, data, out.layoutIndices);
            ProjectionRequest request;
            request.method = options.layout;
            torch::Tensor xy = project(latents, request, nullptr).xy;
            if (!reference.defined()) {
                reference = xy;
            } else {
                const ProcrustesFit fit = fitProcrustes(reference, xy);
                xy = fit.apply(xy);
                p.alignmentResidual = fit.residual;
            }
            p.layout = xy;
        });
        report(0.8, "per-class figures");
        tryPanel(p.perClassNote, [&] { p.perClass = classFigures(model, data, out.layoutIndices, control); });
        out.models.push_back(std::move(p));
    }
    if (control)
        control->report(1.0, "compared");
    return out;
}

} // namespace latentlab
