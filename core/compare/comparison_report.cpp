#include "core/compare/comparison_report.h"

#include "core/analysis/image_grid.h"
#include "core/analysis/projection_method.h"
#include "core/compare/loss_curves.h"
#include "core/compare/scatter_png.h"
#include "core/compare/summary_table.h"
#include "core/compare/svg_chart.h"
#include "core/util/atomic_file.h"
#include "core/util/base64.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace latentlab {

namespace {

constexpr const char* kStyle = R"(body{font-family:sans-serif;margin:24px;color:#222;max-width:1500px}
h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}
table.models{border-collapse:collapse;font-size:13px}table.models td,table.models th{border:1px solid #ccc;
padding:3px 7px;text-align:right}table.models td:first-child,table.models th:first-child{text-align:left}
table.models td:nth-child(2),table.models td:nth-child(3){text-align:left}table.models th{background:#f2f2f2}.swatch{display:inline-block;width:10px;height:10px;margin-right:6px}
.panels{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}.panel{text-align:center;font-size:13px}
.panel img{image-rendering:pixelated;border:1px solid #ccc}.note{color:#8a5a00;font-size:12px;max-width:340px}
.legend span{margin-right:12px;font-size:13px}pre{background:#f7f7f7;padding:8px;font-size:12px;overflow:auto}
.muted{color:#666;font-size:13px})";

std::string esc(const std::string& s) { return xmlEscaped(s); }

std::string methodTitle(ProjectionMethod m)
{
    switch (m) {
    case ProjectionMethod::Pca: return "PCA";
    case ProjectionMethod::Tsne: return "t-SNE";
    case ProjectionMethod::Umap: return "UMAP";
    default: return toString(m);
    }
}

std::string img(const std::string& png, int displayWidth, const std::string& alt)
{
    return "<img alt=\"" + esc(alt) + "\" width=\"" + std::to_string(displayWidth) + "\" src=\"data:image/png;base64,"
           + base64Encode(png) + "\">";
}

bool imageData(const ReportInput& in) { return in.sampleShape.size() == 3; }

// A grid of images as an <img>, drawn at `scale` times its pixels.
std::string grid(const ReportInput& in, const torch::Tensor& images, int columns, int scale, const std::string& alt)
{
    const int c = static_cast<int>(in.sampleShape[0]), h = static_cast<int>(in.sampleShape[1]),
              w = static_cast<int>(in.sampleShape[2]);
    const int cols = static_cast<int>(std::min<std::int64_t>(columns, images.size(0)));
    const int pixelWidth = cols * w + (cols + 1) * 2;
    return img(imageGridPng(images, cols, c, h, w), pixelWidth * scale, alt);
}

std::string panel(const std::string& heading, const std::string& body)
{
    return "<div class=\"panel\"><div><b>" + heading + "</b></div>" + body + "</div>\n";
}

std::string noteOr(const std::string& note, const std::string& fallback)
{
    return "<div class=\"note\">" + esc(note.empty() ? fallback : note) + "</div>";
}

std::string modelHeading(const ReportInput& in, std::size_t m)
{
    return "<span class=\"swatch\" style=\"background:" + modelColour(m) + "\"></span>" + esc(in.models[m].summary.name);
}

std::string className(const ReportInput& in, int label)
{
    if (label < 0)
        return "all samples";
    return static_cast<std::size_t>(label) < in.classNames.size() ? in.classNames[static_cast<std::size_t>(label)]
                                                                   : std::to_string(label);
}

std::string tableSection(const ReportInput& in)
{
    std::string out = "<h2>Models</h2>\n<table class=\"models\"><tr>";
    for (const SummaryColumn& c : summaryColumns())
        out += "<th>" + esc(c.header) + "</th>";
    out += "</tr>\n";
    for (std::size_t m = 0; m < in.models.size(); ++m) {
        out += "<tr>";
        bool first = true;
        for (const SummaryColumn& c : summaryColumns()) {
            const std::string text = c.text(in.models[m].summary);
            out += "<td>" + (first ? modelHeading(in, m) : (text.empty() ? "&ndash;" : esc(text))) + "</td>";
            first = false;
        }
        out += "</tr>\n";
    }
    out += "</table>\n<p class=\"muted\">-ELBO, recon and KL in nats per sample; MSE per value; active dimensions "
           "have a KL above 0.01 nats on the validation part; samples/s is the training throughput. &ndash;: the "
           "figure does not apply to the model or was not recorded.</p>\n";
    for (std::size_t m = 0; m < in.models.size(); ++m)
        for (const std::string& note : in.models[m].summary.notes)
            out += "<div class=\"note\">" + esc(in.models[m].summary.name) + ": " + esc(note) + "</div>\n";
    return out;
}

std::string curvesSection(const ReportInput& in)
{
    LineChartSpec spec;
    spec.id = "curves";
    spec.title = "Training: " + in.term + " per step (lines) and on the validation part per epoch (dots)";
    spec.xLabel = "step";
    spec.yLabel = in.term + " (nats per sample)";
    std::string missing;
    for (std::size_t m = 0; m < in.models.size(); ++m) {
        const ReportModel& rm = in.models[m];
        if (!rm.history || rm.history->empty()) {
            missing += "<div class=\"note\">" + esc(rm.summary.name) + ": no training record to draw (a "
                       + std::string(rm.summary.torchScript ? "TorchScript model" : "model without history")
                       + ").</div>\n";
            continue;
        }
        ChartSeries steps{rm.summary.name, modelColour(m), stepCurve(*rm.history, in.term), false, false};
        ChartSeries epochs{rm.summary.name + " (validation)", modelColour(m), epochCurve(*rm.history, in.term), true,
                           true};
        if (steps.points.empty())
            missing += "<div class=\"note\">" + esc(rm.summary.name) + " has no term named " + esc(in.term) + ".</div>\n";
        spec.series.push_back(std::move(steps));
        if (!epochs.points.empty())
            spec.series.push_back(std::move(epochs));
    }
    return "<h2>Loss curves</h2>\n" + lineChartSvg(spec) + missing;
}

std::string reconstructionSection(const ReportInput& in)
{
    const Comparison& c = in.comparison;
    std::string out = "<h2>Reconstructions</h2>\n<p class=\"muted\">The same " + std::to_string(c.inputs.size())
                      + " inputs of the " + esc(c.part) + " part, one column per model.</p>\n<div class=\"panels\">\n";
    out += panel("Input", grid(in, c.inputImages, 1, 2, "inputs"));
    for (std::size_t m = 0; m < c.models.size(); ++m) {
        const ModelPanels& p = c.models[m];
        out += panel(modelHeading(in, m), p.reconstructions.defined()
                                              ? grid(in, p.reconstructions, 1, 2, in.models[m].summary.name)
                                              : noteOr(p.reconstructionsNote, "no reconstruction"));
    }
    return out + "</div>\n";
}

std::string samplesSection(const ReportInput& in)
{
    const Comparison& c = in.comparison;
    std::string out = "<h2>Samples from the prior</h2>\n<p class=\"muted\">The same noise (seed "
                      + std::to_string(c.seed) + ") for every model; an autoencoder draws from a Gaussian fitted to "
                      "its training codes, a VQ-VAE from its code prior.</p>\n<div class=\"panels\">\n";
    for (std::size_t m = 0; m < c.models.size(); ++m) {
        const ModelPanels& p = c.models[m];
        const auto n = p.samples.defined() ? p.samples.size(0) : 0;
        const int columns = static_cast<int>(std::max<double>(1.0, std::ceil(std::sqrt(static_cast<double>(n)))));
        std::string body = p.samples.defined() ? grid(in, p.samples, columns, 2, in.models[m].summary.name)
                                               : noteOr(p.samplesNote, "no samples");
        if (p.samples.defined() && !p.samplesNote.empty())
            body += noteOr(p.samplesNote, "");
        out += panel(modelHeading(in, m), body);
    }
    return out + "</div>\n";
}

std::string interpolationSection(const ReportInput& in)
{
    const Comparison& c = in.comparison;
    std::string out = "<h2>Interpolation</h2>\n<p class=\"muted\">From sample " + std::to_string(c.from) + " to sample "
                      + std::to_string(c.to) + ", linear in each model's latent space.</p>\n";
    for (std::size_t m = 0; m < c.models.size(); ++m) {
        const ModelPanels& p = c.models[m];
        out += "<div class=\"panel\" style=\"text-align:left;margin:6px 0\"><b>" + modelHeading(in, m) + "</b><br>"
               + (p.interpolation.defined()
                      ? grid(in, p.interpolation, static_cast<int>(p.interpolation.size(0)), 2, in.models[m].summary.name)
                      : noteOr(p.interpolationNote, "no interpolation"))
               + "</div>\n";
    }
    return out;
}

std::string scatterSection(const ReportInput& in)
{
    const Comparison& c = in.comparison;
    std::vector<torch::Tensor> layouts;
    for (const ModelPanels& p : c.models)
        layouts.push_back(p.layout);
    const ScatterBounds bounds = sharedBounds(layouts);
    std::string out = "<h2>Latent spaces, aligned</h2>\n<p class=\"muted\">" + std::to_string(c.layoutIndices.size())
                      + " samples of the " + esc(c.part) + " part laid out by " + esc(methodTitle(c.layout))
                      + " in each model, each turned, mirrored and scaled onto the first model's layout (orthogonal "
                        "Procrustes), on shared axes. The residual is the share of the first layout's spread the "
                        "alignment leaves unexplained.</p>\n<div class=\"panels\">\n";
    for (std::size_t m = 0; m < c.models.size(); ++m) {
        const ModelPanels& p = c.models[m];
        std::string body;
        if (p.layout.defined()) {
            body = img(scatterPng(p.layout, c.layoutLabels, bounds), 360, in.models[m].summary.name + " scatter");
            char residual[64];
            std::snprintf(residual, sizeof residual, "residual %.3f", p.alignmentResidual);
            body += "<div class=\"muted\">" + std::string(m == 0 ? "the reference" : residual) + "</div>";
        } else {
            body = noteOr(p.layoutNote, "no layout");
        }
        out += panel(modelHeading(in, m), body);
    }
    out += "</div>\n<div class=\"legend\">";
    std::vector<int> seen = c.layoutLabels;
    std::sort(seen.begin(), seen.end());
    seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
    for (const int label : seen)
        out += "<span><span class=\"swatch\" style=\"background:" + classColourCss(label) + "\"></span>"
               + esc(className(in, label)) + "</span>";
    return out + "</div>\n";
}

std::string classSection(const ReportInput& in)
{
    const Comparison& c = in.comparison;
    std::vector<int> labels;
    for (const ModelPanels& p : c.models)
        for (const ClassFigures& f : p.perClass)
            if (std::find(labels.begin(), labels.end(), f.label) == labels.end())
                labels.push_back(f.label);
    std::sort(labels.begin(), labels.end());
    BarChartSpec mse, kl;
    mse.title = "Reconstruction error per class";
    mse.yLabel = "MSE per value";
    kl.title = "KL per class";
    kl.yLabel = "KL (nats per sample)";
    bool anyKl = false;
    // A model without a KL gets no bar (nor a legend entry) in the KL chart.
    std::vector<std::size_t> withKl;
    for (std::size_t m = 0; m < c.models.size(); ++m) {
        mse.seriesNames.push_back(in.models[m].summary.name);
        mse.colours.push_back(modelColour(m));
        if (c.models[m].hasKl) {
            kl.seriesNames.push_back(in.models[m].summary.name);
            kl.colours.push_back(modelColour(m));
            withKl.push_back(m);
        }
    }
    anyKl = !withKl.empty();
    for (const int label : labels) {
        mse.categories.push_back(className(in, label));
        kl.categories.push_back(className(in, label));
        std::vector<double> a, b;
        for (std::size_t m = 0; m < c.models.size(); ++m) {
            double e = std::nan(""), k = std::nan("");
            for (const ClassFigures& f : c.models[m].perClass)
                if (f.label == label) {
                    e = f.mse;
                    k = f.kl;
                }
            a.push_back(e);
            if (std::find(withKl.begin(), withKl.end(), m) != withKl.end())
                b.push_back(k);
        }
        mse.values.push_back(a);
        kl.values.push_back(b);
    }
    std::string out = "<h2>Per class</h2>\n" + barChartSvg(mse) + "\n";
    if (anyKl)
        out += barChartSvg(kl) + "\n";
    for (std::size_t m = 0; m < c.models.size(); ++m) {
        if (!c.models[m].hasKl)
            out += "<div class=\"note\">" + esc(in.models[m].summary.name)
                   + " has no KL: its family has no Gaussian prior to measure it against.</div>\n";
        if (!c.models[m].perClassNote.empty())
            out += noteOr(in.models[m].summary.name + ": " + c.models[m].perClassNote, "");
    }
    return out;
}

std::string configSection(const ReportInput& in)
{
    std::string out = "<h2>Configurations</h2>\n";
    for (std::size_t m = 0; m < in.models.size(); ++m)
        out += "<details><summary>" + modelHeading(in, m) + " <span class=\"muted\">" + esc(in.models[m].summary.path)
               + "</span></summary><pre>" + esc(in.models[m].configJson) + "</pre></details>\n";
    return out;
}

} // namespace

std::string comparisonReportHtml(const ReportInput& in)
{
    std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(in.title)
                      + "</title>\n<style>" + kStyle + "</style></head><body>\n<h1>" + esc(in.title) + "</h1>\n"
                      + "<p class=\"muted\">" + std::to_string(in.models.size()) + " models on " + esc(in.dataSource)
                      + (in.created.empty() ? std::string() : ", " + esc(in.created)) + ".</p>\n";
    out += tableSection(in);
    out += curvesSection(in);
    if (imageData(in)) {
        out += reconstructionSection(in);
        out += samplesSection(in);
        out += interpolationSection(in);
    } else {
        out += "<h2>Reconstructions, samples, interpolations</h2><p class=\"muted\">Not drawn: the data is a table, "
               "whose rows have no picture.</p>\n";
    }
    out += scatterSection(in);
    out += classSection(in);
    out += configSection(in);
    return out + "<p class=\"muted\">Written by LatentLab.</p>\n</body></html>\n";
}

void writeComparisonReport(const std::string& path, const ReportInput& input)
{
    const std::string html = comparisonReportHtml(input);
    writeFileAtomically(path, html.data(), html.size());
}

} // namespace latentlab
