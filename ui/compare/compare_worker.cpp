#include "ui/compare/compare_worker.h"

#include "core/analysis/image_grid.h"
#include "core/compare/comparison.h"
#include "core/compare/comparison_report.h"
#include "core/compare/loss_curves.h"
#include "core/compare/model_summary.h"
#include "core/training/model_file.h"
#include "core/util/errors.h"
#include "ui/common/cancellable_job.h"

#include <QDateTime>
#include <QFileInfo>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

namespace {

// A model file opened for the data: the data's shape stands in for a TorchScript module that does not declare
// its own; a model of other samples is refused in one sentence.
OpenedModel openFor(const QString& path, const Dataset& data)
{
    OpenedModel m = openModelFile(path.toStdString(), data.sampleShape());
    if (m.model->config().inputShape != data.sampleShape())
        throw ModelMismatchError(QFileInfo(path).fileName().toStdString() + " takes samples of another shape than those of "
                                 + data.source);
    return m;
}

// The data in the units the first checkpoint was trained in (tables only: images need nothing).
std::shared_ptr<const Dataset> conformed(const DatasetPtr& data, const std::vector<OpenedModel>& models)
{
    if (data->isImage())
        return data;
    const auto same = [](const std::vector<ValueRange>& a, const std::vector<ValueRange>& b) {
        return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                          [](const ValueRange& x, const ValueRange& y) { return x.min == y.min && x.max == y.max; });
    };
    for (const OpenedModel& m : models)
        if (m.checkpoint && !same(m.checkpoint->dataset.ranges, data->featureRanges())) {
            auto copy = std::make_shared<Dataset>(*data);
            conformToTraining(*copy, m.checkpoint->dataset);
            return copy;
        }
    return data;
}

QImage gridImage(const Dataset& data, const torch::Tensor& images, int columns)
{
    if (!images.defined() || images.size(0) == 0 || !data.isImage())
        return {};
    const std::string png = imageGridPng(images, columns, data.channels(), data.height(), data.width());
    return QImage::fromData(reinterpret_cast<const uchar*>(png.data()), static_cast<int>(png.size()), "PNG");
}

QVector<QPointF> points(const std::vector<std::pair<double, double>>& curve)
{
    QVector<QPointF> out;
    out.reserve(static_cast<int>(curve.size()));
    for (const auto& [x, y] : curve)
        out.append(QPointF(x, y));
    return out;
}

struct Opened {
    std::vector<OpenedModel> models;
    std::shared_ptr<const Dataset> data;
};

Opened openAll(const QStringList& paths, const DatasetPtr& data)
{
    Opened o;
    for (const QString& p : paths)
        o.models.push_back(openFor(p, *data));
    o.data = conformed(data, o.models);
    return o;
}

HeldOutPart heldOutOf(const Opened& o)
{
    for (const OpenedModel& m : o.models)
        if (m.checkpoint)
            return heldOutPart(*o.data, &m.checkpoint->training);
    return heldOutPart(*o.data, nullptr);
}

std::vector<LatentModel*> pointers(const Opened& o)
{
    std::vector<LatentModel*> out;
    for (const OpenedModel& m : o.models)
        out.push_back(m.model.get());
    return out;
}

} // namespace

CompareWorker::CompareWorker(QObject* parent) : QObject(parent) {}

void CompareWorker::summarize(RequestTag tag, const QString& path, const QString& name, DatasetPtr data,
                              const QString& cacheKey)
{
    SummaryAnswer answer;
    answer.tag = tag;
    answer.path = path;
    answer.cacheKey = cacheKey;
    try {
        std::vector<OpenedModel> one;
        one.push_back(openFor(path, *data));
        const std::shared_ptr<const Dataset> ds = conformed(data, one);
        answer.summary = summarizeModel(one.front(), name.toStdString(), path.toStdString(), *ds);
    } catch (const std::exception& e) {
        answer.error = QString::fromStdString(e.what());
    }
    Q_EMIT summarized(answer);
}

void CompareWorker::compare(RequestTag tag, const QStringList& paths, const QStringList& names, DatasetPtr data,
                            qint64 from, qint64 to, std::shared_ptr<AnalysisControl> control)
{
    answerJob(this, tag, [&] {
        const Opened o = openAll(paths, data);
        const HeldOutPart held = heldOutOf(o);
        ComparisonOptions options;
        options.from = from;
        options.to = to;
        const Comparison c = compareModels(pointers(o), *o.data, held.indices, held.part, options, control.get());
        ComparisonResult r;
        r.tag = tag;
        r.part = QString::fromStdString(c.part);
        r.inputs = gridImage(*o.data, c.inputImages, 1);
        r.inputCount = static_cast<int>(c.inputs.size());
        r.from = c.from;
        r.to = c.to;
        r.layoutLabels.assign(c.layoutLabels.begin(), c.layoutLabels.end());
        r.layoutIndices.assign(c.layoutIndices.begin(), c.layoutIndices.end());
        for (const std::string& n : o.data->classNames())
            r.classNames.append(QString::fromStdString(n));
        for (std::size_t m = 0; m < c.models.size(); ++m) {
            const ModelPanels& p = c.models[m];
            ComparedModel out;
            out.name = names.value(static_cast<int>(m));
            out.reconstructions = gridImage(*o.data, p.reconstructions, 1);
            out.reconstructionsNote = QString::fromStdString(p.reconstructionsNote);
            const auto n = p.samples.defined() ? p.samples.size(0) : 0;
            out.samples = gridImage(*o.data, p.samples,
                                    static_cast<int>(std::max(1.0, std::ceil(std::sqrt(static_cast<double>(n))))));
            out.samplesNote = QString::fromStdString(p.samplesNote);
            out.interpolation = gridImage(*o.data, p.interpolation,
                                          p.interpolation.defined() ? static_cast<int>(p.interpolation.size(0)) : 1);
            out.interpolationNote = QString::fromStdString(p.interpolationNote);
            if (p.layout.defined()) {
                const torch::Tensor xy = p.layout.to(torch::kFloat32).contiguous();
                out.layout.assign(xy.data_ptr<float>(), xy.data_ptr<float>() + xy.numel());
            }
            out.alignmentResidual = p.alignmentResidual;
            out.layoutNote = QString::fromStdString(p.layoutNote);
            out.perClassNote = QString::fromStdString(p.perClassNote);
            out.hasKl = p.hasKl;
            for (const ClassFigures& f : p.perClass) {
                out.classLabels.append(f.label);
                out.classMse.append(f.mse);
                out.classKl.append(f.kl);
            }
            if (const auto& ckpt = o.models[m].checkpoint) {
                const LossHistory& h = ckpt->progress.history;
                for (const std::string& term : h.termNames()) {
                    const QString key = QString::fromStdString(term);
                    out.stepCurves.insert(key, points(stepCurve(h, term)));
                    out.epochCurves.insert(key, points(epochCurve(h, term)));
                }
            }
            r.models.append(out);
        }
        Q_EMIT compared(r);
    });
}

void CompareWorker::exportReport(RequestTag tag, const QStringList& paths, const QStringList& names, DatasetPtr data,
                                 const QString& htmlPath, const QString& term, std::shared_ptr<AnalysisControl> control)
{
    answerJob(this, tag, [&] {
        const Opened o = openAll(paths, data);
        const HeldOutPart held = heldOutOf(o);
        ReportInput in;
        in.dataSource = o.data->source;
        in.created = QDateTime::currentDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")).toStdString();
        in.term = term.toStdString();
        in.classNames = o.data->classNames();
        in.sampleShape = o.data->sampleShape();
        for (int i = 0; i < paths.size(); ++i) {
            const OpenedModel& m = o.models[static_cast<std::size_t>(i)];
            ReportModel rm;
            rm.summary = summarizeModel(m, names.value(i).toStdString(), paths[i].toStdString(), *o.data, {},
                                        control.get());
            nlohmann::json j = {{"model", m.model->config().toJson()}};
            if (m.checkpoint) {
                j["training"] = m.checkpoint->training.toJson();
                rm.history = m.checkpoint->progress.history;
            }
            rm.configJson = j.dump(2);
            in.models.push_back(std::move(rm));
        }
        in.comparison = compareModels(pointers(o), *o.data, held.indices, held.part, {}, control.get());
        writeComparisonReport(htmlPath.toStdString(), in);
        Q_EMIT exported(tag, htmlPath);
    });
}

} // namespace latentlab::ui
