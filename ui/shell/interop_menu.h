#pragma once
// The File menu's ways in and out of other tools: Import Layout… (a 2-D layout computed elsewhere, shown as
// a layout of the explorer's own), Export > For the Embedding Projector… (TensorBoard's) and Export > Model for
// PyTorch or ONNX… (core's exportModel, with the Anomalies tab's scorer where it has scored). All need a
// model in the explorer, so they are enabled only once one is explored. The work is the explorer's; this asks
// for the file or folder and says how it went: the status bar for success, a dialog for a refusal.
#include "ui/explorer/explorer_reports.h"
#include "ui/shell/export_model_dialog.h"

#include <QObject>
#include <QString>

#include <functional>

class QAction;
class QMenu;
class QWidget;

namespace latentlab::ui {

class ExplorerView;

class InteropMenu : public QObject {
    Q_OBJECT
public:
    // Adds the items to `file`. startDirectory: where the file dialogs open. scorerOffer: the anomaly scorer
    // the Anomalies tab can give now.
    InteropMenu(QMenu* file, ExplorerView* explorer, QWidget* dialogParent, std::function<QString()> startDirectory,
                std::function<ScorerOffer()> scorerOffer = {});

    QAction* importAction() const { return import_; }
    QAction* exportAction() const { return export_; }
    QAction* exportModelAction() const { return exportModel_; }
    // What the Export Model dialog does once it is accepted (tests call it without the dialog): answered by
    // a status message, or a dialog for a refusal.
    void exportModelTo(const QString& folder, const ModelExportChoice& choice);
    // Enables the items when the explorer has a model (also done whenever the File menu opens).
    void refresh();

Q_SIGNALS:
    void statusMessage(const QString& text);

private:
    void chooseLayout();
    void chooseExportFolder();
    void chooseModelExport();

    ExplorerView* explorer_;
    QWidget* dialogParent_;
    std::function<QString()> startDirectory_;
    QAction* import_ = nullptr;
    QAction* export_ = nullptr;
    QAction* exportModel_ = nullptr;
    std::function<ScorerOffer()> scorerOffer_;
};

} // namespace latentlab::ui
