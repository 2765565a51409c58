// The one worker-thread idiom of ui/: WorkerThread (posts calls, sets LibTorch up per call, joins), the request
// tags that drop stale answers, the latest-wins mailbox, and the explorer's choice of layout for a model.
#include "core/util/torch_threads.h"
#include "ui/common/request_tag.h"
#include "ui/common/worker_thread.h"
#include "ui/explorer/latest_request.h"
#include "ui/explorer/layout_choice.h"

#include <QtTest>

#include <QPointer>

#include <future>

using namespace latentlab;
using namespace latentlab::ui;

namespace {

// What a posted call saw of its thread.
struct Seen {
    int threads = 0;
    bool grad = false;
    QThread* thread = nullptr;
};

template <typename W>
Seen seenOn(WorkerThread<W>& worker)
{
    std::promise<Seen> answer;
    worker.post([&answer](W&) { answer.set_value({torchThreadsInUse(), torchGradEnabled(), QThread::currentThread()}); });
    return answer.get_future().get();
}

} // namespace

class TestWorkerThread : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void twoWorkersKeepTheirOwnCounts()
    {
        WorkerThread<QObject> decode(QStringLiteral("test decode"));
        WorkerThread<QObject> layout(QStringLiteral("test layout"));
        decode.setTorchThreads(1);
        layout.setTorchThreads(3);
        // Interleaved: each call's count is the one its own worker asked for, whatever the other set last.
        for (int round = 0; round < 3; ++round) {
            QCOMPARE(seenOn(decode).threads, 1);
            QCOMPARE(seenOn(layout).threads, 3);
        }
        // A call keeps the count it was posted under, even when the owner changes it before the call runs.
        std::promise<void> release;
        std::shared_future<void> released = release.get_future().share();
        layout.post([released](QObject&) { released.wait(); }); // holds the thread
        std::promise<int> counted;
        layout.post([&counted](QObject&) { counted.set_value(torchThreadsInUse()); });
        layout.setTorchThreads(2);
        release.set_value();
        QCOMPARE(counted.get_future().get(), 3);
        QCOMPARE(seenOn(layout).threads, 2);
    }

    void gradModeFollowsTheKindOfWork()
    {
        WorkerThread<QObject> infer(QStringLiteral("test infer"));
        WorkerThread<QObject> train(QStringLiteral("test train"), WorkerThreadBase::Grad::On);
        const Seen i = seenOn(infer), t = seenOn(train);
        QVERIFY(!i.grad);
        QVERIFY(t.grad);
        QVERIFY(i.thread != QThread::currentThread() && t.thread != QThread::currentThread() && i.thread != t.thread);
        QCOMPARE(i.thread, infer.thread());
    }

    void callsRunInOrderAndDestructionJoins()
    {
        QPointer<QObject> worker;
        std::vector<int> order;
        bool cancelled = false;
        {
            WorkerThread<QObject> thread(QStringLiteral("test order"));
            worker = thread.worker();
            thread.setCancel([&] { cancelled = true; });
            for (int i = 0; i < 100; ++i)
                thread.post([&order, i](QObject&) { order.push_back(i); });
        } // the cancel hook, then the call in progress ends, the rest is dropped, the worker deleted on its thread
        QVERIFY(cancelled);
        QVERIFY(order.size() <= std::size_t{100});
        for (std::size_t i = 0; i < order.size(); ++i) // what ran, ran in the order posted
            QCOMPARE(order[i], static_cast<int>(i));
        QVERIFY(worker.isNull());
        // Posted calls run in order while the thread lives.
        std::vector<int> all;
        WorkerThread<QObject> thread(QStringLiteral("test order"));
        std::promise<void> done;
        for (int i = 0; i < 100; ++i)
            thread.post([&all, i](QObject&) { all.push_back(i); });
        thread.post([&done](QObject&) { done.set_value(); });
        done.get_future().wait();
        QCOMPARE(all.size(), std::size_t{100});
        for (std::size_t i = 0; i < all.size(); ++i)
            QCOMPARE(all[i], static_cast<int>(i));
    }

    void tagsTellCurrentAndFreshAnswers()
    {
        RequestTags tags;
        const RequestTag a = tags.next(), b = tags.next();
        QVERIFY(!tags.isCurrent(a));
        QVERIFY(tags.isCurrent(b));
        QVERIFY(tags.isFresh(a) && tags.isFresh(b)); // both answers of a drag are worth showing
        tags.invalidate();                            // the model they were decoded with is gone
        QVERIFY(!tags.isFresh(a) && !tags.isFresh(b) && !tags.isCurrent(b));
        const RequestTag c = tags.next();
        QVERIFY(c > b && tags.isCurrent(c) && tags.isFresh(c));
        QVERIFY(!tags.isFresh(c + 1)); // nothing asked for yet
    }

    void theMailboxHandsOutOnlyTheNewest()
    {
        LatestRequest<int> box;
        QVERIFY(box.put(1));  // the first wakes the worker
        for (int i = 2; i <= 200; ++i)
            QVERIFY(!box.put(i)); // a wake-up is already on its way: no second one
        QCOMPARE(box.take().value(), 200);
        QVERIFY(!box.take().has_value()); // empty: the worker goes back to sleep
        QVERIFY(box.put(201));           // and the next request wakes it again
        QCOMPARE(box.take().value(), 201);
    }

    void aModelGetsTheLayoutItCanShow()
    {
        // Nothing asked for: the latent itself for a 2-D latent, PCA for anything larger.
        QVERIFY(layoutForModel(std::nullopt, 2).method == ProjectionMethod::Latent);
        const ProjectionSettings pca = layoutForModel(std::nullopt, 32);
        QVERIFY(pca.method == ProjectionMethod::Pca);
        QCOMPARE(pca.dimX, 0);
        QCOMPARE(pca.dimY, 1);
        QCOMPARE(layoutForModel(std::nullopt, 1).dimY, 0);

        ProjectionSettings dims;
        dims.method = ProjectionMethod::Dims;
        dims.dimX = 5;
        dims.dimY = 7;
        const ProjectionSettings kept = layoutForModel(dims, 8);
        QVERIFY(kept.method == ProjectionMethod::Dims);
        QCOMPARE(kept.dimX, 5);
        QCOMPARE(kept.dimY, 7);
        // Dimension 7 does not exist in a 4-d latent: PCA instead.
        QVERIFY(layoutForModel(dims, 4).method == ProjectionMethod::Pca);

        ProjectionSettings latent;
        latent.method = ProjectionMethod::Latent;
        QVERIFY(layoutForModel(latent, 16).method == ProjectionMethod::Pca);
        QVERIFY(layoutForModel(latent, 2).method == ProjectionMethod::Latent);

        ProjectionSettings tsne;
        tsne.method = ProjectionMethod::Tsne;
        tsne.perplexity = 12;
        QVERIFY(layoutForModel(tsne, 3).method == ProjectionMethod::Tsne);
        QCOMPARE(layoutForModel(tsne, 3).perplexity, 12.0);
        // A layout that does not fit still hands its t-SNE settings on.
        ProjectionSettings dimsWithPerplexity = dims;
        dimsWithPerplexity.perplexity = 7;
        QCOMPARE(layoutForModel(dimsWithPerplexity, 2).perplexity, 7.0);
    }
};

QTEST_MAIN(TestWorkerThread)
#include "test_worker_thread.moc"
