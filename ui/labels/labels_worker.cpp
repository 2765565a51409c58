#include "ui/labels/labels_worker.h"

#include "core/analysis/analysis_control.h"
#include "core/analysis/anomaly_scores.h"
#include "core/analysis/inference_scope.h"
#include "core/analysis/label_errors.h"
#include "core/data/label_export.h"
#include "core/models/latent_model.h"
#include "core/models/model_snapshot.h"
#include "ui/common/cancellable_job.h"
#include "ui/common/tensor_image.h"

#include <QElapsedTimer>

#include <numeric>

namespace latentlab::ui {
namespace {

std::vector<std::int64_t> partIndices(const Dataset& data, const QString& part)
{
    if (part == QLatin1String("train"))
        return data.split().train;
    if (part == QLatin1String("test"))
        return data.split().validation;
    std::vector<std::int64_t> all(static_cast<std::size_t>(data.size()));
    std::iota(all.begin(), all.end(), std::int64_t{0});
    return all;
}

} // namespace

LabelsWorker::LabelsWorker(QObject* parent) : QObject(parent) {}

LabelsWorker::~LabelsWorker() = default;

void LabelsWorker::score(ModelPtr model, DatasetPtr data, const LabelRequest& request, RequestTag tag,
                         std::shared_ptr<AnalysisControl> control)
{
    if (!model || !data || control->cancelled()) {
        Q_EMIT failed(tag, QString()); // answered, so the progress bar goes
        return;
    }
    answerJob(this, tag, [&] {
        QElapsedTimer clock;
        clock.start();
        model_ = snapshotModel(model);
        data_ = data;
        LabelOptions options;
        options.method = labelMethodFromString(request.method.toStdString());
        std::vector<std::int64_t> indices = partIndices(*data, request.part);
        if (indices.empty()) // a split without that part (every sample trains): score them all
            indices = partIndices(*data, QStringLiteral("all"));
        options.k = request.k > 0 ? request.k : defaultLabelNeighbours(*data, indices);
        const std::vector<LabelSuspect> suspects = scoreLabels(*model_, *data, indices, options, control.get());
        LabelScores out;
        out.tag = tag;
        out.method = QString::fromStdString(toString(options.method));
        out.k = options.k;
        out.part = request.part;
        out.suspects.reserve(suspects.size());
        for (const LabelSuspect& s : suspects)
            out.suspects.push_back({s.index, s.given, s.suggested, s.score});
        out.seconds = clock.elapsed() / 1000.0;
        try {
            const RelabelTarget target = relabelTarget(*data);
            out.relabelWhat = QString::fromStdString(target.what);
            out.relabelFileName = QString::fromStdString(target.suggestedFileName);
            out.relabelFolder = target.folder;
        } catch (const std::exception& e) {
            out.relabelRefusal = QString::fromStdString(e.what());
        }
        Q_EMIT scored(out);
    });
}

void LabelsWorker::page(const QVector<LabelSuspectRow>& rows, RequestTag tag)
{
    QVector<LabelItem> items;
    if (!model_ || !data_ || rows.isEmpty() || !data_->isImage()) {
        Q_EMIT pageReady(tag, items);
        return;
    }
    try {
        std::vector<std::int64_t> indices;
        for (const LabelSuspectRow& r : rows)
            indices.push_back(r.index);
        const torch::Tensor x = data_->batch(indices);
        torch::Tensor asGiven, asSuggested;
        if (model_->kind() == ModelKind::ConditionalVae) {
            std::vector<std::int64_t> given, suggested;
            for (const LabelSuspectRow& r : rows) {
                given.push_back(r.given);
                suggested.push_back(r.suggested);
            }
            InferenceScope scope(*model_);
            asGiven = meanReconstruction(*model_, x, torch::tensor(given, torch::kInt64)).reconstruction.reshape_as(x);
            asSuggested =
                meanReconstruction(*model_, x, torch::tensor(suggested, torch::kInt64)).reconstruction.reshape_as(x);
        }
        for (int k = 0; k < rows.size(); ++k) {
            LabelItem item;
            item.index = rows[k].index;
            item.score = rows[k].score;
            item.given = rows[k].given;
            item.suggested = rows[k].suggested;
            item.input = tensorToImage(x[k]);
            if (asGiven.defined()) {
                item.asGiven = tensorToImage(asGiven[k]);
                item.asSuggested = tensorToImage(asSuggested[k]);
            }
            items << item;
        }
    } catch (const std::exception&) {
        items.clear(); // the page stays empty; the scores themselves are still shown
    }
    Q_EMIT pageReady(tag, items);
}

void LabelsWorker::exportSuspects(const QString& path, const std::vector<LabelSuspectRow>& suspects,
                                  const std::vector<LabelDecisionRecord>& decisions, RequestTag tag)
{
    if (!data_) {
        Q_EMIT exported(tag, QString(), tr("Score the labels first."));
        return;
    }
    try {
        std::vector<LabelSuspect> rows;
        rows.reserve(suspects.size());
        for (const LabelSuspectRow& s : suspects)
            rows.push_back({s.index, s.given, s.suggested, s.score});
        std::map<std::int64_t, LabelDecision> byIndex;
        for (const LabelDecisionRecord& d : decisions)
            byIndex[d.index] = d.relabel ? LabelDecision::Relabel : LabelDecision::Keep;
        writeLabelSuspectsCsv(path.toStdString(), *data_, rows, byIndex);
        Q_EMIT exported(tag, tr("Wrote %1 suspects to %2").arg(static_cast<qint64>(rows.size())).arg(path), QString());
    } catch (const std::exception& e) {
        Q_EMIT exported(tag, QString(), QString::fromStdString(e.what()));
    }
}

void LabelsWorker::exportRelabelled(const QString& path, const std::map<qint64, int>& relabels, RequestTag tag)
{
    if (!data_) {
        Q_EMIT exported(tag, QString(), tr("Score the labels first."));
        return;
    }
    try {
        std::map<std::int64_t, std::int32_t> changes;
        for (const auto& [index, label] : relabels)
            changes[index] = label;
        const std::int64_t changed = writeRelabelledLabels(path.toStdString(), *data_, changes);
        Q_EMIT exported(tag, tr("Wrote the labels with %1 changed to %2").arg(changed).arg(path), QString());
    } catch (const std::exception& e) {
        Q_EMIT exported(tag, QString(), QString::fromStdString(e.what()));
    }
}

} // namespace latentlab::ui
