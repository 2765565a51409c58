// What the latent scatter costs at MNIST size: 70,000 points in 10 Gaussian clusters, drawn by ScatterView at
// 1280x800 with the view fitted, zoomed in on a cluster and zoomed out; nearestPoint at random positions (what
// each mouse move costs); and, to show why the view paints its own points, Qt Charts' QChartView with a
// QScatterSeries of the same points rendered at the same size.
//   build/tests/bench/bench_scatter [--points 70000] [--renders 100] [--chart-renders 3]
#include "ui/explorer/scatter/scatter_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QScatterSeries>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <vector>

using namespace latentlab;

namespace {

constexpr int kClasses = 10;
const QSize kSize(1280, 800);

struct Points {
    std::vector<float> xy;
    std::vector<int> classes;
    std::vector<QPointF> centres;
};

// Clusters of different spreads around a circle, some overlapping, as a trained VAE's 2-D latents look.
Points clusters(int n)
{
    std::mt19937 rng(42);
    std::normal_distribution<float> gauss(0.0f, 1.0f);
    Points p;
    for (int k = 0; k < kClasses; ++k) {
        const double angle = 2 * M_PI * k / kClasses;
        p.centres.emplace_back(3.0 * std::cos(angle), 3.0 * std::sin(angle));
    }
    p.xy.reserve(2 * static_cast<std::size_t>(n));
    p.classes.reserve(static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) {
        const int k = i % kClasses;
        const float spread = 0.4f + 0.1f * k;
        p.xy.push_back(static_cast<float>(p.centres[k].x()) + spread * gauss(rng));
        p.xy.push_back(static_cast<float>(p.centres[k].y()) + 0.7f * spread * gauss(rng));
        p.classes.push_back(k);
    }
    return p;
}

struct Stats {
    double median = 0, p90 = 0;
};

Stats stats(std::vector<double> samples)
{
    if (samples.empty())
        return {};
    std::sort(samples.begin(), samples.end());
    return {samples[samples.size() / 2], samples[std::min(samples.size() - 1, samples.size() * 9 / 10)]};
}

double msSince(const QElapsedTimer& clock)
{
    return clock.nsecsElapsed() / 1e6;
}

// Fitted, 4x in on a cluster, 2x out: the three views a user moves between.
void setView(ui::ScatterView& view, int state, const Points& p)
{
    view.resetView();
    if (state == 1)
        view.zoomBy(4.0, view.toWidget(p.centres[3]));
    else if (state == 2)
        view.zoomBy(0.5, QPointF(kSize.width() / 2.0, kSize.height() / 2.0));
}

void benchScatterView(const Points& p, int renders)
{
    ui::ScatterView view;
    view.resize(kSize);
    QElapsedTimer clock;
    clock.start();
    view.setPoints(p.xy, p.classes);
    const double setMs = msSince(clock);

    for (int i = 0; i < 3; ++i)
        view.renderPoints(kSize); // warm caches and the allocator
    std::vector<double> all, byState[3];
    for (int r = 0; r < renders; ++r) {
        setView(view, r % 3, p);
        clock.restart();
        const QImage image = view.renderPoints(kSize);
        const double ms = msSince(clock);
        all.push_back(ms);
        byState[r % 3].push_back(ms);
        if (image.isNull())
            std::abort();
    }
    const Stats s = stats(all);
    std::printf("ScatterView::renderPoints %dx%d, %zu points: median %.2f ms, p90 %.2f ms over %d renders "
                "(median fitted %.2f, 4x in %.2f, 2x out %.2f ms); setPoints %.2f ms\n",
                kSize.width(), kSize.height(), p.classes.size(), s.median, s.p90, renders, stats(byState[0]).median,
                stats(byState[1]).median, stats(byState[2]).median, setMs);

    // A repaint that reuses the cached layer (a hover, a probe move): legend, rings and the blit.
    view.resetView();
    view.setProbeVisible(true);
    view.grab();
    std::vector<double> repaints;
    for (int r = 0; r < 20; ++r) {
        view.setProbe(p.centres[r % kClasses]);
        clock.restart();
        view.grab();
        repaints.push_back(msSince(clock));
    }
    std::printf("ScatterView repaint from the cached layer (grab): median %.2f ms\n", stats(repaints).median);

    std::mt19937 rng(7);
    std::uniform_real_distribution<double> x(0, kSize.width()), y(0, kSize.height());
    view.nearestPoint(QPointF(1, 1)); // builds the index
    std::vector<double> lookups;
    int hits = 0;
    for (int i = 0; i < 10000; ++i) {
        const QPointF at(x(rng), y(rng));
        clock.restart();
        hits += view.nearestPoint(at) >= 0;
        lookups.push_back(clock.nsecsElapsed() / 1e3);
    }
    const Stats n = stats(lookups);
    std::printf("ScatterView::nearestPoint (8 px): median %.2f us, p90 %.2f us over 10,000 random positions "
                "(%d found a point)\n",
                n.median, n.p90, hits);
    std::fflush(stdout);
}

void benchChart(const Points& p, int renders)
{
    QList<QPointF> points;
    points.reserve(static_cast<qsizetype>(p.classes.size()));
    for (std::size_t i = 0; i < p.classes.size(); ++i)
        points.append(QPointF(p.xy[2 * i], p.xy[2 * i + 1]));
    auto* series = new QScatterSeries;
    series->setMarkerSize(4);
    series->replace(points);
    auto* chart = new QChart;
    chart->addSeries(series);
    chart->createDefaultAxes();
    chart->legend()->hide();
    QChartView view(chart);
    view.resize(kSize);
    QElapsedTimer clock;
    clock.start();
    view.grab();
    const double first = msSince(clock);
    std::vector<double> times;
    for (int r = 0; r < renders; ++r) {
        clock.restart();
        const QPixmap image = view.grab();
        times.push_back(msSince(clock));
        if (image.isNull())
            std::abort();
    }
    std::printf("QChartView + QScatterSeries (marker 4) grab %dx%d, %zu points: median %.0f ms over %d renders "
                "(first, with layout: %.0f ms)\n",
                kSize.width(), kSize.height(), p.classes.size(), stats(times).median, renders, first);
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    int points = 70000, renders = 100, chartRenders = 3;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (!std::strcmp(argv[i], "--points"))
            points = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--renders"))
            renders = std::max(1, std::atoi(argv[i + 1]));
        else if (!std::strcmp(argv[i], "--chart-renders"))
            chartRenders = std::max(0, std::atoi(argv[i + 1]));
    }
    const Points p = clusters(points);
    benchScatterView(p, renders);
    if (chartRenders > 0)
        benchChart(p, chartRenders);
    return 0;
}
