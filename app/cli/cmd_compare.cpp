// latentlab-cli compare: 2 to 4 models (or a folder of checkpoints) side by side on one dataset: the models
// table (printed, and as CSV with --csv) and a self-contained HTML report with the overlaid curves,
// reconstructions, samples, interpolations, aligned scatters and per-class figures.
#include "app/cli/commands.h"
#include "app/cli/data_selection.h"
#include "app/cli/progress_line.h"
#include "core/analysis/projection_method.h"
#include "core/compare/comparison_report.h"
#include "core/compare/summary_table.h"
#include "core/models/torchscript_model.h"
#include "core/training/model_file.h"
#include "core/util/errors.h"
#include "core/util/file_io.h"
#include "core/util/torch_threads.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <optional>

namespace latentlab::cli {

namespace {

namespace fs = std::filesystem;

// A folder stands for the LatentLab checkpoints in it (by name); a file for itself.
std::vector<std::string> modelPaths(const Args& args)
{
    std::vector<std::string> given;
    if (args.has("models"))
        given.push_back(args.value("models"));
    given.insert(given.end(), args.positional().begin(), args.positional().end());
    std::vector<std::string> out;
    for (const std::string& p : given) {
        std::error_code ec;
        if (!fs::is_directory(p, ec)) {
            out.push_back(p);
            continue;
        }
        std::vector<std::string> found;
        for (const auto& entry : fs::directory_iterator(p, ec))
            if (entry.is_regular_file(ec) && entry.path().extension() == ".ckpt")
                found.push_back(entry.path().string());
        if (found.empty())
            throw BadInputError(displayName(p) + " is a folder without LatentLab checkpoints (*.ckpt)");
        std::sort(found.begin(), found.end());
        out.insert(out.end(), found.begin(), found.end());
    }
    if (out.size() < 2)
        throw BadInputError("compare needs at least two models: --models A B [C D] (or a folder of checkpoints)");
    return out;
}

std::string stem(const std::string& path) { return fs::path(path).stem().string(); }

std::string nowText()
{
    const std::time_t t = std::time(nullptr);
    char buf[64];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", std::localtime(&t));
    return buf;
}

std::string configText(const OpenedModel& m)
{
    nlohmann::json j = {{"model", m.model->config().toJson()}};
    if (m.checkpoint)
        j["training"] = m.checkpoint->training.toJson();
    else
        j["note"] = "a TorchScript module: its configuration is what it declares";
    return j.dump(2);
}

} // namespace

int runCompare(const std::vector<std::string>& argv)
{
    std::set<std::string> options{"models", "out", "csv", "term", "layout", "samples", "seed", "threads",
                                  "max-samples", "layout-samples", "from", "to"};
    options.insert(dataOptions().begin(), dataOptions().end());
    const Args args(argv, {"json"}, options);
    const std::string out = args.value("out");
    if (out.empty())
        throw BadInputError("--out REPORT.html is required");
    const std::vector<std::string> paths = modelPaths(args);
    useTorchThreads(static_cast<int>(args.integer("threads", 0, 0, 1024)));
    const ProjectionMethod layout = projectionMethodFromString(args.value("layout", "pca"));
    if (layout != ProjectionMethod::Pca && layout != ProjectionMethod::Tsne && layout != ProjectionMethod::Umap)
        throw BadInputError("--layout: compare lays models out by pca, tsne or umap, the methods every latent size has");

    // The data: --data, or what the first checkpoint was trained on.
    std::optional<OpenedModel> firstCheckpoint; // opened once: it names the data and is compared as well
    std::size_t firstAt = 0;
    DataFallback fallback;
    for (std::size_t i = 0; i < paths.size() && !firstCheckpoint; ++i)
        if (!isTorchScriptFile(paths[i])) {
            firstCheckpoint = openModelFile(paths[i]);
            firstAt = i;
            fallback = dataFallbackOf(firstCheckpoint->checkpoint->dataset);
        }
    if (!args.has("data") && fallback.path.empty())
        throw BadInputError("every model is a TorchScript module, which keeps no record of its data: give --data PATH");
    DataSelection data = selectData(args, "all", fallback);
    Dataset& ds = data.dataset;
    std::vector<OpenedModel> models;
    bool conformed = false;
    for (std::size_t i = 0; i < paths.size(); ++i) {
        const std::string& p = paths[i];
        OpenedModel m = firstCheckpoint && i == firstAt ? std::move(*firstCheckpoint) : openModelFile(p, ds.sampleShape());
        if (m.model->config().inputShape != ds.sampleShape())
            throw ModelMismatchError(displayName(p) + " takes samples of another shape than those of " + ds.source);
        // A table goes into the first checkpoint's units; models trained on the same file share them.
        if (m.checkpoint && !conformed) {
            conformToTraining(ds, m.checkpoint->dataset);
            conformed = true;
        }
        models.push_back(std::move(m));
    }

    ProgressLine progress;
    const AnalysisControl control([&](double fraction, const std::string& what) { progress.update(fraction, what); });
    SummaryOptions summaryOptions;
    summaryOptions.maxSamples = args.integer("max-samples", 0, 0, 1LL << 40);
    ReportInput report;
    report.dataSource = ds.source;
    report.created = nowText();
    report.term = args.value("term", "recon");
    report.classNames = ds.classNames();
    report.sampleShape = ds.sampleShape();
    for (std::size_t i = 0; i < models.size(); ++i) {
        ReportModel rm;
        rm.summary = summarizeModel(models[i], stem(paths[i]), paths[i], ds, summaryOptions, &control);
        rm.configJson = configText(models[i]);
        if (models[i].checkpoint)
            rm.history = models[i].checkpoint->progress.history;
        report.models.push_back(std::move(rm));
    }

    // The panels' samples: the data's test part, else the first checkpoint's validation part, else all of it.
    const TrainingConfig* firstTraining = nullptr;
    for (const OpenedModel& m : models)
        if (m.checkpoint && !firstTraining)
            firstTraining = &m.checkpoint->training;
    const HeldOutPart heldOut = heldOutPart(ds, firstTraining);
    ComparisonOptions co;
    co.layout = layout;
    co.samples = args.integer("samples", 16, 1, 256);
    co.seed = static_cast<std::uint64_t>(args.integer("seed", 0, 0, 1LL << 62));
    co.layoutSamples = args.integer("layout-samples", 2000, 10, 100000);
    // The interpolation's ends, dataset indices (compareModels refuses one outside the data).
    co.from = args.integer("from", -1, -1, 1LL << 40);
    co.to = args.integer("to", -1, -1, 1LL << 40);
    std::vector<LatentModel*> compared;
    for (std::size_t i = 0; i < models.size() && i < 4; ++i)
        compared.push_back(models[i].model.get());
    // The table holds every model; the panels the first four.
    report.comparison = compareModels(compared, ds, heldOut.indices, heldOut.part, co, &control);
    progress.clear();

    std::vector<ModelSummary> rows;
    for (const ReportModel& rm : report.models)
        rows.push_back(rm.summary);
    writeComparisonReport(out, report);
    if (args.has("csv"))
        writeSummaryCsv(args.value("csv"), rows);

    if (args.has("json")) {
        nlohmann::json j = {{"out", out}, {"data", ds.source}, {"models", nlohmann::json::array()}};
        for (const ModelSummary& s : rows) {
            nlohmann::json m;
            for (const SummaryColumn& c : summaryColumns()) {
                const double v = c.value(s);
                if (std::isfinite(v))
                    m[c.key] = v;
                else if (!c.text(s).empty())
                    m[c.key] = c.text(s);
                else
                    m[c.key] = nullptr;
            }
            m["notes"] = s.notes;
            j["models"].push_back(m);
        }
        std::cout << j.dump() << std::endl;
        return 0;
    }
    for (const SummaryColumn& c : summaryColumns()) {
        std::printf("%-14s", c.header.c_str());
        for (const ModelSummary& s : rows) {
            const std::string t = c.text(s);
            std::printf(" %14s", t.empty() ? "-" : t.c_str());
        }
        std::printf("\n");
    }
    std::printf("report: %s\n", out.c_str());
    return 0;
}

} // namespace latentlab::cli
