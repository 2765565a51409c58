#include "ui/compare/comparison_view.h"

#include "core/compare/svg_chart.h"
#include "ui/common/sample_image.h"
#include "ui/compare/linked_scatters.h"
#include "ui/explorer/scatter/scatter_view.h"

#include <QComboBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLegend>
#include <QtCharts/QLineSeries>
#include <QtCharts/QScatterSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>

namespace latentlab::ui {

namespace {

constexpr int kImageScale = 2; // 28-pixel images at twice their size, as the report draws them

QLabel* heading(const QString& text)
{
    auto* l = new QLabel(QStringLiteral("<b>%1</b>").arg(text.toHtmlEscaped()));
    l->setTextFormat(Qt::RichText);
    return l;
}

// An image at kImageScale times its pixels, or the note that says why there is none.
QLabel* imageOrNote(const QImage& image, const QString& note)
{
    auto* l = new QLabel;
    l->setAlignment(Qt::AlignHCenter | Qt::AlignTop);
    if (image.isNull()) {
        l->setText(note.isEmpty() ? ComparisonView::tr("Nothing to show") : note);
        l->setWordWrap(true);
        l->setMaximumWidth(260);
        l->setStyleSheet(QStringLiteral("color: #8a5a00"));
    } else {
        l->setPixmap(QPixmap::fromImage(image.scaled(image.size() * kImageScale, Qt::KeepAspectRatio, Qt::FastTransformation)));
    }
    return l;
}

// The part's name as core gives it ("test", "validation", "all"), in the window's language.
QString partText(const QString& part)
{
    if (part == QLatin1String("test"))
        return ComparisonView::tr("test");
    if (part == QLatin1String("validation"))
        return ComparisonView::tr("validation");
    return ComparisonView::tr("whole data");
}

QChartView* chartView()
{
    auto* chart = new QChart;
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignRight);
    auto* view = new QChartView(chart);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(260);
    return view;
}

} // namespace

QColor comparedModelColour(int i)
{
    return QColor(QString::fromStdString(modelColour(static_cast<std::size_t>(i)))); // the report's colours
}

ComparisonView::ComparisonView(QWidget* parent) : QWidget(parent)
{
    pages_ = new QStackedWidget;
    auto* empty = new QLabel(tr("Tick two to four models in the table and press Compare: their curves, reconstructions, "
                                "samples, interpolations and aligned latent spaces appear here side by side."));
    empty->setAlignment(Qt::AlignCenter);
    empty->setWordWrap(true);
    empty->setStyleSheet(QStringLiteral("color: #666"));
    pages_->addWidget(empty);

    auto* content = new QWidget;
    auto* column = new QVBoxLayout(content);
    auto* termRow = new QHBoxLayout;
    termRow->addWidget(heading(tr("Loss curves")));
    termRow->addStretch(1);
    termRow->addWidget(new QLabel(tr("Term:")));
    term_ = new QComboBox;
    term_->setToolTip(tr("The loss term every model's curve shows: per step (lines) and on the validation part per epoch (dots)"));
    termRow->addWidget(term_);
    column->addLayout(termRow);
    curves_ = chartView();
    column->addWidget(curves_);
    auto* imagesBox = new QWidget;
    images_ = new QGridLayout(imagesBox);
    column->addWidget(imagesBox);
    // The interpolation's ends: two held-out samples of different classes at first, any two the user picks.
    auto* ends = new QHBoxLayout;
    ends->addWidget(new QLabel(tr("Interpolate from sample")));
    from_ = new QSpinBox;
    ends->addWidget(from_);
    ends->addWidget(new QLabel(tr("to sample")));
    to_ = new QSpinBox;
    ends->addWidget(to_);
    interpolate_ = new QPushButton(tr("Interpolate"));
    interpolate_->setToolTip(tr("Every model interpolates between these two samples (a click on a scatter point "
                                "puts it in the first box)"));
    ends->addWidget(interpolate_);
    ends->addStretch(1);
    column->addLayout(ends);
    connect(interpolate_, &QPushButton::clicked, this, [this] { Q_EMIT endsChosen(from_->value(), to_->value()); });
    column->addWidget(heading(tr("Latent spaces, aligned")));
    auto* alignNote = new QLabel(tr("The same samples laid out by PCA in each model, turned, mirrored and scaled onto the "
                                    "first model's layout (orthogonal Procrustes). Hover or click a point: it lights up in "
                                    "every scatter."));
    alignNote->setWordWrap(true);
    column->addWidget(alignNote);
    scatters_ = new LinkedScatters;
    connect(scatters_, &LinkedScatters::selectionChanged, this, [this](int point) {
        if (point >= 0 && static_cast<std::size_t>(point) < result_.layoutIndices.size())
            from_->setValue(static_cast<int>(result_.layoutIndices[static_cast<std::size_t>(point)]));
    });
    scatters_->setMinimumHeight(300);
    column->addWidget(scatters_);
    column->addWidget(heading(tr("Per class")));
    auto* bars = new QHBoxLayout;
    mseBars_ = chartView();
    klBars_ = chartView();
    bars->addWidget(mseBars_, 1);
    bars->addWidget(klBars_, 1);
    column->addLayout(bars);
    auto* scroll = new QScrollArea;
    scroll->setWidget(content);
    scroll->setWidgetResizable(true);
    pages_->addWidget(scroll);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(pages_);
    connect(term_, &QComboBox::currentTextChanged, this, [this] { showCurves(); });
}

void ComparisonView::setDataset(DatasetPtr dataset)
{
    dataset_ = std::move(dataset);
    clear();
}

void ComparisonView::clear()
{
    result_ = {};
    pages_->setCurrentIndex(0);
}

QString ComparisonView::term() const
{
    return term_->currentText();
}

void ComparisonView::setResult(const ComparisonResult& result)
{
    result_ = result;
    // The terms every model has first (recon), then the rest any of them has.
    QStringList terms;
    for (const ComparedModel& m : result_.models)
        for (auto it = m.stepCurves.constBegin(); it != m.stepCurves.constEnd(); ++it)
            if (!terms.contains(it.key()))
                terms.append(it.key());
    const QString was = term_->currentText();
    {
        const QSignalBlocker block(term_);
        term_->clear();
        term_->addItems(terms);
        const QString want = terms.contains(was) ? was : terms.contains(QStringLiteral("recon")) ? QStringLiteral("recon") : QString();
        if (!want.isEmpty())
            term_->setCurrentText(want);
    }
    showCurves();
    showImages();
    const int last = dataset_ ? static_cast<int>(std::max<std::int64_t>(0, dataset_->size() - 1)) : 0;
    for (QSpinBox* box : {from_, to_})
        box->setRange(0, last);
    from_->setValue(static_cast<int>(result_.from));
    to_->setValue(static_cast<int>(result_.to));
    std::vector<std::vector<float>> layouts;
    QStringList captions, notes;
    for (int i = 0; i < result_.models.size(); ++i) {
        const ComparedModel& m = result_.models[i];
        layouts.push_back(m.layout);
        captions.append(i == 0 ? tr("%1 (the reference)").arg(m.name)
                               : tr("%1 (residual %2)").arg(m.name).arg(m.alignmentResidual, 0, 'f', 3));
        notes.append(m.layoutNote);
    }
    scatters_->setLayouts(layouts, result_.layoutLabels, result_.classNames, captions, notes);
    for (ScatterView* v : scatters_->views()) {
        const DatasetPtr data = dataset_;
        const std::vector<qint64> indices = result_.layoutIndices;
        const QStringList names = result_.classNames;
        const std::vector<int> labels = result_.layoutLabels;
        v->setHoverProvider(
            [indices, labels, names](int point) {
                if (point < 0 || static_cast<std::size_t>(point) >= indices.size())
                    return QString();
                const int label = labels[static_cast<std::size_t>(point)];
                return tr("Sample %1").arg(indices[static_cast<std::size_t>(point)])
                       + (label >= 0 ? QStringLiteral(" · ") + names.value(label, QString::number(label)) : QString());
            },
            [indices, data](int point) {
                if (!data || point < 0 || static_cast<std::size_t>(point) >= indices.size())
                    return QImage();
                return sampleImage(*data, indices[static_cast<std::size_t>(point)]);
            });
    }
    showClassBars();
    pages_->setCurrentIndex(1);
}

void ComparisonView::showCurves()
{
    QChart* chart = curves_->chart();
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes())
        chart->removeAxis(axis);
    const QString t = term_->currentText();
    auto* x = new QValueAxis;
    x->setTitleText(tr("Step"));
    x->setLabelFormat(QStringLiteral("%.0f"));
    auto* y = new QValueAxis;
    y->setTitleText(tr("%1 (nats)").arg(t));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    std::vector<double> ys;
    double x0 = 0, x1 = 1;
    bool any = false;
    for (int i = 0; i < result_.models.size(); ++i) {
        const ComparedModel& m = result_.models[i];
        const QVector<QPointF> steps = m.stepCurves.value(t), epochs = m.epochCurves.value(t);
        if (steps.isEmpty())
            continue;
        auto* line = new QLineSeries;
        line->setName(m.name);
        line->replace(steps);
        chart->addSeries(line);
        line->setColor(comparedModelColour(i));
        line->attachAxis(x);
        line->attachAxis(y);
        if (!epochs.isEmpty()) {
            auto* dots = new QScatterSeries;
            dots->setName(tr("%1, validation").arg(m.name));
            dots->replace(epochs);
            dots->setMarkerSize(8);
            chart->addSeries(dots);
            dots->setColor(comparedModelColour(i));
            dots->setBorderColor(comparedModelColour(i).darker(130));
            dots->attachAxis(x);
            dots->attachAxis(y);
        }
        for (const QVector<QPointF>* curve : {&steps, &epochs})
            for (const QPointF& p : *curve) {
                ys.push_back(p.y());
                x0 = any ? std::min(x0, p.x()) : p.x();
                x1 = any ? std::max(x1, p.x()) : p.x();
                any = true;
            }
    }
    const auto [lo, hi] = robustValueRange(std::move(ys));
    y->setRange(lo, hi);
    y->applyNiceNumbers();
    x->setRange(x0, x1 > x0 ? x1 : x0 + 1);
    x->applyNiceNumbers();
    QStringList without;
    for (const ComparedModel& m : result_.models)
        if (m.stepCurves.isEmpty())
            without.append(m.name);
    chart->setTitle(without.isEmpty() ? QString()
                                      : tr("No training record: %1 (a TorchScript model keeps none)").arg(without.join(QStringLiteral(", "))));
}

void ComparisonView::showImages()
{
    while (QLayoutItem* item = images_->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    const bool images = dataset_ && dataset_->isImage();
    if (!images) {
        images_->addWidget(new QLabel(tr("Reconstructions, samples and interpolations: the data is a table, whose rows "
                                         "have no picture.")), 0, 0);
        return;
    }
    int row = 0;
    images_->addWidget(heading(tr("Reconstructions of the same %1 inputs of the %2 part").arg(result_.inputCount).arg(partText(result_.part))),
                       row++, 0, 1, 6);
    images_->addWidget(new QLabel(tr("Input")), row, 0, Qt::AlignHCenter);
    for (int i = 0; i < result_.models.size(); ++i) {
        auto* name = new QLabel(result_.models[i].name);
        name->setStyleSheet(QStringLiteral("color: %1; font-weight: bold").arg(comparedModelColour(i).name()));
        images_->addWidget(name, row, i + 1, Qt::AlignHCenter);
    }
    ++row;
    images_->addWidget(imageOrNote(result_.inputs, {}), row, 0);
    for (int i = 0; i < result_.models.size(); ++i)
        images_->addWidget(imageOrNote(result_.models[i].reconstructions, result_.models[i].reconstructionsNote), row, i + 1);
    ++row;
    images_->addWidget(heading(tr("Samples from the prior, the same noise for every model")), row++, 0, 1, 6);
    for (int i = 0; i < result_.models.size(); ++i)
        images_->addWidget(imageOrNote(result_.models[i].samples, result_.models[i].samplesNote), row, i + 1);
    ++row;
    images_->addWidget(heading(tr("Interpolation from sample %1 to sample %2").arg(result_.from).arg(result_.to)), row++, 0, 1, 6);
    for (int i = 0; i < result_.models.size(); ++i) {
        auto* name = new QLabel(result_.models[i].name);
        images_->addWidget(name, row, 0);
        images_->addWidget(imageOrNote(result_.models[i].interpolation, result_.models[i].interpolationNote), row, 1, 1, 5,
                           Qt::AlignLeft);
        ++row;
    }
    images_->setColumnStretch(5, 1);
}

void ComparisonView::showClassBars()
{
    QVector<int> labels;
    for (const ComparedModel& m : result_.models)
        for (const int l : m.classLabels)
            if (!labels.contains(l))
                labels.append(l);
    std::sort(labels.begin(), labels.end());
    QStringList categories;
    for (const int l : labels)
        categories.append(l < 0 ? tr("all samples") : result_.classNames.value(l, QString::number(l)));
    const auto fill = [&](QChartView* view, const QString& title, bool kl) {
        QChart* chart = view->chart();
        chart->removeAllSeries();
        for (QAbstractAxis* axis : chart->axes())
            chart->removeAxis(axis);
        chart->setTitle(title);
        auto* series = new QBarSeries;
        double hi = 0.0;
        for (int i = 0; i < result_.models.size(); ++i) {
            const ComparedModel& m = result_.models[i];
            if (kl && !m.hasKl)
                continue;
            auto* set = new QBarSet(m.name);
            set->setColor(comparedModelColour(i));
            for (const int l : labels) {
                const int k = m.classLabels.indexOf(l);
                const double v = k < 0 ? 0.0 : (kl ? m.classKl[k] : m.classMse[k]);
                set->append(std::isfinite(v) ? v : 0.0);
                hi = std::max(hi, std::isfinite(v) ? v : 0.0);
            }
            series->append(set);
        }
        chart->addSeries(series);
        auto* x = new QBarCategoryAxis;
        x->append(categories);
        x->setLabelsAngle(-45);
        auto* y = new QValueAxis;
        y->setRange(0.0, hi > 0 ? hi * 1.08 : 1.0);
        y->applyNiceNumbers();
        y->setLabelFormat(QStringLiteral("%g"));
        chart->addAxis(x, Qt::AlignBottom);
        chart->addAxis(y, Qt::AlignLeft);
        series->attachAxis(x);
        series->attachAxis(y);
    };
    fill(mseBars_, tr("Reconstruction error per class (MSE per value)"), false);
    fill(klBars_, tr("KL per class (nats per sample)"), true);
    bool anyKl = false;
    for (const ComparedModel& m : result_.models)
        anyKl = anyKl || m.hasKl;
    klBars_->setVisible(anyKl);
}

} // namespace latentlab::ui
