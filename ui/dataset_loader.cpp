#include "dataset_loader.h"

#include "load_worker.h"

namespace latentlab::ui {

DatasetLoader::DatasetLoader(QObject* parent)
    : QObject(parent)
{
    qRegisterMetaType<DatasetPtr>("latentlab::ui::DatasetPtr");
    thread_.setObjectName(QStringLiteral("DatasetLoader"));
    worker_ = new LoadWorker; // no parent: it must live on thread_, and is deleted there when it finishes
    worker_->moveToThread(&thread_);
    connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);

    // The worker lives on another thread, so these connections are queued: the handlers run here.
    connect(worker_, &LoadWorker::loaded, this, [this](quint64 request, const QString& path, DatasetPtr dataset) {
        finishRequest(); // first, so handlers of loaded() already see isBusy() == false
        if (request == latest_)
            Q_EMIT loaded(path, std::move(dataset));
    });
    connect(worker_, &LoadWorker::failed, this, [this](quint64 request, const QString& path, const QString& message) {
        finishRequest();
        if (request == latest_)
            Q_EMIT failed(path, message);
    });
    thread_.start();
}

DatasetLoader::~DatasetLoader()
{
    thread_.quit();
    thread_.wait();
}

void DatasetLoader::load(const QString& path)
{
    const quint64 request = ++latest_;
    latestPath_ = path;
    if (pending_++ == 0)
        Q_EMIT busyChanged(true);
    Q_EMIT started(path);
    LoadWorker* worker = worker_;
    QMetaObject::invokeMethod(worker_, [worker, request, path] { worker->load(request, path); }, Qt::QueuedConnection);
}

void DatasetLoader::finishRequest()
{
    if (--pending_ == 0)
        Q_EMIT busyChanged(false);
}

} // namespace latentlab::ui
