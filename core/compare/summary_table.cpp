#include "core/compare/summary_table.h"

#include "core/util/atomic_file.h"
#include "core/util/csv_field.h"

#include <cmath>
#include <cstdio>

namespace latentlab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string number(double v, const char* format = "%.4g")
{
    if (!std::isfinite(v))
        return {};
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

std::string whole(std::int64_t v) { return v < 0 ? std::string() : std::to_string(v); }

double partValue(const std::optional<PartEvaluation>& part, double PartEvaluation::*field)
{
    return part ? (*part).*field : kNaN;
}

} // namespace

const std::vector<SummaryColumn>& summaryColumns()
{
    // Captureless lambdas, so each column is two plain function pointers.
    static const std::vector<SummaryColumn> columns = {
        {"name", "Model", [](const ModelSummary& s) { return s.name; }, [](const ModelSummary&) { return kNaN; }},
        {"family", "Family", [](const ModelSummary& s) { return s.torchScript ? "torchscript" : toString(s.kind); },
         [](const ModelSummary&) { return kNaN; }},
        {"backbone", "Backbone", [](const ModelSummary& s) { return s.torchScript ? std::string() : toString(s.backbone); },
         [](const ModelSummary&) { return kNaN; }},
        {"latent", "Latent", [](const ModelSummary& s) { return whole(s.latentDim); },
         [](const ModelSummary& s) { return static_cast<double>(s.latentDim); }},
        {"epochs", "Epochs", [](const ModelSummary& s) { return whole(s.epochs); },
         [](const ModelSummary& s) { return s.epochs < 0 ? kNaN : static_cast<double>(s.epochs); }},
        {"steps", "Steps", [](const ModelSummary& s) { return whole(s.steps); },
         [](const ModelSummary& s) { return s.steps < 0 ? kNaN : static_cast<double>(s.steps); }},
        {"train_seconds", "Training (s)", [](const ModelSummary& s) { return number(s.trainingSeconds, "%.1f"); },
         [](const ModelSummary& s) { return s.trainingSeconds; }},
        {"val_neg_elbo", "Val -ELBO", [](const ModelSummary& s) { return number(partValue(s.validation, &PartEvaluation::negElbo)); },
         [](const ModelSummary& s) { return partValue(s.validation, &PartEvaluation::negElbo); }},
        {"val_recon", "Val recon", [](const ModelSummary& s) { return number(partValue(s.validation, &PartEvaluation::recon)); },
         [](const ModelSummary& s) { return partValue(s.validation, &PartEvaluation::recon); }},
        {"val_kl", "Val KL", [](const ModelSummary& s) { return number(partValue(s.validation, &PartEvaluation::kl)); },
         [](const ModelSummary& s) { return partValue(s.validation, &PartEvaluation::kl); }},
        {"test_neg_elbo", "Test -ELBO", [](const ModelSummary& s) { return number(partValue(s.test, &PartEvaluation::negElbo)); },
         [](const ModelSummary& s) { return partValue(s.test, &PartEvaluation::negElbo); }},
        {"test_recon", "Test recon", [](const ModelSummary& s) { return number(partValue(s.test, &PartEvaluation::recon)); },
         [](const ModelSummary& s) { return partValue(s.test, &PartEvaluation::recon); }},
        {"test_kl", "Test KL", [](const ModelSummary& s) { return number(partValue(s.test, &PartEvaluation::kl)); },
         [](const ModelSummary& s) { return partValue(s.test, &PartEvaluation::kl); }},
        {"test_mse", "Test MSE", [](const ModelSummary& s) { return number(partValue(s.test, &PartEvaluation::mse)); },
         [](const ModelSummary& s) { return partValue(s.test, &PartEvaluation::mse); }},
        {"active_dims", "Active dims", [](const ModelSummary& s) { return whole(s.activeDims); },
         [](const ModelSummary& s) { return s.activeDims < 0 ? kNaN : static_cast<double>(s.activeDims); }},
        {"perplexity", "VQ perplexity", [](const ModelSummary& s) { return number(s.perplexity); },
         [](const ModelSummary& s) { return s.perplexity; }},
        {"dead_codes", "Dead codes", [](const ModelSummary& s) { return number(s.deadCodes, "%.0f"); },
         [](const ModelSummary& s) { return s.deadCodes; }},
        {"auroc", "AUROC", [](const ModelSummary& s) { return number(s.auroc, "%.4f"); },
         [](const ModelSummary& s) { return s.auroc; }},
        {"samples_per_second", "Samples/s", [](const ModelSummary& s) { return number(s.samplesPerSecond, "%.0f"); },
         [](const ModelSummary& s) { return s.samplesPerSecond; }},
    };
    return columns;
}

std::string summaryCsv(const std::vector<ModelSummary>& rows)
{
    std::string out;
    const auto& columns = summaryColumns();
    for (std::size_t c = 0; c < columns.size(); ++c) {
        out += c ? "," : "";
        out += columns[c].key;
    }
    out += '\n';
    for (const ModelSummary& row : rows) {
        for (std::size_t c = 0; c < columns.size(); ++c) {
            out += c ? "," : "";
            appendCsvField(out, columns[c].text(row));
        }
        out += '\n';
    }
    return out;
}

void writeSummaryCsv(const std::string& path, const std::vector<ModelSummary>& rows)
{
    const std::string text = summaryCsv(rows);
    writeFileAtomically(path, text.data(), text.size());
}

} // namespace latentlab
