#pragma once
// Lives on the explorer's projection thread: encodes every sample with a model snapshot and lays the latents
// out on the plane (PCA, two dims, the latent itself, or a t-SNE that streams frames while it converges).
// Long jobs are cancelled through their AnalysisControl. Every run answers once at the end: its final frame,
// failed(), or cancelled() (t-SNE frames may come before any of them). It also reads layouts made elsewhere
// and writes the Embedding Projector's files, since it holds the latents both need.
#include "ui/common/dataset_ptr.h"
#include "ui/common/model_ptr.h"
#include "ui/explorer/explorer_reports.h"
#include "ui/explorer/space_ptr.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>
#include <vector>

namespace at {
class Tensor;
}
namespace latentlab {
class AnalysisControl;
}

namespace latentlab::ui {

class ProjectionWorker : public QObject {
    Q_OBJECT
public:
    explicit ProjectionWorker(QObject* parent = nullptr);
    ~ProjectionWorker() override;

    // Encodes `data` with `model` (unless the same model and data were encoded last time), then projects.
    void run(latentlab::ui::ModelPtr model, latentlab::ui::DatasetPtr data,
             const latentlab::ui::ProjectionSettings& settings, latentlab::ui::RequestTag tag, qint64 modelStep,
             std::shared_ptr<latentlab::AnalysisControl> control);

    // Opens a checkpoint or a TorchScript file for exploration; `data` gives a TorchScript module that does not
    // declare its input shape the shape to expect.
    void openModel(const QString& path, latentlab::ui::DatasetPtr data);

    // Reads a layout made elsewhere (core's readLayout) and checks it against `data`; kept for the runs that
    // show it. Answered by layoutImported or layoutImportFailed.
    void importLayout(latentlab::ui::RequestTag tag, const QString& path, latentlab::ui::DatasetPtr data);
    // Writes every sample's latent (encoded here unless this model's latents are the ones held), labels, the
    // anomaly scores when there is one per sample, and thumbnails into `directory` for TensorBoard's Embedding
    // Projector. Answered by projectorExported or projectorExportFailed.
    void exportForProjector(latentlab::ui::RequestTag tag, latentlab::ui::ModelPtr model, latentlab::ui::DatasetPtr data,
                            const QString& directory, const std::vector<float>& scores);

    // Writes the model for other tools (core's exportModel: PyTorch or ONNX, with the anomaly scorer where
    // scorer.score is set) into `directory`. Answered by modelExported or modelExportFailed.
    void exportModel(latentlab::ui::RequestTag tag, latentlab::ui::ModelPtr model, latentlab::ui::DatasetPtr data,
                     const QString& directory, const latentlab::ui::ModelExportChoice& choice);

Q_SIGNALS:
    void modelOpened(const QString& path, latentlab::ui::ModelPtr model);
    void openFailed(const QString& path, const QString& message);
    void progress(latentlab::ui::RequestTag tag, double fraction, const QString& what);
    void frameReady(const latentlab::ui::ProjectionFrame& frame, latentlab::ui::SpacePtr space);
    void failed(latentlab::ui::RequestTag tag, const QString& message);
    // Stopped (or nothing to project) before the final layout.
    void cancelled(latentlab::ui::RequestTag tag);
    void layoutImported(latentlab::ui::RequestTag tag, const QString& path);
    void layoutImportFailed(latentlab::ui::RequestTag tag, const QString& path, const QString& message);
    // summary: one line for the status bar, what was written where.
    void projectorExported(latentlab::ui::RequestTag tag, const QString& directory, const QString& summary);
    void projectorExportFailed(latentlab::ui::RequestTag tag, const QString& directory, const QString& message);
    void modelExported(latentlab::ui::RequestTag tag, const QString& directory, const QString& summary);
    void modelExportFailed(latentlab::ui::RequestTag tag, const QString& directory, const QString& message);

private:
    // Encodes every sample of `data` with `model` unless they are the latents held.
    void encode(const latentlab::ui::ModelPtr& model, const latentlab::ui::DatasetPtr& data,
                const latentlab::AnalysisControl* control);
    // The layout in `path` for `data`, read unless it is the one held.
    at::Tensor layoutOf(const QString& path, const latentlab::ui::DatasetPtr& data);

    struct Cache;
    std::unique_ptr<Cache> cache_;
};

} // namespace latentlab::ui
