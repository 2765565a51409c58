#include "ui/shell/interop_menu.h"

#include "ui/common/message_box.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/explorer_view.h"

#include <QAction>
#include <QFileDialog>
#include <QMenu>

namespace latentlab::ui {

InteropMenu::InteropMenu(QMenu* file, ExplorerView* explorer, QWidget* dialogParent,
                         std::function<QString()> startDirectory, std::function<ScorerOffer()> scorerOffer)
    : QObject(file), explorer_(explorer), dialogParent_(dialogParent), startDirectory_(std::move(startDirectory)),
      scorerOffer_(std::move(scorerOffer))
{
    import_ = file->addAction(tr("Import &Layout…"), this, &InteropMenu::chooseLayout);
    import_->setObjectName(QStringLiteral("importLayoutAction"));
    import_->setStatusTip(tr("Show a 2-D layout computed elsewhere (CSV with index, x, y, or an N x 2 .npy) in the explorer"));
    QMenu* exports = file->addMenu(tr("&Export"));
    export_ = exports->addAction(tr("For the &Embedding Projector…"), this, &InteropMenu::chooseExportFolder);
    export_->setObjectName(QStringLiteral("exportProjectorAction"));
    export_->setStatusTip(tr("Write the latents, labels and thumbnails into a folder for TensorBoard's Embedding Projector"));
    exportModel_ = exports->addAction(tr("&Model for PyTorch or ONNX…"), this, &InteropMenu::chooseModelExport);
    exportModel_->setObjectName(QStringLiteral("exportModelAction"));
    exportModel_->setStatusTip(tr("Write the explored model as PyTorch source and weights, or as ONNX files with "
                                  "an optional anomaly scorer"));

    connect(file, &QMenu::aboutToShow, this, &InteropMenu::refresh);
    connect(explorer_, &ExplorerView::frameShown, this, &InteropMenu::refresh);
    ExplorerController* controller = explorer_->controller();
    const auto done = [this](RequestTag, const QString&, const QString& summary) { Q_EMIT statusMessage(summary); };
    const auto refused = [this](const QString& title) {
        return [this, title](RequestTag, const QString& directory, const QString& message) {
            Q_EMIT statusMessage(tr("Nothing was exported to %1").arg(directory));
            openMessage(dialogParent_, QMessageBox::Warning, title, message, directory);
        };
    };
    connect(controller, &ExplorerController::projectorExported, this, done);
    connect(controller, &ExplorerController::projectorExportFailed, this, refused(tr("Not Exported")));
    connect(controller, &ExplorerController::modelExported, this, done);
    connect(controller, &ExplorerController::modelExportFailed, this, refused(tr("Model Not Exported")));
    refresh();
}

void InteropMenu::refresh()
{
    const bool explored = explorer_->hasModel();
    import_->setEnabled(explored);
    export_->setEnabled(explored);
    exportModel_->setEnabled(explored);
}

void InteropMenu::chooseLayout()
{
    const QString path = QFileDialog::getOpenFileName(dialogParent_, tr("Import Layout"), startDirectory_(),
                                                      tr("Layouts (*.csv *.tsv *.npy);;All files (*)"));
    if (path.isEmpty())
        return;
    Q_EMIT statusMessage(tr("Reading the layout in %1 …").arg(path));
    explorer_->importLayout(path);
}

void InteropMenu::chooseExportFolder()
{
    const QString directory =
        QFileDialog::getExistingDirectory(dialogParent_, tr("Export for the Embedding Projector"), startDirectory_());
    if (directory.isEmpty())
        return;
    Q_EMIT statusMessage(tr("Exporting for the Embedding Projector to %1 …").arg(directory));
    explorer_->exportForProjector(directory);
}

void InteropMenu::chooseModelExport()
{
    ExportModelDialog dialog(scorerOffer_ ? scorerOffer_() : ScorerOffer{}, startDirectory_(), dialogParent_);
    if (dialog.exec() != QDialog::Accepted)
        return;
    exportModelTo(dialog.folder(), dialog.choice());
}

void InteropMenu::exportModelTo(const QString& folder, const ModelExportChoice& choice)
{
    Q_EMIT statusMessage(tr("Exporting the model to %1 …").arg(folder));
    explorer_->controller()->exportModel(folder, choice);
}

} // namespace latentlab::ui
