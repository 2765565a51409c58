#include "ui/explorer/projection_bar.h"

#include "ui/common/flow_layout.h"
#include "ui/explorer/axes_bar.h"
#include "ui/explorer/layout_choice.h"

#include <QActionGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace latentlab::ui {

ProjectionBar::ProjectionBar(QWidget* parent) : QWidget(parent)
{
    method_ = new QComboBox(this);
    method_->addItem(tr("PCA"), static_cast<int>(ProjectionMethod::Pca));
    method_->addItem(tr("Two dimensions"), static_cast<int>(ProjectionMethod::Dims));
    method_->addItem(tr("The latent itself (2-D)"), static_cast<int>(ProjectionMethod::Latent));
    method_->addItem(tr("t-SNE"), static_cast<int>(ProjectionMethod::Tsne));
    method_->addItem(tr("UMAP"), static_cast<int>(ProjectionMethod::Umap));
    method_->addItem(tr("Custom axes"), static_cast<int>(ProjectionMethod::Axes));
    method_->setToolTip(tr("How the latents are laid out on the plane"));
    // Its longest entry sets its width; in a narrow window it gives way (elided) before the bar overflows.
    method_->setMinimumWidth(100);
    dimsLabel_ = new QLabel(tr("x, y"), this);
    dimX_ = new QSpinBox(this);
    dimY_ = new QSpinBox(this);
    dimX_->setPrefix(QStringLiteral("z"));
    dimY_->setPrefix(QStringLiteral("z"));
    perplexityLabel_ = new QLabel(tr("Perplexity"), this);
    perplexity_ = new QDoubleSpinBox(this);
    perplexity_->setRange(2.0, 100.0);
    perplexity_->setValue(30.0);
    axes_ = new AxesBar(this);
    neighboursLabel_ = new QLabel(tr("Neighbours"), this);
    neighbours_ = new QSpinBox(this);
    neighbours_->setRange(2, 200);
    neighbours_->setValue(ProjectionSettings{}.neighbours);
    neighbours_->setToolTip(tr("How many neighbours each point keeps: fewer shows local detail, more the big picture"));
    minDistLabel_ = new QLabel(tr("Min. distance"), this);
    minDist_ = new QDoubleSpinBox(this);
    minDist_->setRange(0.0, 1.0);
    minDist_->setSingleStep(0.05);
    minDist_->setDecimals(2);
    minDist_->setValue(ProjectionSettings{}.minDist);
    minDist_->setToolTip(tr("How tightly UMAP may pack points together: small values give dense clumps"));
    stop_ = new QPushButton(tr("Stop"), this);
    stop_->setToolTip(tr("Stops the layout where it is"));
    stop_->setEnabled(false);
    probe_ = new QToolButton(this);
    probe_->setText(tr("Probe"));
    probe_->setCheckable(true);
    probe_->setToolTip(tr("Drag on the scatter to decode the latent under the mouse"));
    // One button rather than two: the bar has to fit a 1200-pixel window beside the dataset dock.
    select_ = new QToolButton(this);
    select_->setCheckable(true);
    select_->setPopupMode(QToolButton::MenuButtonPopup);
    select_->setToolTip(tr("Drag on the scatter to select the points in a rectangle, or (from the arrow) inside a "
                           "lasso. Shift adds to the selection, Alt takes away, Shift + Alt keeps the overlap; "
                           "Shift + drag draws a rectangle in any mode"));
    auto* shapes = new QMenu(select_);
    auto* group = new QActionGroup(shapes);
    rectangle_ = shapes->addAction(tr("Rectangle"));
    lasso_ = shapes->addAction(tr("Lasso"));
    for (QAction* shape : {rectangle_, lasso_}) {
        shape->setCheckable(true);
        group->addAction(shape);
    }
    rectangle_->setChecked(true);
    select_->setMenu(shapes);
    select_->setText(rectangle_->text());
    reset_ = new QPushButton(tr("Reset view"), this);
    follow_ = new QCheckBox(tr("Follow training every"), this);
    follow_->setToolTip(tr("While a model trains, encode every sample again every so many steps under the same "
                           "layout (PCA or two dimensions), so the clusters can be watched forming"));
    followEvery_ = new QSpinBox(this);
    followEvery_->setRange(50, 100'000);
    followEvery_->setSingleStep(50);
    followEvery_->setValue(500);
    followEvery_->setSuffix(tr(" steps"));

    // The custom axes take a row of their own under the rest: four lists of sets do not fit beside it.
    auto* rows = new QVBoxLayout(this);
    rows->setContentsMargins(0, 0, 0, 0);
    rows->setSpacing(2);
    // The controls wrap onto a second row in a narrow window (t-SNE and UMAP bring their parameters): each
    // group below stays together.
    bar_ = new FlowLayout;
    rows->addLayout(bar_);
    appendGroup({new QLabel(tr("Layout"), this), method_});
    appendGroup({dimsLabel_, dimX_, dimY_});
    appendGroup({perplexityLabel_, perplexity_});
    appendGroup({neighboursLabel_, neighbours_});
    appendGroup({minDistLabel_, minDist_});
    appendGroup({stop_});
    appendGroup({probe_, select_, reset_});
    appendGroup({follow_, followEvery_});
    rows->addWidget(axes_);

    connect(method_, &QComboBox::currentIndexChanged, this, [this] {
        applyMethod();
        choose();
    });
    for (QSpinBox* box : {dimX_, dimY_})
        connect(box, &QSpinBox::valueChanged, this, &ProjectionBar::choose);
    connect(axes_, &AxesBar::choiceChanged, this, &ProjectionBar::choose);
    // Not on every value: each would start a t-SNE from scratch.
    connect(perplexity_, &QDoubleSpinBox::editingFinished, this, &ProjectionBar::choose);
    connect(neighbours_, &QSpinBox::editingFinished, this, &ProjectionBar::choose);
    connect(minDist_, &QDoubleSpinBox::editingFinished, this, &ProjectionBar::choose);
    connect(stop_, &QPushButton::clicked, this, &ProjectionBar::stopRequested);
    connect(reset_, &QPushButton::clicked, this, &ProjectionBar::resetViewRequested);
    connect(probe_, &QToolButton::toggled, this, &ProjectionBar::probeToggled);
    // The probe and the select tools each take the left drag: turning one on turns the other off.
    connect(probe_, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            select_->setChecked(false);
    });
    connect(select_, &QToolButton::toggled, this, [this](bool on) {
        if (on)
            probe_->setChecked(false);
        Q_EMIT selectToolChanged(selectTool());
    });
    connect(group, &QActionGroup::triggered, this, [this](QAction* shape) {
        select_->setText(shape->text());
        if (select_->isChecked())
            Q_EMIT selectToolChanged(selectTool());
        else
            select_->setChecked(true); // choosing a shape means drawing it
    });
    const auto interval = [this] { Q_EMIT snapshotIntervalChanged(snapshotInterval()); };
    connect(follow_, &QCheckBox::toggled, this, interval);
    connect(followEvery_, &QSpinBox::valueChanged, this, interval);
    applyMethod();
}

ProjectionSettings ProjectionBar::settings() const
{
    ProjectionSettings s;
    s.method = static_cast<ProjectionMethod>(method_->currentData().toInt());
    s.dimX = dimX_->value();
    s.dimY = dimY_->value();
    s.perplexity = perplexity_->value();
    s.iterations = iterations_;
    s.axes = axes_->choice();
    s.neighbours = neighbours_->value();
    s.minDist = minDist_->value();
    s.layoutFile = layoutFile_;
    return s;
}

void ProjectionBar::appendGroup(std::initializer_list<QWidget*> widgets)
{
    auto* box = new QHBoxLayout;
    for (QWidget* w : widgets)
        box->addWidget(w);
    bar_->addGroup(box);
}

int ProjectionBar::barRows() const
{
    return bar_->rows();
}

void ProjectionBar::setImportedLayout(const QString& path)
{
    const QSignalBlocker block(method_);
    const int at = method_->findData(static_cast<int>(ProjectionMethod::Imported));
    layoutFile_ = path;
    if (path.isEmpty()) {
        if (at >= 0)
            method_->removeItem(at); // quietly: the caller shows another layout next
        return;
    }
    if (at < 0)
        method_->addItem(tr("Imported layout"), static_cast<int>(ProjectionMethod::Imported));
    const int item = method_->findData(static_cast<int>(ProjectionMethod::Imported));
    method_->setItemData(item, path, Qt::ToolTipRole);
}

void ProjectionBar::setSettings(const ProjectionSettings& settings)
{
    wanted_ = settings;
    display(settings);
    applyMethod();
}

bool ProjectionBar::setLatentDim(int dim)
{
    if (dim == latentDim_)
        return false;
    latentDim_ = dim;
    {
        const QSignalBlocker a(method_), b(dimX_), c(dimY_);
        dimX_->setRange(0, dim - 1);
        dimY_->setRange(0, dim - 1);
        if (auto* items = qobject_cast<QStandardItemModel*>(method_->model()))
            items->item(method_->findData(static_cast<int>(ProjectionMethod::Latent)))->setEnabled(dim == 2);
        if (auto* items = qobject_cast<QStandardItemModel*>(method_->model()))
            items->item(method_->findData(static_cast<int>(ProjectionMethod::Axes)))->setEnabled(dim >= 2);
    }
    display(layoutForModel(wanted_, dim, settings()));
    applyMethod();
    return true;
}

void ProjectionBar::display(const ProjectionSettings& settings)
{
    // A session's imported layout is offered as soon as it is shown; whether the file still fits is the
    // projection's to say.
    if (settings.method == ProjectionMethod::Imported && settings.layoutFile != layoutFile_)
        setImportedLayout(settings.layoutFile);
    const QSignalBlocker a(method_), b(dimX_), c(dimY_), d(perplexity_), e(neighbours_), f(minDist_);
    method_->setCurrentIndex(std::max(0, method_->findData(static_cast<int>(settings.method))));
    dimX_->setValue(settings.dimX);
    dimY_->setValue(settings.dimY);
    perplexity_->setValue(settings.perplexity);
    iterations_ = settings.iterations;
    // Settings that never chose axes (a session of a PCA layout) leave the axes' own defaults alone.
    if (settings.method == ProjectionMethod::Axes || !settings.axes.xFrom.isEmpty())
        axes_->setChoice(settings.axes);
    neighbours_->setValue(settings.neighbours);
    minDist_->setValue(settings.minDist);
}

void ProjectionBar::applyMethod()
{
    const ProjectionMethod method = settings().method;
    const bool dims = method == ProjectionMethod::Dims, tsne = method == ProjectionMethod::Tsne;
    dimsLabel_->setVisible(dims);
    dimX_->setVisible(dims);
    dimY_->setVisible(dims);
    perplexityLabel_->setVisible(tsne);
    perplexity_->setVisible(tsne);
    axes_->setVisible(method == ProjectionMethod::Axes);
    const bool umap = method == ProjectionMethod::Umap;
    for (QWidget* w : std::initializer_list<QWidget*>{neighboursLabel_, neighbours_, minDistLabel_, minDist_})
        w->setVisible(umap);
    if (method != shownMethod_) {
        shownMethod_ = method;
        Q_EMIT methodChanged(method);
    }
}

void ProjectionBar::choose()
{
    wanted_ = settings();
    Q_EMIT settingsChosen(*wanted_);
}

void ProjectionBar::setSetSources(const QStringList& classNames, const SampleSets* sets)
{
    axes_->setSources(classNames, sets);
}

ProjectionBar::SelectTool ProjectionBar::selectTool() const
{
    if (!select_->isChecked())
        return SelectTool::None;
    return lasso_->isChecked() ? SelectTool::Lasso : SelectTool::Rectangle;
}

void ProjectionBar::setSelectTool(SelectTool tool)
{
    if (tool == SelectTool::None) {
        select_->setChecked(false);
        return;
    }
    QAction* shape = tool == SelectTool::Lasso ? lasso_ : rectangle_;
    if (!shape->isChecked())
        shape->trigger(); // checks it, and through the group's signal the button
    else
        select_->setChecked(true);
}

void ProjectionBar::setProjecting(bool projecting)
{
    stop_->setEnabled(projecting);
}

void ProjectionBar::setFollowTraining(bool follow)
{
    follow_->setChecked(follow);
}

bool ProjectionBar::followsTraining() const
{
    return follow_->isChecked();
}

qint64 ProjectionBar::followEvery() const
{
    return followEvery_->value();
}

qint64 ProjectionBar::snapshotInterval() const
{
    return followsTraining() ? followEvery() : 0;
}

} // namespace latentlab::ui
