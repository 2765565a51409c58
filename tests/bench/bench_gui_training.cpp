// Training from the GUI against training as the CLI does it, alternating on the same machine: the reference
// MLP VAE 784-512-512-32 on Fashion-MNIST, batch 128, 2 threads. The GUI round runs the real training tab
// (offscreen: charts, previews, progress line) and measures how long the GUI thread's event loop stays busy
// each time it wakes (from the dispatcher's awake() to its next aboutToBlock()): the longest stall, the time
// a click would wait at worst. That costs no wake-up of its own, unlike a timer that records its lateness
// (BENCH_TIMER_PROBE=1 adds one, every 20 ms: its 50 wake-ups a second took several percent from training).
// It also counts the chart's redraws per second.
//   build/tests/bench/bench_gui_training [--rounds 2] [--epochs 1] [--threads 2] [--data DIR]
#include "core/data/load_dataset.h"
#include "core/models/make_model.h"
#include "core/training/trainer.h"
#include "tests/bench/throughput_observer.h"
#include "ui/training/loss_chart.h"
#include "ui/training/model_form.h"
#include "ui/training/training_controller.h"
#include "ui/training/training_view.h"

#include <QAbstractEventDispatcher>
#include <QApplication>
#include <QElapsedTimer>
#include <QSettings>
#include <QSpinBox>
#include <QTimer>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <string>
#include <thread>

#include <time.h>
#include <vector>

using namespace latentlab;

namespace {

// The optional timer probe: often enough to catch any stall near 50 ms.
constexpr int kProbeMs = 20;

double cliRound(const Dataset& ds, TrainingConfig training)
{
    Trainer trainer(makeModel(ModelConfig::defaultsFor(ds.sampleShape())), ds, training);
    bench::ThroughputObserver throughput;
    trainer.setObserver(&throughput);
    trainer.run();
    return throughput.samplesPerSecond;
}

struct GuiResult {
    double samplesPerSecond = 0, maxLateMs = 0, p99LateMs = 0, redrawsPerSecond = 0;
    double guiThreadLoad = 0; // CPU seconds of the GUI thread per wall second while training ran
    int stalls50 = 0;
};

// The controller and its worker thread alone, no view: separates the cost of the thread hand-over from the cost
// of the widgets (BENCH_CONTROLLER_ONLY=1).
GuiResult controllerRound(QApplication& app, const ui::DatasetPtr& data, const TrainingConfig& training)
{
    ui::TrainingController controller;
    GuiResult r;
    QObject::connect(&controller, &ui::TrainingController::progressed, &app,
                     [&](const ui::TrainingProgressInfo& p) { r.samplesPerSecond = p.samplesPerSecond; });
    QObject::connect(&controller, &ui::TrainingController::finished, &app, [&] { app.quit(); });
    TrainingConfig t = training;
    controller.train(ModelConfig::defaultsFor(data->sampleShape()), t, data, QStringLiteral("fashion-mnist"));
    app.exec();
    return r;
}

GuiResult guiRound(QApplication& app, const ui::DatasetPtr& data, const TrainingConfig& training)
{
    if (qEnvironmentVariableIsSet("BENCH_CONTROLLER_ONLY"))
        return controllerRound(app, data, training);
    ui::TrainingView view;
    view.resize(1280, 800);
    if (!qEnvironmentVariableIsSet("BENCH_HIDDEN"))
        view.show();
    view.setDataset(data, QStringLiteral("fashion-mnist"));
    view.form()->epochsBox()->setValue(static_cast<int>(training.epochs));
    GuiResult r;
    QObject::connect(view.controller(), &ui::TrainingController::progressed, &view,
                     [&](const ui::TrainingProgressInfo& p) { r.samplesPerSecond = p.samplesPerSecond; });
    std::vector<double> late, busy;
    QElapsedTimer clock, run, awake;
    QAbstractEventDispatcher* dispatcher = QAbstractEventDispatcher::instance();
    const QMetaObject::Connection woke = QObject::connect(dispatcher, &QAbstractEventDispatcher::awake, [&] {
        if (!awake.isValid())
            awake.start();
    });
    const QMetaObject::Connection blocks = QObject::connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, [&] {
        if (awake.isValid())
            busy.push_back(awake.nsecsElapsed() / 1e6);
        awake.invalidate();
    });
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(kProbeMs);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        late.push_back(std::max(0.0, clock.nsecsElapsed() / 1e6 - kProbeMs));
        clock.restart();
    });
    QObject::connect(view.controller(), &ui::TrainingController::finished, &app, [&] { app.quit(); });
    const int redrawsBefore = view.lossChart()->redrawCount();
    timespec cpu0{}, cpu1{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu0);
    view.startTraining();
    clock.start();
    run.start();
    if (qEnvironmentVariableIsSet("BENCH_TIMER_PROBE"))
        probe.start();
    app.exec();
    probe.stop();
    QObject::disconnect(woke);
    QObject::disconnect(blocks);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &cpu1);
    r.guiThreadLoad = ((cpu1.tv_sec - cpu0.tv_sec) + (cpu1.tv_nsec - cpu0.tv_nsec) / 1e9) / (run.elapsed() / 1000.0);
    std::vector<double>& stalls = qEnvironmentVariableIsSet("BENCH_TIMER_PROBE") ? late : busy;
    std::sort(stalls.begin(), stalls.end());
    if (!stalls.empty()) {
        r.maxLateMs = stalls.back();
        r.p99LateMs = stalls[stalls.size() * 99 / 100];
        r.stalls50 = static_cast<int>(std::count_if(stalls.begin(), stalls.end(), [](double ms) { return ms > 50.0; }));
    }
    r.redrawsPerSecond = (view.lossChart()->redrawCount() - redrawsBefore) / (run.elapsed() / 1000.0);
    return r;
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    // Qt's own Unix event dispatcher reports each wake-up (awake()); the GLib one it uses by default does not.
    qputenv("QT_NO_GLIB", "1");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("LatentLabBench"));
    std::string path = "/usr/share/datasets/fashion-mnist";
    int rounds = 2;
    TrainingConfig training;
    training.epochs = 1;
    training.threads = 2;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--rounds"))
            rounds = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--epochs"))
            training.epochs = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--threads"))
            training.threads = std::atoi(argv[i + 1]);
        else if (!std::strcmp(argv[i], "--data"))
            path = argv[i + 1];
    }
    const auto data = std::make_shared<const Dataset>(loadDataset(path));
    // Odd rounds run the CLI way first, even rounds the GUI first, so neither always meets a warmer machine.
    std::vector<double> ratios;
    double cliSum = 0.0, guiSum = 0.0, worstStall = 0.0;
    for (int round = 1; round <= rounds; ++round) {
        double cli = 0.0;
        GuiResult gui;
        for (int part = 0; part < 2; ++part) {
            if ((part == 0) == (round % 2 == 1)) {
                if (qEnvironmentVariableIsSet("BENCH_GUI_ONLY")) {
                    cli = 1.0;
                } else if (qEnvironmentVariableIsSet("BENCH_CLI_THREAD")) {
                    // The CLI's way on a fresh thread: separates "another thread" from "the GUI".
                    std::thread t([&] { cli = cliRound(*data, training); });
                    t.join();
                } else {
                    cli = cliRound(*data, training);
                }
            } else {
                QSettings().clear(); // the tab's defaults for the data, not a remembered configuration
                gui = guiRound(app, data, training);
            }
        }
        std::printf("round %d  cli %.0f samples/s  gui %.0f samples/s (%.1f%% of cli)  event loop: longest stall %.1f ms, "
                    "99th percentile %.1f ms, %d stalls over 50 ms  chart redraws %.1f/s  GUI thread %.1f%% of a core\n",
                    round, cli, gui.samplesPerSecond, 100.0 * gui.samplesPerSecond / cli, gui.maxLateMs, gui.p99LateMs,
                    gui.stalls50, gui.redrawsPerSecond, 100.0 * gui.guiThreadLoad);
        std::fflush(stdout);
        ratios.push_back(gui.samplesPerSecond / cli);
        cliSum += cli;
        guiSum += gui.samplesPerSecond;
        worstStall = std::max(worstStall, gui.maxLateMs);
    }
    // One round is one epoch, and rounds on a shared 2-core machine spread by several percent on their own:
    // the median of the paired ratios and the ratio of the sums say more than any single round.
    std::sort(ratios.begin(), ratios.end());
    const std::size_t n = ratios.size();
    const double median = n % 2 ? ratios[n / 2] : (ratios[n / 2 - 1] + ratios[n / 2]) / 2.0;
    std::printf("summary  %zu rounds  GUI/CLI median %.1f%%  pooled %.1f%%  range %.1f-%.1f%%  longest stall %.1f ms\n",
                n, 100.0 * median, 100.0 * guiSum / cliSum, 100.0 * ratios.front(), 100.0 * ratios.back(), worstStall);
    return 0;
}
