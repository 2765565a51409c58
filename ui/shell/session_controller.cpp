#include "ui/shell/session_controller.h"

#include "ui/common/message_box.h"
#include "ui/compare/models_view.h"
#include "ui/dataset/dataset_loader.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/sample_sets.h"
#include "ui/labels/labels_view.h"
#include "ui/shell/session_file.h"
#include "ui/shell/workspace.h"
#include "ui/training/model_form.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_view.h"

#include <QFileInfo>

#include <exception>

namespace latentlab::ui {
namespace {

QString absolute(const QString& path)
{
    return path.isEmpty() ? QString() : QFileInfo(path).absoluteFilePath();
}

} // namespace

SessionController::SessionController(Workspace* workspace, const DatasetLoader* loader, QWidget* parent)
    : QObject(parent), workspace_(workspace), loader_(loader), dialogParent_(parent)
{
}

SessionController::~SessionController() = default;

Session SessionController::collect() const
{
    TrainingView* training = workspace_->trainingView();
    Session session;
    session.dataset = absolute(workspace_->datasetPath());
    session.model = absolute(training->modelPath());
    ModelConfig model;
    TrainingConfig config;
    if (workspace_->dataset() && training->form()->read(&model, &config)) {
        session.modelConfig = model;
        session.training = config;
    }
    session.projection = workspace_->explorerView()->projection();
    if (workspace_->dataset())
        session.sets = workspace_->explorerView()->sampleSets()->all();
    session.bookmarks = workspace_->explorerView()->bookmarks();
    if (workspace_->dataset())
        session.labelDecisions = workspace_->labelsView()->decisions().all();
    session.models = workspace_->modelsView()->entries();
    session.view = viewName(workspace_->currentView());
    return session;
}

QString SessionController::open(const QString& path)
{
    Session session;
    try {
        session = readSession(path);
    } catch (const std::exception& e) {
        const QString message = QString::fromStdString(e.what());
        openMessage(dialogParent_, QMessageBox::Warning, tr("Could not open the session"), message);
        return message;
    }
    pending_ = std::make_unique<Session>(std::move(session));
    // Copies: a slot may apply or replace pending_ before the second signal.
    const QString dataset = pending_->dataset, model = pending_->model;
    if (!dataset.isEmpty())
        Q_EMIT datasetRequested(dataset);
    if (!model.isEmpty())
        Q_EMIT modelRequested(model);
    if (!loader_->isBusy())
        applyPending();
    return {};
}

// The session's settings over the data's defaults (an opened model brings its own when it arrives), then
// its view, last, so it wins over the tab the model opened in.
void SessionController::applyPending()
{
    if (!pending_)
        return;
    const std::unique_ptr<Session> session = std::move(pending_);
    if (session->modelConfig && session->training && session->model.isEmpty())
        workspace_->trainingView()->form()->setConfigs(*session->modelConfig, *session->training);
    // The sets first: custom axes may run to one of them, and are resolved to its samples as they are set.
    restoreSets(*session);
    if (session->projection)
        workspace_->explorerView()->setProjection(*session->projection);
    workspace_->explorerView()->setBookmarks(session->bookmarks);
    restoreDecisions(*session);
    if (!session->models.empty())
        workspace_->modelsView()->setEntries(session->models);
    if (const std::optional<View> view = viewFromName(session->view))
        workspace_->showView(*view);
}

// Only onto the dataset the session names (another one may have stayed open when it failed to load), and
// only when every index lies inside it.
void SessionController::restoreSets(const Session& session)
{
    const DatasetPtr data = workspace_->dataset();
    if (session.sets.empty() || !data || session.dataset.isEmpty()
        || QFileInfo(workspace_->datasetPath()) != QFileInfo(session.dataset))
        return;
    try {
        checkSetsFit(session.sets, data->size());
    } catch (const std::exception& e) {
        openMessage(dialogParent_, QMessageBox::Warning, tr("The session's sets were not restored"),
                    QString::fromStdString(e.what()));
        return;
    }
    workspace_->explorerView()->sampleSets()->reset(session.sets);
}

// Like the sets: onto the dataset the session names, when every decision fits it.
void SessionController::restoreDecisions(const Session& session)
{
    const DatasetPtr data = workspace_->dataset();
    if (session.labelDecisions.empty() || !data || session.dataset.isEmpty()
        || QFileInfo(workspace_->datasetPath()) != QFileInfo(session.dataset))
        return;
    try {
        checkDecisionsFit(session.labelDecisions, data->size(), data->numClasses());
    } catch (const std::exception& e) {
        openMessage(dialogParent_, QMessageBox::Warning, tr("The session's label decisions were not restored"),
                    QString::fromStdString(e.what()));
        return;
    }
    workspace_->labelsView()->setDecisions(session.labelDecisions);
}

QString SessionController::save(const QString& path)
{
    try {
        writeSession(path, collect());
    } catch (const std::exception& e) {
        const QString message = QString::fromStdString(e.what());
        openMessage(dialogParent_, QMessageBox::Warning, tr("The session was not saved"), message);
        return message;
    }
    TrainingView* training = workspace_->trainingView();
    const bool unsavedModel = training->modelPath().isEmpty() && training->controller()->hasModel();
    Q_EMIT statusMessage(
        unsavedModel ? tr("Saved the session to %1 (without the model: save the model first to keep it)").arg(path)
                     : tr("Saved the session to %1").arg(path));
    return {};
}

} // namespace latentlab::ui
