#include "ui/common/worker_thread.h"

#include "core/util/torch_threads.h"
#include "ui/common/freed_memory.h"

namespace latentlab::ui {

WorkerThreadBase::WorkerThreadBase(QObject* worker, const QString& name, Grad grad) : worker_(worker), grad_(grad)
{
    thread_.setObjectName(name);
    worker_->moveToThread(&thread_); // no parent: it lives on thread_ and is deleted there when it stops
    QObject::connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
    thread_.start();
}

WorkerThreadBase::~WorkerThreadBase()
{
    if (cancel_)
        cancel_();
    thread_.quit();
    thread_.wait();
}

void WorkerThreadBase::postCall(std::function<void()> call)
{
    // The count as it is now: a call keeps the setting it was posted under, even if the owner changes it
    // before the call runs (one thread for a layout posted while a model trains, say).
    const bool grad = grad_ == Grad::On;
    const int threads = threads_.load();
    QMetaObject::invokeMethod(
        worker_,
        [call = std::move(call), grad, threads] {
            setTorchGradEnabled(grad);
            useTorchThreads(threads);
            call();
            returnFreedPagesNowAndThen();
        },
        Qt::QueuedConnection);
}

} // namespace latentlab::ui
