#include "ui/explorer/explorer_view.h"

#include <algorithm>
#include <iterator>

#include "ui/common/message_box.h"
#include "ui/common/sample_image.h"
#include "ui/explorer/attribute_panel.h"
#include "ui/explorer/bookmark_button.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/explorer_selections.h"
#include "ui/explorer/image_grid_view.h"
#include "ui/explorer/interpolation_panel.h"
#include "ui/explorer/neighbours_panel.h"
#include "ui/explorer/probe_panel.h"
#include "ui/explorer/projection_bar.h"
#include "ui/explorer/sample_sets.h"
#include "ui/explorer/sampling_panel.h"
#include "ui/explorer/scatter/scatter_view.h"
#include "ui/explorer/traversal_panel.h"

#include <QComboBox>
#include <QLineEdit>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QProgressBar>
#include <QScrollArea>
#include <QSplitter>
#include <QStandardItemModel>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace latentlab::ui {

ExplorerView::ExplorerView(QWidget* parent)
    : QWidget(parent), controller_(new ExplorerController(this)), sets_(new SampleSets(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    bar_ = new ProjectionBar(this);
    color_ = new QComboBox(this);
    color_->addItem(tr("Colour by class"));
    color_->addItem(tr("Colour by anomaly score"));
    color_->addItem(tr("Colour by label suspicion"));
    color_->addItem(tr("Colour by nearest-sample distance"));
    color_->setToolTip(tr("Anomaly scores come from the Anomalies tab; points above its threshold are outlined"));
    connect(color_, &QComboBox::currentIndexChanged, this, &ExplorerView::applyColouring);
    // Full width where there is room; in a 1200-pixel window it gives way (elided) before the bar does.
    color_->setMinimumWidth(110);
    progress_ = new QProgressBar(this);
    progress_->setMinimumWidth(260);
    progress_->setMaximumWidth(320);
    progress_->setVisible(false);
    bookmarkButton_ = new BookmarkButton(this);
    // In the bar's rows, so they wrap with it rather than push the window wider.
    bar_->appendGroup({color_});
    bar_->appendGroup({bookmarkButton_});
    layout->addWidget(bar_);

    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* left = new QWidget(split);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    scatter_ = new ScatterView(left);
    scatter_->setPlaceholderText(tr("Train or open a model to see every sample in its latent space."));
    leftLayout->addWidget(scatter_, 1);
    status_ = new QLabel(left);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    status_->setWordWrap(true); // a long description (custom axes name their sets) must not widen the window
    auto* statusRow = new QHBoxLayout;
    statusRow->addWidget(status_, 1);
    statusRow->addWidget(progress_);
    leftLayout->addLayout(statusRow);

    panels_ = new QTabWidget(split);
    probe_ = new ProbePanel;
    auto* probeScroll = new QScrollArea;
    probeScroll->setWidget(probe_);
    probeScroll->setWidgetResizable(true);
    probeScroll->setFrameShape(QFrame::NoFrame);
    panels_->addTab(probeScroll, tr("Probe"));
    sampling_ = new SamplingPanel;
    panels_->addTab(sampling_, tr("Samples"));
    interpolation_ = new InterpolationPanel;
    panels_->addTab(interpolation_, tr("Interpolation"));
    traversal_ = new TraversalPanel;
    panels_->addTab(traversal_, tr("Traversal"));
    attribute_ = new AttributePanel;
    panels_->addTab(attribute_, tr("Attribute"));
    split->addWidget(left);
    split->addWidget(panels_);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    // The panels' size hints (a 16 x 16 grid) would otherwise squeeze the scatter: start at 3 : 2.
    split->setSizes({3000, 2000});
    layout->addWidget(split, 1);

    connect(bookmarkButton_, &BookmarkButton::addRequested, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Bookmark This View"), tr("Name:"), QLineEdit::Normal,
                                                   tr("View %1").arg(bookmarks_.size() + 1), &ok)
                                 .trimmed();
        if (ok && !name.isEmpty())
            addBookmark(captureBookmark(name));
    });
    connect(bookmarkButton_, &BookmarkButton::chosen, this, [this](int i) {
        if (i >= 0 && i < static_cast<int>(bookmarks_.size()))
            applyBookmark(bookmarks_[static_cast<std::size_t>(i)]);
    });
    connect(bookmarkButton_, &BookmarkButton::removeRequested, this, &ExplorerView::removeBookmark);

    // Scatter -> controller.
    connect(scatter_, &ScatterView::clicked, this, [this](int index) {
        if (index < 0)
            return;
        selectSample(index);
        Q_EMIT sampleSelected(index);
    });
    connect(scatter_, &ScatterView::regionSelected, this, &ExplorerView::regionSelected);
    connect(scatter_, &ScatterView::probeMoved, this, [this](QPointF position) {
        probePlaced_ = true;
        controller_->probe(position);
    });
    scatter_->setHoverProvider(
        [this](int i) {
            if (!data_ || i < 0 || i >= data_->size())
                return QString();
            QString text = tr("Sample %1").arg(i);
            if (data_->hasLabels())
                text += QStringLiteral(" · ") +
                        QString::fromStdString(data_->classNames()[static_cast<std::size_t>(data_->labels()[i])]);
            return text;
        },
        [this](int i) { return data_ ? sampleImage(*data_, i) : QImage(); });

    // Bar -> controller and scatter.
    connect(bar_, &ProjectionBar::settingsChosen, this, &ExplorerView::requestProjection);
    connect(bar_, &ProjectionBar::methodChanged, sampling_, [this](ProjectionMethod method) {
        sampling_->setPlaneAvailable(hasInverse(method)); // t-SNE's, UMAP's or an imported plane maps back to no latent
    });
    connect(bar_, &ProjectionBar::stopRequested, controller_, &ExplorerController::stopProjection);
    connect(bar_, &ProjectionBar::resetViewRequested, scatter_, &ScatterView::resetView);
    connect(bar_, &ProjectionBar::probeToggled, this, &ExplorerView::setProbeMode);
    connect(bar_, &ProjectionBar::snapshotIntervalChanged, this, &ExplorerView::snapshotIntervalChanged);

    // Controller -> views.
    connect(controller_, &ExplorerController::frameReady, this, &ExplorerView::onFrame);
    connect(controller_, &ExplorerController::projectionProgress, this, [this](double f, const QString& what) {
        progress_->setVisible(true);
        progress_->setValue(static_cast<int>(f * 100));
        progress_->setFormat(what + QStringLiteral(" %p%"));
    });
    connect(controller_, &ExplorerController::projectingChanged, this, [this](bool on) {
        bar_->setProjecting(on);
        if (!on)
            progress_->setVisible(false);
    });
    connect(controller_, &ExplorerController::projectionStarted, this, [this] {
        progress_->setValue(0);
        progress_->setFormat(tr("Encoding %p%"));
        progress_->setVisible(true);
    });
    connect(controller_, &ExplorerController::projectionFailed, this, [this](const QString& message) {
        if (fallBackFromImport(message))
            return;
        setStatus(tr("The layout failed: %1").arg(message));
        openMessage(this, QMessageBox::Warning, tr("Layout Failed"), message);
    });
    connect(controller_, &ExplorerController::modelOpened, this, [this](const QString& path, ModelPtr model) {
        setModel(std::move(model));
        Q_EMIT statusMessage(tr("Opened %1 for exploration").arg(path));
    });
    connect(controller_, &ExplorerController::openFailed, this, [this](const QString& path, const QString& message) {
        openMessage(this, QMessageBox::Warning, tr("The model was not opened"), message);
        Q_EMIT statusMessage(tr("Could not open %1").arg(path));
    });
    connect(controller_, &ExplorerController::probeDecoded, this, &ExplorerView::onProbe);
    connect(controller_, &ExplorerController::sampleDescribed, probe_, &ProbePanel::showSample);
    connect(controller_, &ExplorerController::imagesReady, this, &ExplorerView::onImages);
    connect(controller_, &ExplorerController::decodeFailed, this, &ExplorerView::onDecodeFailed);
    connectInterop();

    // Panels -> controller.
    connect(probe_, &ProbePanel::sampleChosen, this, [this](qint64 index) {
        selectSample(index);
        Q_EMIT sampleSelected(index);
    });
    connect(probe_, &ProbePanel::resampleBottomRequested, this, [this] {
        if (selected_ >= 0)
            controller_->resampleBottom(selected_, 8, static_cast<quint64>(selected_));
    });
    connect(sampling_, &SamplingPanel::requested, controller_, &ExplorerController::sampleGrid);
    connect(sampling_, &SamplingPanel::positionChosen, this, [this](QPointF position) {
        bar_->probeButton()->setChecked(true);
        scatter_->setProbe(position);
        probePlaced_ = true;
        controller_->probe(position);
        panels_->setCurrentIndex(0);
    });
    connect(interpolation_, &InterpolationPanel::stripRequested, controller_, &ExplorerController::interpolate);
    connect(interpolation_, &InterpolationPanel::positionChanged, controller_,
            &ExplorerController::probeInterpolation);
    connect(traversal_, &TraversalPanel::requested, controller_,
            [this](qint64 index, double lo, double hi, int steps) { controller_->traverse(index, lo, hi, steps); });
    connect(panels_, &QTabWidget::currentChanged, this, [this](int tab) {
        if (panels_->widget(tab) == traversal_ && traversal_->grid()->count() == 0)
            traversal_->request();
        if (panels_->widget(tab) == sampling_ && sampling_->grid()->count() == 0 && hasModel())
            controller_->sampleGrid(sampling_->request());
        // Opened, the interpolation shows a strip between two samples at once, not a bare slider.
        if (panels_->widget(tab) == interpolation_ && interpolation_->stripView()->count() == 0 && hasModel())
            interpolation_->start();
        // The interpolation path (or the attribute strip's) belongs on the scatter only while its panel shows.
        if (panels_->widget(tab) != interpolation_)
            scatter_->setPath({});
        if (panels_->widget(tab) == attribute_ && hasModel())
            attribute_->refresh();
    });
    sampling_->setPlaneAvailable(hasInverse(bar_->settings().method));
    bar_->setSetSources({}, sets_);
    attribute_->setSources({}, sets_);
    connectAttributePanel();
    connect(sets_, &SampleSets::changed, this, &ExplorerView::onSetsChanged);

    selections_ = new ExplorerSelections(this);
    connect(selections_->neighboursPanel(), &NeighboursPanel::neighbourChosen, this, [this](qint64 index) {
        selectSample(index);
        Q_EMIT sampleSelected(index);
    });
    connect(selections_, &ExplorerSelections::regionChosen, this, &ExplorerView::regionSelected);
    setModel(nullptr);
    setAnomalyScores({});
    setLabelScores({}, {});
    setDuplicateDistances({}, {});
}

ExplorerView::~ExplorerView() = default;

QComboBox* ExplorerView::projectionBox() const
{
    return bar_->methodBox();
}

QToolButton* ExplorerView::probeButton() const
{
    return bar_->probeButton();
}

QCheckBox* ExplorerView::followBox() const
{
    return bar_->followBox();
}

void ExplorerView::setProbeMode(bool on)
{
    scatter_->setMode(on ? ScatterView::Mode::Probe : ScatterView::Mode::Navigate);
    scatter_->setProbeVisible(on);
    if (on && !probePlaced_ && scatter_->pointCount() > 0) {
        // Somewhere to start from: the middle of what is on screen.
        const QPointF centre = scatter_->toData(QPointF(scatter_->width() / 2.0, scatter_->height() / 2.0));
        scatter_->setProbe(centre);
        probePlaced_ = true;
        controller_->probe(centre);
    }
}

ProjectionSettings ExplorerView::projection() const
{
    return bar_->settings();
}

void ExplorerView::requestProjection(const ProjectionSettings& chosen)
{
    const ProjectionSettings s = withSamples(chosen);
    const ProjectionSettings& old = controller_->projection();
    if (old.method == s.method && old.dimX == s.dimX && old.dimY == s.dimY && old.perplexity == s.perplexity &&
        old.neighbours == s.neighbours && old.minDist == s.minDist && old.layoutFile == s.layoutFile &&
        (s.method != ProjectionMethod::Axes || old.axes == s.axes) && controller_->hasModel())
        return;
    refit_ = true;
    probePlaced_ = false;
    scatter_->setPath({});
    sendProjection(s);
}

void ExplorerView::setProjection(const ProjectionSettings& settings)
{
    bar_->setSettings(settings);
    refit_ = true;
    sendProjection(bar_->settings());
}

void ExplorerView::setDataset(DatasetPtr data)
{
    data_ = std::move(data);
    controller_->setData(data_);
    sets_->clear(); // their indices belong to the old samples
    setBookmarks({});
    pendingBookmark_.reset();
    selections_->setDataset(data_);
    selected_ = -1;
    refit_ = true;
    probePlaced_ = false;
    scatter_->setPoints({}, {});
    setAnomalyScores({});
    setLabelScores({}, {});
    setDuplicateDistances({}, {});
    pendingModel_.reset();
    QStringList names;
    if (data_)
        for (const auto& n : data_->classNames())
            names << QString::fromStdString(n);
    scatter_->setClassNames(names);
    bar_->setSetSources(names, sets_);
    attribute_->setSources(names, sets_);
    attribute_->clear();
    attribute_->setSelected(-1);
    if (bar_->settings().method == ProjectionMethod::Axes)
        sendProjection(bar_->settings()); // the classes' samples are the new data's (no model yet: kept for it)
    probe_->clear();
    sampling_->clear();
    interpolation_->clear();
    interpolation_->setSampleCount(data_ ? data_->size() : 0);
    interpolation_->setLabels(data_ ? data_->labels() : std::vector<std::int32_t>());
    traversal_->clear();
    traversal_->setSelected(-1);
    setStatus(tr("Train or open a model to explore its latent space."));
}

bool ExplorerView::hasModel() const
{
    return controller_->hasModel() || pendingModel_ != nullptr;
}

void ExplorerView::setModel(ModelPtr model, qint64 step, bool training)
{
    if (training && (!bar_->followsTraining() || !hasInverse(controller_->projection().method)))
        return;
    const bool followUp = training && hasModel() && model;
    if (model && !training && window()->isVisible() && !isVisible()) {
        pendingModel_ = std::move(model);
        pendingStep_ = step;
        return;
    }
    pendingModel_.reset();
    if (!model) {
        controller_->setModel(nullptr);
        scatter_->setPoints({}, {});
        setEnabled(true);
        return;
    }
    const ModelConfig& config = configOf(model);
    QStringList names;
    if (data_)
        for (const auto& n : data_->classNames())
            names << QString::fromStdString(n);
    const int dim = static_cast<int>(latentDimOf(model));
    if (!followUp) {
        probe_->setModel(config.kind, names);
        sampling_->setModel(config.kind, names);
        interpolation_->clear();
        traversal_->clear();
        attribute_->clear();
        refit_ = true;
        probePlaced_ = false;
    }
    if (bar_->setLatentDim(dim)) {
        controller_->setModel(nullptr); // so the new settings wait for the new model instead of re-laying the old
        sendProjection(bar_->settings());
    }
    controller_->setModel(std::move(model), step, training);
}

void ExplorerView::openModelFile(const QString& path)
{
    controller_->openModelFile(path);
}

void ExplorerView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (pendingModel_)
        setModel(std::move(pendingModel_), pendingStep_);
}

void ExplorerView::onFrame(const ProjectionFrame& frame)
{
    const bool sameCount = static_cast<qint64>(frame.xy.size()) == 2 * scatter_->pointCount();
    if (refit_ || !sameCount) {
        std::vector<int> classes;
        if (data_ && data_->hasLabels())
            classes.assign(data_->labels().begin(), data_->labels().end());
        else
            classes.assign(frame.xy.size() / 2, -1);
        const std::vector<int> region = sameCount ? scatter_->region() : std::vector<int>();
        scatter_->setPoints(frame.xy, std::move(classes));
        refit_ = false;
        applyColouring(); // setPoints forgets values and outlines
        selections_->pointsReplaced(region); // and the region, the isolation and the selection
        if (scatter_->probeVisible()) {
            // The old probe position means nothing in a new layout: start again from the middle.
            const QRect plot = scatter_->plotRect();
            const QPointF centre = scatter_->toData(QPointF(plot.center()));
            scatter_->setProbe(centre);
            probePlaced_ = true;
            controller_->probe(centre);
        }
    } else {
        scatter_->updatePositions(frame.xy);
    }
    probe_->setCodeUsage(frame.codeUsage);
    QString status = frame.description;
    if (frame.modelStep >= 0)
        status += tr(" · model at step %1").arg(frame.modelStep);
    setStatus(status);
    if (frame.final && pendingBookmark_ && frame.method == pendingBookmark_->projection.method) {
        const ExplorerBookmark bookmark = *pendingBookmark_;
        pendingBookmark_.reset();
        restoreBookmarkView(bookmark);
    }
    if (frame.final) {
        if (selected_ >= 0)
            controller_->describeSample(selected_);
        if (probePlaced_ && scatter_->probeVisible())
            controller_->probe(scatter_->probe());
        if (panels_->currentWidget() == sampling_)
            controller_->sampleGrid(sampling_->request());
        if (panels_->currentWidget() == interpolation_)
            interpolation_->start();
        if (attributeShown())
            attribute_->refresh();
    }
    Q_EMIT frameShown(frame.final);
}

void ExplorerView::onProbe(const ProbeImage& image)
{
    if (image.t >= 0.0)
        interpolation_->showFrame(image);
    else
        probe_->showProbe(image);
}

void ExplorerView::onImages(const ImageSet& images)
{
    switch (images.job) {
    case DecodeJob::Interpolation:
        interpolation_->showStrip(images);
        if (panels_->currentWidget() == interpolation_)
            scatter_->setPath(images.positions);
        break;
    case DecodeJob::Traversal: traversal_->showImages(images); break;
    case DecodeJob::Bottom: probe_->showBottomSamples(images); break;
    case DecodeJob::Grid: sampling_->showImages(images); break;
    case DecodeJob::Probe:
    case DecodeJob::Sample:
    case DecodeJob::Neighbours:
    case DecodeJob::Attribute:
    case DecodeJob::AttributeStrip: break; // answered by their own signals
    }
}

void ExplorerView::onDecodeFailed(DecodeJob job, RequestTag, const QString& message)
{
    // A probe fails quietly in the status line (it is retried with the next mouse move); a job the user
    // asked for says why in a dialog.
    setStatus(message);
    if (job != DecodeJob::Probe && job != DecodeJob::Attribute)
        openMessage(this, QMessageBox::Warning, tr("Explorer"), message);
}

void ExplorerView::selectSample(qint64 index)
{
    if (!data_ || index < 0 || index >= data_->size())
        return;
    selected_ = index;
    scatter_->setSelected(static_cast<int>(index));
    interpolation_->setSelected(index);
    traversal_->setSelected(index);
    attribute_->setSelected(index);
    selections_->sampleSelected(index);
    if (!hasModel())
        return;
    if (attributeShown())
        attribute_->refresh();
    controller_->describeSample(index);
    if (panels_->currentWidget() == traversal_)
        traversal_->request();
}

void ExplorerView::interpolateFrom(qint64 index)
{
    panels_->setCurrentWidget(interpolation_);
    interpolation_->setFrom(index);
}

void ExplorerView::interpolateTo(qint64 index)
{
    panels_->setCurrentWidget(interpolation_);
    interpolation_->setTo(index);
}

void ExplorerView::setAnomalyScores(const std::vector<float>& scores)
{
    anomalyScores_ = scores;
    flagged_.clear();
    const auto* items = qobject_cast<QStandardItemModel*>(color_->model());
    if (items)
        items->item(1)->setEnabled(!scores.empty());
    if (!scores.empty())
        color_->setCurrentIndex(1);
    else if (color_->currentIndex() == 1)
        color_->setCurrentIndex(0);
    applyColouring();
}

void ExplorerView::setLabelScores(const std::vector<float>& scores, const std::vector<int>& suspects)
{
    labelScores_ = scores;
    suspects_ = suspects;
    if (auto* items = qobject_cast<QStandardItemModel*>(color_->model()))
        items->item(2)->setEnabled(!scores.empty());
    if (scores.empty() && color_->currentIndex() == 2)
        color_->setCurrentIndex(0);
    applyColouring();
}

void ExplorerView::setDuplicateDistances(const std::vector<float>& distances, const std::vector<int>& grouped)
{
    nearestDistances_ = distances;
    grouped_ = grouped;
    if (auto* items = qobject_cast<QStandardItemModel*>(color_->model()))
        items->item(3)->setEnabled(!distances.empty());
    if (distances.empty() && color_->currentIndex() == 3)
        color_->setCurrentIndex(0);
    applyColouring();
}

void ExplorerView::setFlagged(const std::vector<int>& flagged)
{
    flagged_ = flagged;
    applyColouring();
}

void ExplorerView::applyColouring()
{
    // Row 1: the anomaly scores and the flagged samples; row 2: label suspicion and the suspects; row 3: the
    // nearest-sample distance and the samples in duplicate groups.
    const int row = color_->currentIndex();
    const std::vector<float>& values = row == 3 ? nearestDistances_ : row == 2 ? labelScores_ : anomalyScores_;
    const std::vector<int>& outlined = row == 3 ? grouped_ : row == 2 ? suspects_ : flagged_;
    const bool byScore = row >= 1 && row <= 3 && !values.empty() &&
                         static_cast<int>(values.size()) == scatter_->pointCount();
    scatter_->setValues(byScore ? values : std::vector<float>());
    scatter_->setOutlined(byScore ? outlined : std::vector<int>());
}

QString ExplorerView::statusText() const
{
    return status_->text();
}

void ExplorerView::setStatus(const QString& text)
{
    status_->setText(text);
}

} // namespace latentlab::ui
