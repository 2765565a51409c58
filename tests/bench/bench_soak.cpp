// The soak (issue 23): an hour of training in the real window, as a user leaves it running. The default VAE
// trains on Fashion-MNIST with the Explorer in front following the run (a snapshot every 500 steps, encoded
// and laid out each time) and the Anomalies tab rescoring every sample with each epoch's model. It reports
// resident memory after the first epoch and at the end (target: less than 5% growth) and the event loop's
// longest stall, measured by the monkey's watchdog (a ping posted to the GUI thread every 10 ms; target:
// under 50 ms, less the time the GUI thread waited for a core), with a progress line a minute.
//   LATENTLAB_SOAK_SECONDS=3600 build/tests/bench/bench_soak [--data DIR]
#include "tests/ui/monkey/rss_sampler.h"
#include "tests/ui/monkey/stall_watchdog.h"

#include "ui/anomaly/anomaly_view.h"
#include "ui/explorer/explorer_view.h"
#include "ui/explorer/projection_bar.h"
#include "ui/shell/allocator_settings.h"
#include "ui/shell/main_window.h"
#include "ui/training/model_form.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_view.h"

#include <QApplication>
#include <QEventLoop>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace latentlab;
using namespace latentlab::ui;

int main(int argc, char** argv)
{
    latentlab::ui::returnLargeBlocksWhenFreed(); // as app/gui/main.cpp does
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    // Away from the user's settings: the form starts from the data's defaults.
    QStandardPaths::setTestModeEnabled(true);
    QApplication::setOrganizationName(QStringLiteral("LatentLabBench"));
    QApplication::setApplicationName(QStringLiteral("bench_soak"));
    QSettings().clear();
    QString data = QStringLiteral("/usr/share/datasets/fashion-mnist");
    for (int i = 1; i + 1 < argc; i += 2)
        if (!std::strcmp(argv[i], "--data"))
            data = QString::fromLocal8Bit(argv[i + 1]);
    bool ok = false;
    double seconds = qEnvironmentVariable("LATENTLAB_SOAK_SECONDS").toDouble(&ok);
    if (!ok || seconds <= 0)
        seconds = 3600;

    MainWindow window;
    window.setConfirmClose([] { return true; });
    window.resize(1400, 900);
    window.show();
    {
        QEventLoop loading;
        QObject::connect(&window, &MainWindow::datasetChanged, &loading, &QEventLoop::quit);
        QObject::connect(&window, &MainWindow::loadFailed, &loading, [&](const QString&, const QString& message) {
            std::fprintf(stderr, "bench_soak: %s\n", qPrintable(message));
            std::exit(1);
        });
        window.openDataset(data);
        loading.exec();
    }
    TrainingView* training = window.trainingView();
    TrainingController* controller = training->controller();
    ExplorerView* explorer = window.explorerView();
    AnomalyView* anomalies = window.anomalyView();
    // The form's defaults for the data (the default VAE), with epochs enough for any soak.
    training->form()->epochsBox()->setValue(100000);
    explorer->projectionBar()->setFollowTraining(true);

    monkey::StallWatchdog watchdog(10, 50.0);
    watchdog.setSampling(40.0, 100.0); // the longest stall's stack is printed at the end
    monkey::RssSampler rss;
    double firstEpochMb = -1.0, firstEpochAt = 0.0, stallAfterFirst = 0.0;
    monkey::ResidentSplit firstEpochSplit, firstScoringSplit;
    double firstEpochHeapMb = 0.0, firstScoringHeapMb = 0.0;
    qint64 epochs = 0, step = 0, snapshots = 0, scorings = 0;
    ModelPtr latest;
    QObject::connect(controller, &TrainingController::modelSnapshot, &window, [&](ModelPtr model, qint64, bool) {
        latest = std::move(model);
        ++snapshots;
    });
    QObject::connect(controller, &TrainingController::progressed, &window,
                     [&](const TrainingProgressInfo& info) { step = info.step; });
    // The explorer's first snapshot and the first scoring come after the first epoch (500 steps > one epoch of
    // 469): their buffers are a one-time cost, so growth is shown from there too.
    double firstScoringMb = -1.0, firstScoringAt = 0.0;
    QObject::connect(anomalies, &AnomalyView::scoresChanged, &window, [&] {
        if (++scorings == 1) {
            firstScoringMb = monkey::residentMb();
            firstScoringSplit = monkey::residentSplit();
            firstScoringHeapMb = monkey::heapInUseMb();
            firstScoringAt = watchdog.nowMs() / 1000.0;
        }
    });
    QObject::connect(controller, &TrainingController::epochDone, &window, [&](const EpochInfo& info) {
        epochs = info.epoch;
        if (latest) {
            anomalies->setModel(latest);
            anomalies->score();
        }
        if (firstEpochMb < 0) {
            // From here on the caches are warm: growth and stalls are measured from this point.
            firstEpochMb = monkey::residentMb();
            firstEpochSplit = monkey::residentSplit();
            firstEpochHeapMb = monkey::heapInUseMb();
            firstEpochAt = watchdog.nowMs() / 1000.0;
            stallAfterFirst = watchdog.longestMs();
            watchdog.resetLongest();
        }
    });
    QObject::connect(controller, &TrainingController::failed, &window, [&](const QString& message) {
        std::fprintf(stderr, "bench_soak: training failed: %s\n", qPrintable(message));
        std::exit(1);
    });

    watchdog.start();
    window.showView(View::Training);
    training->startTraining();
    window.showView(View::Explorer);

    QEventLoop loop;
    QTimer minute;
    QObject::connect(&minute, &QTimer::timeout, &window, [&] {
        const double t = watchdog.nowMs() / 1000.0;
        rss.sample(t);
        if (static_cast<long>(t) % 60 < 10 || t < 70) {
            const monkey::ResidentSplit split = monkey::residentSplit();
            std::printf("%6.0f s  epoch %lld  step %lld  snapshots %lld  scorings %lld  RSS %.0f MiB (anon %.0f, file "
                        "%.0f; malloc in use %.0f; %.0f threads)  longest stall %.1f ms\n",
                        t, static_cast<long long>(epochs), static_cast<long long>(step),
                        static_cast<long long>(snapshots), static_cast<long long>(scorings), rss.last(), split.anonMb,
                        split.fileMb, rss.samples().back().heapMb, split.threads, watchdog.longestMs());
        }
        std::fflush(stdout);
    });
    minute.start(10000);
    QTimer::singleShot(static_cast<int>(seconds * 1000), &loop, &QEventLoop::quit);
    loop.exec();
    const double endMb = monkey::residentMb();
    const monkey::ResidentSplit endSplit = monkey::residentSplit();
    const double endHeapMb = monkey::heapInUseMb();
    const double longest = watchdog.longestMs();
    const double longestOwn = watchdog.longestOwnMs();
    controller->stop();
    watchdog.stop();

    const double growth = firstEpochMb > 0 ? 100.0 * (endMb - firstEpochMb) / firstEpochMb : 0.0;
    std::printf("summary  %.0f s  %lld epochs  %lld steps  %lld snapshots followed  %lld anomaly scorings\n", seconds,
                static_cast<long long>(epochs), static_cast<long long>(step), static_cast<long long>(snapshots),
                static_cast<long long>(scorings));
    if (firstEpochMb > 0)
        std::printf("memory   after the first epoch (%.0f s) %.0f MiB, at the end %.0f MiB, peak sampled %.0f MiB: %+.1f%% (target < 5%%: %s)\n",
                    firstEpochAt, firstEpochMb, endMb, rss.peak(), growth, growth < 5.0 ? "met" : "missed");
    else // too short a run (or too slow a machine, or a profiler) for one epoch: nothing to judge against
        std::printf("memory   no epoch finished in %.0f s: growth not measured (at the end %.0f MiB)\n", seconds, endMb);
    if (firstScoringMb > 0)
        std::printf("memory   after the first anomaly scoring (%.0f s) %.0f MiB: %+.1f%% to the end\n", firstScoringAt,
                    firstScoringMb, 100.0 * (endMb - firstScoringMb) / firstScoringMb);
    // Where the growth is: anonymous pages (held memory) or file pages (library code met for the first time).
    const auto splitLine = [](const char* when, const monkey::ResidentSplit& s, double heapMb) {
        std::printf("memory   %-24s anon %.0f MiB, file %.0f MiB, malloc in use %.0f MiB, %.0f threads\n", when,
                    s.anonMb, s.fileMb, heapMb, s.threads);
    };
    if (firstEpochMb > 0)
        splitLine("after the first epoch", firstEpochSplit, firstEpochHeapMb);
    if (firstScoringMb > 0)
        splitLine("after the first scoring", firstScoringSplit, firstScoringHeapMb);
    splitLine("at the end", endSplit, endHeapMb);
    // On a shared machine part of a stall is the GUI thread waiting for a core (stall_watchdog.h): both shown.
    std::printf("stalls   longest after the first epoch %.1f ms, %.1f ms less waits for a core (target < 50 ms: %s); "
                "during the first epoch %.1f ms; %zu stalls over 50 ms after it, %lld pings\n",
                longest, longestOwn, longestOwn < 50.0 ? "met" : "missed", stallAfterFirst, watchdog.stalls().size(),
                static_cast<long long>(watchdog.pings()));
    std::vector<monkey::StallWatchdog::Stall> stalls = watchdog.stalls();
    const auto longestStall = std::max_element(stalls.begin(), stalls.end(),
                                               [](const auto& a, const auto& b) { return a.ownMs() < b.ownMs(); });
    if (longestStall != stalls.end() && !longestStall->samples.empty())
        std::printf("stalls   the GUI thread during the longest (%.1f ms at %.0f s):\n%s", longestStall->lengthMs,
                    longestStall->atMs / 1000.0, monkey::StallWatchdog::describe(longestStall->samples.front()).c_str());
    return 0;
}
