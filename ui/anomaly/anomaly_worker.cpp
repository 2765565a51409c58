#include "ui/anomaly/anomaly_worker.h"

#include "core/analysis/analysis_control.h"
#include "core/analysis/anomaly_evaluation.h"
#include "core/analysis/anomaly_scores.h"
#include "core/analysis/anomaly_threshold.h"
#include "core/analysis/inference_scope.h"
#include "core/models/latent_model.h"
#include "core/models/model_snapshot.h"
#include "ui/common/cancellable_job.h"
#include "ui/common/tensor_image.h"

#include <QElapsedTimer>

#include <numeric>

namespace latentlab::ui {

AnomalyWorker::AnomalyWorker(QObject* parent) : QObject(parent) {}

AnomalyWorker::~AnomalyWorker() = default;

void AnomalyWorker::score(ModelPtr model, DatasetPtr data, const AnomalyRequest& request, RequestTag tag,
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
        const AnomalyScore kind = anomalyScoreFromString(request.score.toStdString());
        std::vector<std::int64_t> all(static_cast<std::size_t>(data->size()));
        std::iota(all.begin(), all.end(), std::int64_t{0});
        AnomalyScores out;
        out.tag = tag;
        out.score = request.score;
        out.scores = anomalyScores(*model_, *data, all, kind, control.get());
        out.seconds = clock.elapsed() / 1000.0;

        const ThresholdRule rule = request.percentile ? ThresholdRule::percentile(request.ruleValue)
                                                      : ThresholdRule::meanPlusKStd(request.ruleValue);
        // Classes only where labels can say which samples are in them, as the view offers them.
        const std::vector<int> normal =
            data->hasLabels() ? std::vector<int>(request.normalClasses.begin(), request.normalClasses.end())
                              : std::vector<int>();
        DatasetEvaluation evaluation = evaluateDataset(*data, out.scores, normal, rule);
        out.reference = std::move(evaluation.reference);
        out.threshold = evaluation.threshold;
        out.truth = std::move(evaluation.truth);
        out.evaluation = std::move(evaluation.evaluation);
        out.rule = tr("%1 (%2 training samples)")
                       .arg(QString::fromStdString(rule.describe()))
                       .arg(static_cast<qint64>(out.reference.size()));
        Q_EMIT scored(out);
    });
}

void AnomalyWorker::page(const QVector<qint64>& indices, const QVector<double>& scores, RequestTag tag)
{
    QVector<AnomalyItem> items;
    if (!model_ || !data_ || indices.isEmpty()) {
        Q_EMIT pageReady(tag, items);
        return;
    }
    try {
        const std::vector<std::int64_t> rows(indices.begin(), indices.end());
        const torch::Tensor errors = reconstructionErrorMaps(*model_, *data_, rows);
        const torch::Tensor x = data_->batch(rows);
        const torch::Tensor y = model_->kind() == ModelKind::ConditionalVae ? data_->labelBatch(rows) : torch::Tensor();
        torch::Tensor recon;
        {
            InferenceScope scope(*model_);
            recon = meanReconstruction(*model_, x, y).reconstruction.reshape_as(x);
        }
        for (int k = 0; k < indices.size(); ++k) {
            AnomalyItem item;
            item.index = indices[k];
            item.score = scores.value(k);
            if (data_->hasLabels())
                item.label = QString::fromStdString(
                    data_->classNames()[static_cast<std::size_t>(data_->labels()[static_cast<std::size_t>(indices[k])])]);
            item.input = tensorToImage(x[k]);
            item.reconstruction = tensorToImage(recon[k]);
            const torch::Tensor e = errors[k];
            item.heatmap = heatmapImage(e.dim() == 3 ? e.mean(0) : e);
            items << item;
        }
    } catch (const std::exception&) {
        items.clear(); // the page stays empty; the scores themselves are still shown
    }
    Q_EMIT pageReady(tag, items);
}

void AnomalyWorker::row(RequestTag tag, qint64 index)
{
    if (!model_ || !data_ || data_->isImage() || index < 0 || index >= data_->size())
        return;
    try {
        const torch::Tensor x = data_->batch({index});
        const torch::Tensor y = model_->kind() == ModelKind::ConditionalVae ? data_->labelBatch({index}) : torch::Tensor();
        torch::Tensor recon;
        {
            InferenceScope scope(*model_);
            recon = meanReconstruction(*model_, x, y).reconstruction.reshape_as(x).to(torch::kFloat64).contiguous();
        }
        const torch::Tensor in = x.to(torch::kFloat64).contiguous();
        RowDetail out;
        out.index = index;
        const auto& ranges = data_->featureRanges();
        const auto& names = data_->featureNames();
        for (std::int64_t f = 0; f < in.size(1); ++f) {
            const auto u = static_cast<std::size_t>(f);
            // Stored values are scaled to [0, 1] per feature; the user reads their own units.
            const ValueRange r = u < ranges.size() ? ranges[u] : ValueRange{};
            out.features << (u < names.size() ? QString::fromStdString(names[u]) : tr("feature %1").arg(f));
            out.values << r.min + in[0][f].item<double>() * (r.max - r.min);
            out.reconstruction << r.min + recon[0][f].item<double>() * (r.max - r.min);
        }
        Q_EMIT rowReady(tag, out);
    } catch (const std::exception&) {
        // Nothing to show for this row; the gallery and scores stay.
    }
}

} // namespace latentlab::ui
