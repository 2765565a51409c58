// latentlab-cli project: a 2-D layout of the selected samples' latents (PCA, t-SNE, UMAP, two chosen dimensions
// or the 2-D latent itself) as CSV: index,x,y,label. Ctrl-C during t-SNE or UMAP stops it and writes the layout
// so far.
#include "app/cli/commands.h"
#include "app/cli/model_input.h"
#include "app/cli/progress_line.h"
#include "core/analysis/encode_all.h"
#include "core/analysis/projection.h"
#include "core/util/atomic_file.h"
#include "core/util/errors.h"
#include "core/util/text.h"

#include <nlohmann/json.hpp>

#include <array>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <iostream>

namespace latentlab::cli {
namespace {

// The control Ctrl-C cancels. A lock-free atomic store is safe in a signal handler.
std::atomic<AnalysisControl*> gControl{nullptr};

extern "C" void onProjectInterrupt(int)
{
    if (AnalysisControl* c = gControl.load())
        c->cancel();
}

// Restores the previous handlers however the command ends.
class InterruptScope {
public:
    explicit InterruptScope(AnalysisControl& control)
    {
        gControl.store(&control);
        previousInt_ = std::signal(SIGINT, onProjectInterrupt);
        previousTerm_ = std::signal(SIGTERM, onProjectInterrupt);
    }
    ~InterruptScope()
    {
        std::signal(SIGINT, previousInt_);
        std::signal(SIGTERM, previousTerm_);
        gControl.store(nullptr);
    }
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;

private:
    void (*previousInt_)(int) = SIG_DFL;
    void (*previousTerm_)(int) = SIG_DFL;
};

std::array<std::int64_t, 2> parseDims(const std::string& text)
{
    long long a = -1, b = -1;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%lld,%lld%c", &a, &b, &tail) != 2 || a < 0 || b < 0)
        throw BadInputError("--dims: '" + text + "' is not two dimension numbers like 0,1");
    return {a, b};
}

void writeLayout(const std::string& path, const torch::Tensor& xyIn, const DataSelection& data)
{
    const torch::Tensor xy = xyIn.contiguous();
    const float* v = xy.data_ptr<float>();
    std::string out = "index,x,y,label\n";
    out.reserve(static_cast<std::size_t>(xy.size(0)) * 40);
    char buf[96];
    for (std::int64_t r = 0; r < xy.size(0); ++r) {
        const std::int64_t i = data.indices[static_cast<std::size_t>(r)];
        // %.9g round-trips every float; an unlabelled set leaves the label field empty.
        const int n =
            std::snprintf(buf, sizeof buf, "%lld,%.9g,%.9g,", static_cast<long long>(i), v[2 * r], v[2 * r + 1]);
        out.append(buf, static_cast<std::size_t>(n));
        if (data.dataset.hasLabels())
            out += std::to_string(data.dataset.labels()[static_cast<std::size_t>(i)]);
        out += '\n';
    }
    writeFileAtomically(path, out.data(), out.size());
}

} // namespace

int runProject(const std::vector<std::string>& argv)
{
    std::set<std::string> options{"model", "out", "threads", "batch", "method", "dims", "perplexity",
                                  "iterations", "seed", "layer", "neighbors", "min-dist", "metric", "epochs"};
    options.insert(dataOptions().begin(), dataOptions().end());
    const Args args(argv, {"json"}, options);
    if (!args.positional().empty())
        throw BadInputError("project takes only options (see latentlab-cli project --help)");
    const std::string out = args.value("out");
    if (out.empty() || !endsWith(out, ".csv"))
        throw BadInputError("--out must name a .csv file for the layout");
    if (!args.has("method"))
        throw BadInputError("--method is required: pca, tsne, umap, dims or latent");
    ProjectionRequest request;
    request.method = projectionMethodFromString(args.value("method"));
    if (request.method == ProjectionMethod::Axes)
        throw BadInputError("custom axes are laid out in the explorer; project offers pca, tsne, umap, dims and latent");
    if (request.method == ProjectionMethod::Imported)
        throw BadInputError("--method imported is a layout read from a file, which project does not compute: choose pca, "
                            "tsne, umap, dims or latent");
    if (args.has("dims") && request.method != ProjectionMethod::Dims)
        throw BadInputError("--dims goes with --method dims");
    if (args.has("dims"))
        request.dims = parseDims(args.value("dims"));
    request.tsne.perplexity = args.real("perplexity", request.tsne.perplexity, 0.5, 10000.0);
    request.tsne.iterations = static_cast<int>(args.integer("iterations", request.tsne.iterations, 0, 1'000'000));
    request.tsne.seed = static_cast<std::uint64_t>(args.integer("seed", 0, 0, 1LL << 62));
    const bool umap = request.method == ProjectionMethod::Umap;
    for (const char* option : {"neighbors", "min-dist", "metric", "epochs"})
        if (args.has(option) && !umap)
            throw BadInputError(std::string("--") + option + " goes with --method umap");
    for (const char* option : {"perplexity", "iterations"})
        if (args.has(option) && umap)
            throw BadInputError(std::string("--") + option + " is for t-SNE; UMAP takes --neighbors, --min-dist, "
                                "--metric and --epochs");
    request.umap.neighbours = static_cast<int>(args.integer("neighbors", request.umap.neighbours, 2, 1000));
    request.umap.minDist = args.real("min-dist", request.umap.minDist, 0.0, request.umap.spread);
    if (args.has("metric"))
        request.umap.metric = umapMetricFromString(args.value("metric"));
    request.umap.epochs = static_cast<int>(args.integer("epochs", 0, 1, 100'000));
    request.umap.seed = request.tsne.seed;
    EncodeOptions encode;
    encode.layer = static_cast<int>(args.integer("layer", -1, -1, 64));
    encode.batchSize = args.integer("batch", 1000, 1, 65536);
    const bool json = args.has("json");

    ModelAndData in = openModelAndData(args, "test");
    ProgressLine progress;
    const bool tsne = request.method == ProjectionMethod::Tsne || umap;
    // Encoding takes a few percent of a t-SNE or UMAP run and all of the others.
    const double encodeShare = tsne ? 0.02 : 0.9;
    double base = 0.0, share = encodeShare;
    AnalysisControl control([&](double f, const std::string& what) { progress.update(base + share * f, what); });
    const InterruptScope interrupts(control);
    const auto start = std::chrono::steady_clock::now();
    EncodedSet latents;
    try {
        latents = encodeDataset(*in.model.model, in.data.dataset, in.data.indices, encode, &control);
    } catch (const AnalysisCancelled&) {
        progress.clear();
        std::cerr << "latentlab-cli: interrupted while encoding; nothing written\n";
        return 1;
    }
    base = encodeShare;
    share = 1.0 - encodeShare;
    const Projection p = project(latents.latents, request, &control);
    progress.clear();
    writeLayout(out, p.xy, in.data);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

    if (json) {
        nlohmann::json j{{"out", out},         {"rows", p.points()},  {"method", toString(p.method)},
                         {"latent", latents.what}, {"latent_dims", p.latentDims}, {"seconds", seconds},
                         {"description", p.describe()}};
        if (p.method == ProjectionMethod::Dims || p.method == ProjectionMethod::Latent)
            j["dims"] = {p.dims[0], p.dims[1]};
        if (p.pca) {
            const torch::Tensor r = p.pca->explainedVarianceRatio().to(torch::kFloat64).contiguous();
            j["explained_variance_ratio"] = std::vector<double>(r.data_ptr<double>(), r.data_ptr<double>() + r.numel());
        }
        if (p.tsne)
            j.update({{"iterations", p.tsne->iterations},
                      {"stopped_early", p.tsne->stoppedEarly},
                      {"kl_divergence", p.tsne->klDivergence},
                      {"perplexity", p.tsne->perplexity}});
        if (p.umap)
            j.update({{"epochs", p.umap->epochs},
                      {"requested_epochs", p.umap->requestedEpochs},
                      {"stopped_early", p.umap->stoppedEarly},
                      {"neighbors", p.umap->neighbours},
                      {"min_dist", p.umapOptions.minDist},
                      {"metric", toString(p.umapOptions.metric)},
                      {"init", p.umap->init}});
        std::cout << j.dump() << std::endl;
    } else {
        char secs[32];
        std::snprintf(secs, sizeof secs, "%.1f s", seconds);
        std::cout << "wrote " << p.describe() << " to " << out << " (" << secs << ")" << std::endl;
    }
    if (p.stoppedEarly()) {
        std::cerr << "latentlab-cli: interrupted at "
                  << (p.tsne ? "t-SNE iteration " + std::to_string(p.tsne->iterations)
                             : "UMAP epoch " + std::to_string(p.umap->epochs))
                  << "; the layout so far is in " << out << "\n";
        return 1;
    }
    return 0;
}

} // namespace latentlab::cli
