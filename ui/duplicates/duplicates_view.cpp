#include "ui/duplicates/duplicates_view.h"

#include "ui/anomaly/score_histogram.h"
#include "ui/common/job_progress.h"
#include "ui/common/message_box.h"
#include "ui/common/page_buttons.h"
#include "ui/common/sample_image.h"
#include "ui/common/strip_gallery.h"
#include "ui/duplicates/duplicates_controller.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

namespace latentlab::ui {
namespace {

const QColor kExact(214, 39, 40);
const QColor kLeak(230, 140, 30);

} // namespace

DuplicatesView::DuplicatesView(QWidget* parent) : QWidget(parent), controller_(new DuplicatesController(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;
    scanButton_ = new QPushButton(tr("Find duplicates"), this);
    exactOnly_ = new QCheckBox(tr("Exact copies only"), this);
    exactOnly_->setToolTip(tr("Only samples whose values are the same bytes; needs no model"));
    defaultThreshold_ = new QPushButton(tr("Default threshold"), this);
    defaultThreshold_->setToolTip(tr("Back to the threshold LatentLab chooses from the distances' histogram"));
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(200);
    progress_->setVisible(false);
    bar->addWidget(scanButton_);
    bar->addWidget(exactOnly_);
    bar->addWidget(defaultThreshold_);
    bar->addWidget(progress_);
    bar->addStretch(1);
    export_ = new QPushButton(tr("Export groups as CSV…"), this);
    export_->setEnabled(false);
    bar->addWidget(export_);
    layout->addLayout(bar);
    summary_ = new QLabel(this);
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(summary_);

    auto* split = new QSplitter(Qt::Horizontal, this);
    histogram_ = new ScoreHistogram(split);
    histogram_->setCaptions(tr("Distance to the nearest other sample"), tr("latent distance"), true);
    auto* right = new QWidget(split);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto* pager = new QHBoxLayout;
    filterBox_ = new QComboBox(right);
    filterBox_->addItem(tr("Every group"));
    filterBox_->addItem(tr("Groups that leak test into training"));
    filterBox_->addItem(tr("Exact copies"));
    pages_ = new PageButtons(right);
    pager->addWidget(filterBox_);
    pager->addStretch(1);
    pager->addWidget(pages_);
    rightLayout->addLayout(pager);
    gallery_ = new StripGallery;
    gallery_->setStripLength(kShownMembers);
    gallery_->setImageSize(48);
    auto* scroll = new QScrollArea(right);
    scroll->setWidget(gallery_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    rightLayout->addWidget(scroll, 1);
    split->addWidget(histogram_);
    split->addWidget(right);
    split->setSizes({2000, 3000});
    layout->addWidget(split, 1);

    connect(scanButton_, &QPushButton::clicked, this, &DuplicatesView::scan);
    connect(exactOnly_, &QCheckBox::toggled, this, &DuplicatesView::setExactOnly);
    connect(export_, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Export Duplicate Groups"),
                                                          QStringLiteral("duplicate-groups.csv"));
        if (!path.isEmpty())
            exportGroups(path);
    });
    connect(controller_, &DuplicatesController::exported, this, [this](const QString& done, const QString& error) {
        if (!error.isEmpty())
            openMessage(this, QMessageBox::Warning, tr("Export Failed"), error);
        else
            Q_EMIT statusMessage(done);
        Q_EMIT exportFinished(error);
    });
    connect(defaultThreshold_, &QPushButton::clicked, this, [this] { setThreshold(-1.0); });
    connect(histogram_, &ScoreHistogram::thresholdChanged, this, &DuplicatesView::setThreshold);
    connect(controller_, &DuplicatesController::scanned, this, &DuplicatesView::onScanned);
    showJobProgress(this, controller_, &DuplicatesController::scanningChanged, progress_, scanButton_, summary_,
                    tr("Finding Duplicates Failed"));
    connect(filterBox_, &QComboBox::currentIndexChanged, this, [this](int row) { setFilter(static_cast<Filter>(row)); });
    connect(gallery_, &StripGallery::sampleClicked, this, &DuplicatesView::sampleChosen);
    connect(pages_, &PageButtons::pageRequested, this, &DuplicatesView::setPage);
    setDataset(nullptr);
}

DuplicatesView::~DuplicatesView() = default;

void DuplicatesView::setDataset(DatasetPtr data)
{
    data_ = std::move(data);
    controller_->setData(data_);
    result_ = {};
    export_->setEnabled(false);
    shown_.clear();
    page_ = 0;
    threshold_ = -1.0;
    stale_ = false;
    histogram_->clear();
    gallery_->setEntries({});
    summary_->setText(data_ ? tr("Train or open a model to find near-duplicates, or tick \"Exact copies only\".")
                            : tr("Open a dataset to look for duplicates and for test samples that leak into training."));
    showPage();
}

void DuplicatesView::setModel(ModelPtr model)
{
    controller_->setModel(std::move(model));
    threshold_ = -1.0; // another model's latent distances: its own default
    stale_ = data_ != nullptr;
    if (stale_ && isVisible())
        scan();
}

void DuplicatesView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (stale_)
        scan();
}

void DuplicatesView::scan()
{
    stale_ = false;
    if (!data_)
        return;
    DuplicateRequest r;
    r.threshold = threshold_;
    r.exactOnly = exactOnly_->isChecked() || !controller_->hasModel();
    controller_->scan(r);
    summary_->setText(tr("Looking for duplicates…"));
}

void DuplicatesView::exportGroups(const QString& path)
{
    controller_->exportGroups(path);
}

void DuplicatesView::setThreshold(double threshold)
{
    threshold_ = threshold < 0.0 ? -1.0 : threshold;
    scan();
}

void DuplicatesView::setExactOnly(bool on)
{
    if (exactOnly_->isChecked() != on) {
        exactOnly_->setChecked(on); // comes back through toggled
        return;
    }
    scan();
}

QString DuplicatesView::partName(SamplePart part) const
{
    switch (part) {
    case SamplePart::Train: return tr("train");
    case SamplePart::Test: return tr("test");
    case SamplePart::Neither: break;
    }
    return tr("unsplit");
}

void DuplicatesView::onScanned(const DuplicateResult& result)
{
    result_ = result;
    export_->setEnabled(true);
    if (result_.nearest.empty())
        histogram_->clear();
    else
        histogram_->setScores(result_.nearest, result_.threshold);
    const QString near = result_.nearest.empty()
                             ? tr("near-duplicates not looked for")
                             : tr("%1 groups of near-duplicates (latent distance at most %2%3)")
                                   .arg(result_.nearGroups)
                                   .arg(result_.threshold, 0, 'g', 3)
                                   .arg(threshold_ < 0.0 ? tr(", the default") : QString());
    summary_->setText(tr("%1 groups of exact copies, %2: %3 samples in groups. %4 test samples have a copy in "
                         "training (%5 exact). Found in %6 s.")
                          .arg(result_.exactGroups)
                          .arg(near)
                          .arg(result_.samplesInGroups)
                          .arg(result_.leaks)
                          .arg(result_.exactLeaks)
                          .arg(result_.seconds, 0, 'f', 1));
    std::vector<float> distances(result_.nearest.begin(), result_.nearest.end());
    std::vector<int> grouped;
    for (const DuplicateGroupRow& g : result_.groups)
        for (qint64 m : g.members)
            grouped.push_back(static_cast<int>(m));
    page_ = 0;
    filter();
    Q_EMIT distancesChanged(distances, grouped);
}

void DuplicatesView::setFilter(Filter filter)
{
    filter_ = filter;
    if (filterBox_->currentIndex() != static_cast<int>(filter))
        filterBox_->setCurrentIndex(static_cast<int>(filter));
    page_ = 0;
    this->filter();
}

void DuplicatesView::filter()
{
    shown_.clear();
    for (int i = 0; i < static_cast<int>(result_.groups.size()); ++i) {
        const DuplicateGroupRow& g = result_.groups[static_cast<std::size_t>(i)];
        if (filter_ == Filter::All || (filter_ == Filter::Leaks && g.leaks) || (filter_ == Filter::Exact && g.exact))
            shown_.push_back(i);
    }
    showPage();
}

int DuplicatesView::pageCount() const
{
    return std::max(1, static_cast<int>((shown_.size() + kPageSize - 1) / kPageSize));
}

void DuplicatesView::setPage(int page)
{
    page_ = std::clamp(page, 0, pageCount() - 1);
    showPage();
}

void DuplicatesView::showPage()
{
    pages_->setPage(page_, pageCount());
    QVector<StripEntry> entries;
    const std::size_t begin = static_cast<std::size_t>(page_) * kPageSize;
    for (std::size_t i = begin; i < std::min(shown_.size(), begin + kPageSize) && data_; ++i) {
        const DuplicateGroupRow& g = result_.groups[static_cast<std::size_t>(shown_[i])];
        StripEntry e;
        e.index = g.members.front();
        for (std::size_t m = 0; m < g.members.size() && m < static_cast<std::size_t>(kShownMembers); ++m)
            e.images << sampleImage(*data_, g.members[m]);
        e.caption = tr("group %1 · %2 samples%3").arg(shown_[i] + 1).arg(g.members.size()).arg(g.exact ? tr(" · exact") : QString());
        QStringList who;
        for (std::size_t m = 0; m < g.members.size() && m < 4; ++m)
            who << QStringLiteral("#%1 %2").arg(g.members[m]).arg(partName(g.parts[m]));
        e.detail = who.join(QStringLiteral(", ")) + (g.members.size() > 4 ? QStringLiteral(" …") : QString());
        e.mark = g.exact ? kExact : g.leaks ? kLeak : QColor();
        entries << e;
    }
    gallery_->setEntries(std::move(entries));
}

void DuplicatesView::selectSample(qint64 index)
{
    for (std::size_t i = 0; i < result_.groups.size(); ++i) {
        const auto& members = result_.groups[i].members;
        if (std::find(members.begin(), members.end(), index) == members.end())
            continue;
        auto at = std::find(shown_.begin(), shown_.end(), static_cast<int>(i));
        if (at == shown_.end()) {
            setFilter(Filter::All);
            at = std::find(shown_.begin(), shown_.end(), static_cast<int>(i));
        }
        setPage(static_cast<int>((at - shown_.begin()) / kPageSize));
        gallery_->setSelected(members.front());
        return;
    }
}

} // namespace latentlab::ui
