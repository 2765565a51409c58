// ProjectionWorker's model export (File > Export > Model), on the projection thread, which holds the explored
// model: only the model's weights are read, so nothing runs through it meanwhile.
#include "core/export/model_export.h"
#include "core/data/dataset.h"
#include "core/models/latent_model.h"
#include "core/util/errors.h"
#include "ui/explorer/projection_worker.h"

#include <QDir>
#include <QFileInfo>
#include <QStringList>

namespace latentlab::ui {

void ProjectionWorker::exportModel(RequestTag tag, ModelPtr model, DatasetPtr data, const QString& directory,
                                   const ModelExportChoice& choice)
{
    try {
        if (!model)
            throw BadInputError("there is no model to export: train or open one first");
        ExportRequest request;
        request.format = exportFormatFromString(choice.format.toStdString());
        request.folder = directory.toStdString();
        request.producerVersion = LATENTLAB_VERSION;
        if (!choice.score.isEmpty()) {
            if (!data)
                throw BadInputError("the anomaly scorer needs the dataset the scores came from");
            OnnxScorerSpec spec;
            spec.score = anomalyScoreFromString(choice.score.toStdString());
            spec.threshold = choice.threshold;
            spec.thresholdRule = choice.rule.toStdString();
            // The data as the model sees it: a table already in the training data's units (conformToTraining).
            spec.ranges = data->featureRanges();
            request.scorer = spec;
        }
        const std::vector<std::string> written = latentlab::exportModel(*model, request);
        QStringList names;
        for (const auto& f : written)
            names << QFileInfo(QString::fromStdString(f)).fileName();
        Q_EMIT modelExported(tag, directory,
                             tr("Exported the model for %1 to %2 (%3)")
                                 .arg(request.format == ExportFormat::Onnx ? QStringLiteral("ONNX") : QStringLiteral("PyTorch"),
                                      QDir::toNativeSeparators(directory), names.join(QStringLiteral(", "))));
    } catch (const std::exception& e) {
        Q_EMIT modelExportFailed(tag, directory, QString::fromStdString(e.what()));
    }
}

} // namespace latentlab::ui
