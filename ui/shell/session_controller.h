#pragma once
// Sessions in the window (the file itself is session_file.h's): saving collects what the workspace shows;
// opening asks for the dataset and the model at once and keeps the rest (the form's settings, the explorer's
// layout, the view in front) until the dataset has loaded or failed, so neither the new data's defaults nor
// the tab a model opens in overwrite what the session says.
#include <QObject>
#include <QString>

#include <memory>

class QWidget;

namespace latentlab::ui {

class DatasetLoader;
class Workspace;
struct Session;

class SessionController : public QObject {
    Q_OBJECT
public:
    // loader: a session's settings wait while it is busy. Dialogs open over `parent`.
    SessionController(Workspace* workspace, const DatasetLoader* loader, QWidget* parent);
    ~SessionController() override;

    // What a session saved now would hold: absolute paths, and the form's settings only while a dataset is
    // open (they are read against it).
    Session collect() const;
    // Errors show in a dialog and are returned (for tests); "" on success.
    QString open(const QString& path);
    QString save(const QString& path);
    // Call once a dataset load has finished or failed: applies what the last opened session left waiting.
    void applyPending();
    bool hasPending() const { return pending_ != nullptr; }

Q_SIGNALS:
    // Emitted by open(), the dataset first; the window loads them as it loads any other.
    void datasetRequested(const QString& path);
    void modelRequested(const QString& path);
    void statusMessage(const QString& text);

private:
    void restoreSets(const Session& session);
    void restoreDecisions(const Session& session);

    Workspace* workspace_;
    const DatasetLoader* loader_;
    QWidget* dialogParent_;
    std::unique_ptr<Session> pending_;
};

} // namespace latentlab::ui
