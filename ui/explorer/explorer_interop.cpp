// The explorer's side of File > Import Layout and File > Export > For the Embedding Projector, apart from
// explorer_view.cpp so the view's own wiring stays one screenful per concern. The work runs on the
// controller's projection thread (which holds the latents); this only turns answers into what the user sees.
#include "ui/explorer/explorer_view.h"

#include "ui/common/message_box.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/projection_bar.h"

#include <QFileInfo>

namespace latentlab::ui {

void ExplorerView::connectInterop()
{
    connect(controller_, &ExplorerController::layoutImported, this, [this](RequestTag, const QString& path) {
        bar_->setImportedLayout(path);
        ProjectionSettings s = bar_->settings();
        s.method = ProjectionMethod::Imported;
        s.layoutFile = path;
        setProjection(s);
        Q_EMIT statusMessage(tr("Imported the layout in %1").arg(QFileInfo(path).fileName()));
    });
    connect(controller_, &ExplorerController::layoutImportFailed, this,
            [this](RequestTag, const QString& path, const QString& message) {
                setStatus(tr("The layout was not imported: %1").arg(message));
                openMessage(this, QMessageBox::Warning, tr("Layout Not Imported"), message, path);
            });
}

RequestTag ExplorerView::importLayout(const QString& path)
{
    return controller_->importLayout(path);
}

RequestTag ExplorerView::exportForProjector(const QString& directory)
{
    const bool scores = data_ && static_cast<qint64>(anomalyScores_.size()) == data_->size();
    // A model still waiting for this tab to come to the front is the one explored: export it.
    return controller_->exportForProjector(directory, scores ? anomalyScores_ : std::vector<float>{}, pendingModel_);
}

bool ExplorerView::fallBackFromImport(const QString& message)
{
    ProjectionSettings s = controller_->projection();
    if (s.method != ProjectionMethod::Imported)
        return false;
    const QString text = tr("%1, so the explorer shows PCA instead.").arg(message);
    s.method = ProjectionMethod::Pca;
    s.layoutFile.clear();
    bar_->setImportedLayout({});
    setProjection(s);
    setStatus(text);
    openMessage(this, QMessageBox::Warning, tr("Imported Layout Not Shown"), text);
    Q_EMIT statusMessage(text);
    return true;
}

} // namespace latentlab::ui
