#pragma once
// Lives on the explorer's projection thread: encodes every sample with a model snapshot and lays the latents
// out on the plane (PCA, two dims, the latent itself, or a t-SNE that streams frames while it converges).
// Long jobs are cancelled through their AnalysisControl. Every run answers once at the end: its final frame,
// failed(), or cancelled() (t-SNE frames may come before any of them).
#include "ui/common/dataset_ptr.h"
#include "ui/common/model_ptr.h"
#include "ui/explorer/explorer_reports.h"
#include "ui/explorer/space_ptr.h"

#include <QElapsedTimer>
#include <QObject>

#include <memory>

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

Q_SIGNALS:
    void modelOpened(const QString& path, latentlab::ui::ModelPtr model);
    void openFailed(const QString& path, const QString& message);
    void progress(latentlab::ui::RequestTag tag, double fraction, const QString& what);
    void frameReady(const latentlab::ui::ProjectionFrame& frame, latentlab::ui::SpacePtr space);
    void failed(latentlab::ui::RequestTag tag, const QString& message);
    // Stopped (or nothing to project) before the final layout.
    void cancelled(latentlab::ui::RequestTag tag);

private:
    struct Cache;
    std::unique_ptr<Cache> cache_;
};

} // namespace latentlab::ui
