#pragma once
// The File menu's ways in and out of other tools: Import Layout… (a 2-D layout computed elsewhere, shown as
// a layout of the explorer's own) and Export > For the Embedding Projector… (TensorBoard's). Both need a
// model in the explorer, so they are enabled only once one is explored. The work is the explorer's; this asks
// for the file or folder and says how it went: the status bar for success, a dialog for a refusal.
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
    // Adds the two items to `file`. startDirectory: where the file dialogs open.
    InteropMenu(QMenu* file, ExplorerView* explorer, QWidget* dialogParent, std::function<QString()> startDirectory);

    QAction* importAction() const { return import_; }
    QAction* exportAction() const { return export_; }
    // Enables the items when the explorer has a model (also done whenever the File menu opens).
    void refresh();

Q_SIGNALS:
    void statusMessage(const QString& text);

private:
    void chooseLayout();
    void chooseExportFolder();

    ExplorerView* explorer_;
    QWidget* dialogParent_;
    std::function<QString()> startDirectory_;
    QAction* import_ = nullptr;
    QAction* export_ = nullptr;
};

} // namespace latentlab::ui
