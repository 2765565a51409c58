#pragma once
// The one way ui/ runs core on another thread (after Tiled's ProjectModel and Qt's Mandelbrot example): a
// QThread that owns a parentless worker object moved onto it. post() queues a call to the worker; the worker
// answers with queued signals carrying plain values. Every call first sets up LibTorch for this thread
// (core's useTorchThreads: the count the owner asked for, and the grad mode of the kind of work), so no two
// workers fight over one setting. Destruction runs the owner's cancel hook (stop a run at its next batch),
// then quits and joins the thread: the call in progress ends, calls not yet started are dropped (the owner
// is going away and wants no answer), and the worker is deleted on its own thread.
#include <QObject>
#include <QString>
#include <QThread>

#include <atomic>
#include <functional>
#include <utility>

namespace latentlab::ui {

class WorkerThreadBase {
public:
    // Inference: grad off for the thread's whole life. Training: grad on (the trainer builds graphs).
    enum class Grad { Off, On };

    WorkerThreadBase(const WorkerThreadBase&) = delete;
    WorkerThreadBase& operator=(const WorkerThreadBase&) = delete;

    // LibTorch threads for the calls posted from now on (1 unless set); 0: every core.
    void setTorchThreads(int threads) { threads_.store(threads); }
    int torchThreads() const { return threads_.load(); }
    // Runs first in the destructor, on the owner's thread: cancel what the worker is doing, so joining is quick.
    void setCancel(std::function<void()> cancel) { cancel_ = std::move(cancel); }
    QThread* thread() { return &thread_; }

protected:
    WorkerThreadBase(QObject* worker, const QString& name, Grad grad);
    ~WorkerThreadBase();
    void postCall(std::function<void()> call);

    QObject* worker_;

private:
    QThread thread_;
    std::atomic<int> threads_{1};
    Grad grad_;
    std::function<void()> cancel_;
};

template <typename Worker>
class WorkerThread : public WorkerThreadBase {
public:
    explicit WorkerThread(const QString& name, Grad grad = Grad::Off) : WorkerThreadBase(new Worker, name, grad) {}

    // The worker, to connect its signals to. Call its methods only through post().
    Worker* worker() const { return static_cast<Worker*>(worker_); }

    // Runs fn(worker) on the thread, after every call posted before it.
    template <typename Fn>
    void post(Fn&& fn)
    {
        Worker* w = worker();
        postCall([w, fn = std::forward<Fn>(fn)]() mutable { fn(*w); });
    }
};

} // namespace latentlab::ui
