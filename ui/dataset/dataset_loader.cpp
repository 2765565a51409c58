#include "ui/dataset/dataset_loader.h"

namespace latentlab::ui {

DatasetLoader::DatasetLoader(QObject* parent)
    : QObject(parent), thread_(QStringLiteral("DatasetLoader"))
{
    qRegisterMetaType<DatasetPtr>("latentlab::ui::DatasetPtr");
    // The worker lives on another thread, so these connections are queued: the handlers run here.
    connect(thread_.worker(), &LoadWorker::loaded, this, [this](RequestTag request, const QString& path, DatasetPtr dataset) {
        finishRequest(); // first, so handlers of loaded() already see isBusy() == false
        if (requests_.isCurrent(request))
            Q_EMIT loaded(path, std::move(dataset));
    });
    connect(thread_.worker(), &LoadWorker::failed, this, [this](RequestTag request, const QString& path, const QString& message) {
        finishRequest();
        if (requests_.isCurrent(request))
            Q_EMIT failed(path, message);
    });
}

// The thread joins in thread_'s destructor, after a load in progress finishes.
DatasetLoader::~DatasetLoader() = default;

void DatasetLoader::load(const QString& path)
{
    const RequestTag request = requests_.next();
    latestPath_ = path;
    if (pending_++ == 0)
        Q_EMIT busyChanged(true);
    Q_EMIT started(path);
    thread_.post([request, path](LoadWorker& worker) { worker.load(request, path); });
}

void DatasetLoader::finishRequest()
{
    if (--pending_ == 0)
        Q_EMIT busyChanged(false);
}

} // namespace latentlab::ui
