// The latent explorer's drag: from a mouse move on the scatter to the decoded image repainted beside it, with
// the reference MLP VAE 784-512-512-32 on all 70,000 Fashion-MNIST images under PCA (the real ExplorerView,
// offscreen). Each move goes to a new spot; the clock stops when the probe panel has repainted the image of
// exactly that spot. Measured idle, and again while a t-SNE of all 70,000 points runs on the other thread.
// Also reports how long the first layout takes (encode all + PCA) from the moment the model is set.
//   build/tests/bench/bench_explorer_probe [--data DIR] [--model CHECKPOINT] [--moves 200]
#include "core/data/load_dataset.h"
#include "core/models/make_model.h"
#include "core/models/model_snapshot.h"
#include "core/training/checkpoint.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/image_grid_view.h"
#include "ui/explorer/probe_panel.h"
#include "ui/explorer/scatter/scatter_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QMouseEvent>
#include <QTest>
#include <QToolButton>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <random>
#include <string>
#include <vector>

using namespace latentlab;
using namespace latentlab::ui;

namespace {

void send(QWidget* w, QEvent::Type type, QPointF pos, Qt::MouseButtons buttons)
{
    QMouseEvent e(type, pos, w->mapToGlobal(pos), type == QEvent::MouseMove ? Qt::NoButton : Qt::LeftButton, buttons,
                  Qt::NoModifier);
    QApplication::sendEvent(w, &e);
}

struct Figures {
    double median = 0, p90 = 0, max = 0;
};

Figures summarise(std::vector<double> ms)
{
    std::sort(ms.begin(), ms.end());
    if (ms.empty())
        return {};
    return {ms[ms.size() / 2], ms[ms.size() * 9 / 10], ms.back()};
}

// Drags the probe to `moves` random spots of the plot, one at a time, timing each to its repaint.
Figures drag(ExplorerView& view, int moves, std::uint32_t seed)
{
    ScatterView* scatter = view.scatter();
    const QRect plot = scatter->plotRect();
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> ux(plot.left() + 5, plot.right() - 5), uy(plot.top() + 5, plot.bottom() - 5);
    QPointF wanted;
    bool arrived = false;
    auto connection = QObject::connect(view.controller(), &ExplorerController::probeDecoded, &view,
                                       [&](const ProbeImage& p) {
                                           if (p.position == wanted) {
                                               view.probePanel()->decodedView()->repaint();
                                               arrived = true;
                                           }
                                       });
    std::vector<double> ms;
    QPointF at(ux(rng), uy(rng));
    send(scatter, QEvent::MouseButtonPress, at, Qt::LeftButton);
    QTest::qWait(50);
    for (int i = 0; i < moves; ++i) {
        at = QPointF(ux(rng), uy(rng));
        wanted = scatter->toData(at);
        arrived = false;
        QElapsedTimer clock;
        clock.start();
        send(scatter, QEvent::MouseMove, at, Qt::LeftButton);
        while (!arrived && clock.elapsed() < 5000)
            QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents, 5);
        ms.push_back(clock.nsecsElapsed() / 1e6);
        QTest::qWait(2); // a person's next mouse event comes a little later
    }
    send(scatter, QEvent::MouseButtonRelease, at, Qt::NoButton);
    QObject::disconnect(connection);
    return summarise(ms);
}

} // namespace

int main(int argc, char* argv[])
{
    qputenv("QT_QPA_PLATFORM", qgetenv("QT_QPA_PLATFORM").isEmpty() ? QByteArray("offscreen") : qgetenv("QT_QPA_PLATFORM"));
    QApplication app(argc, argv);
    std::string data = "/usr/share/datasets/fashion-mnist", checkpoint;
    int moves = 200;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--data"))
            data = argv[i + 1];
        else if (!std::strcmp(argv[i], "--model"))
            checkpoint = argv[i + 1];
        else if (!std::strcmp(argv[i], "--moves"))
            moves = std::atoi(argv[i + 1]);
    }
    auto dataset = std::make_shared<const Dataset>(loadDataset(data));
    ModelPtr model = checkpoint.empty() ? snapshotModel(makeModel(ModelConfig::defaultsFor(dataset->sampleShape())))
                                        : snapshotModel(loadCheckpoint(checkpoint).model);

    ExplorerView view;
    view.resize(1400, 860);
    view.show();
    view.setDataset(dataset);
    QElapsedTimer first;
    first.start();
    view.setModel(model);
    if (!QTest::qWaitFor([&] { return view.scatter()->pointCount() > 0 && !view.controller()->isProjecting(); }, 120000)) {
        std::fprintf(stderr, "no layout\n");
        return 1;
    }
    const double layoutSeconds = first.elapsed() / 1000.0;
    view.probeButton()->setChecked(true);
    QTest::qWait(200);

    std::printf("explorer: %lld points, %s\n", static_cast<long long>(dataset->size()),
                qPrintable(view.statusText()));
    std::printf("first layout (encode all + PCA, from setModel to the scatter): %.2f s\n", layoutSeconds);
    const Figures idle = drag(view, moves, 1);
    std::printf("drag, idle: mouse move -> repainted decode: median %.2f ms, p90 %.2f ms, max %.2f ms (%d moves)\n",
                idle.median, idle.p90, idle.max, moves);

    ProjectionSettings tsne;
    tsne.method = ProjectionMethod::Tsne;
    view.setProjection(tsne);
    QTest::qWait(3000); // past the neighbour search, into the iterations
    view.probeButton()->setChecked(true);
    const Figures busy = drag(view, moves, 2);
    std::printf("drag, during a 70k t-SNE: median %.2f ms, p90 %.2f ms, max %.2f ms (%d moves)\n", busy.median,
                busy.p90, busy.max, moves);
    view.controller()->stopProjection();
    return 0;
}
