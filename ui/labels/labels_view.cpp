#include "ui/labels/labels_view.h"

#include "ui/common/job_progress.h"
#include "ui/common/message_box.h"
#include "ui/common/page_buttons.h"
#include "ui/common/strip_gallery.h"
#include "ui/labels/confusion_matrix.h"
#include "ui/labels/labels_controller.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <limits>

namespace latentlab::ui {
namespace {

const QColor kKept(60, 160, 80);
// The scatter rings this many of the most suspect samples at most: a weak model can call a fifth of the data
// suspect, and 13,000 rings hide the scatter they are drawn on (Fashion-MNIST, a CVAE of 3 epochs).
constexpr std::size_t kMaxOutlined = 500;
const QColor kRelabelled(230, 140, 30);

} // namespace

LabelsView::LabelsView(QWidget* parent) : QWidget(parent), controller_(new LabelsController(this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto* bar = new QHBoxLayout;
    method_ = new QComboBox(this);
    method_->addItem(tr("Neighbours' labels"), QStringLiteral("neighbors"));
    method_->addItem(tr("Conditional VAE's preference"), QStringLiteral("conditional"));
    method_->setToolTip(tr("Neighbours: the share of a sample's nearest samples in latent space that carry another "
                           "label (any model). Conditional: how much better another class explains the sample "
                           "than its own label (a conditional VAE)."));
    k_ = new QSpinBox(this);
    k_->setRange(0, 1000);
    k_->setValue(0);
    k_->setSpecialValueText(tr("auto"));
    k_->setToolTip(tr("How many neighbours; auto: 50, or a quarter of the smallest class where that is less"));
    part_ = new QComboBox(this);
    part_->addItem(tr("training samples"), QStringLiteral("train"));
    part_->addItem(tr("test samples"), QStringLiteral("test"));
    part_->addItem(tr("every sample"), QStringLiteral("all"));
    scoreButton_ = new QPushButton(tr("Score"), this);
    export_ = new QPushButton(tr("Export"), this);
    auto* menu = new QMenu(export_);
    menu->addAction(tr("Suspects and decisions as CSV…"), this, [this] { exportWithDialog(false); });
    menu->addAction(tr("Relabelled labels…"), this, [this] { exportWithDialog(true); });
    export_->setMenu(menu);
    progress_ = new QProgressBar(this);
    progress_->setMaximumWidth(200);
    progress_->setVisible(false);
    bar->addWidget(new QLabel(tr("Score by"), this));
    bar->addWidget(method_);
    bar->addWidget(new QLabel(tr("k"), this));
    bar->addWidget(k_);
    bar->addWidget(new QLabel(tr("over"), this));
    bar->addWidget(part_);
    bar->addWidget(scoreButton_);
    bar->addWidget(progress_);
    bar->addStretch(1);
    bar->addWidget(export_);
    layout->addLayout(bar);

    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* left = new QWidget(split);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("<b>Given</b> (rows) against <b>suggested</b> (columns)"), left));
    confusion_ = new ConfusionMatrix(left);
    leftLayout->addWidget(confusion_, 1);
    cellLabel_ = new QLabel(left);
    cellLabel_->setWordWrap(true);
    leftLayout->addWidget(cellLabel_);
    status_ = new QLabel(left);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    leftLayout->addWidget(status_);

    auto* right = new QWidget(split);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    auto* pager = new QHBoxLayout;
    suspectsOnly_ = new QCheckBox(tr("Suspects only"), right);
    suspectsOnly_->setChecked(true);
    suspectsOnly_->setToolTip(tr("Only the samples the model would label otherwise"));
    pages_ = new PageButtons(right);
    pager->addWidget(suspectsOnly_);
    pager->addStretch(1);
    pager->addWidget(pages_);
    rightLayout->addLayout(pager);
    gallery_ = new StripGallery;
    gallery_->setMinimumEntryWidth(gallery_->fontMetrics().horizontalAdvance(QStringLiteral("T-shirt/top → Pullover")));
    auto* scroll = new QScrollArea(right);
    scroll->setWidget(gallery_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    rightLayout->addWidget(scroll, 1);
    // The selected sample on a line of its own above the decision's buttons, so the row fits a 1200-pixel window.
    selectedLabel_ = new QLabel(right);
    selectedLabel_->setWordWrap(true);
    decisionCounts_ = new QLabel(right);
    auto* selectedRow = new QHBoxLayout;
    selectedRow->addWidget(selectedLabel_, 1);
    selectedRow->addWidget(decisionCounts_);
    rightLayout->addLayout(selectedRow);
    auto* decide = new QHBoxLayout;
    keep_ = new QPushButton(tr("Keep label"), right);
    relabel_ = new QPushButton(tr("Relabel as"), right);
    relabelTo_ = new QComboBox(right);
    undecide_ = new QPushButton(tr("Undecided"), right);
    decide->addWidget(keep_);
    decide->addWidget(relabel_);
    decide->addWidget(relabelTo_);
    decide->addWidget(undecide_);
    decide->addStretch(1);
    rightLayout->addLayout(decide);
    split->addWidget(left);
    split->addWidget(right);
    split->setSizes({1400, 3600});
    layout->addWidget(split, 1);

    connect(scoreButton_, &QPushButton::clicked, this, &LabelsView::score);
    connect(method_, &QComboBox::currentIndexChanged, this,
            [this] { k_->setEnabled(method_->currentData().toString() == QLatin1String("neighbors")); });
    connect(controller_, &LabelsController::scored, this, &LabelsView::onScored);
    showJobProgress(this, controller_, &LabelsController::scoringChanged, progress_, scoreButton_, status_,
                    tr("Scoring Failed"));
    connect(controller_, &LabelsController::pageReady, this,
            [this](RequestTag, const QVector<LabelItem>& items) { showItems(items); });
    connect(controller_, &LabelsController::exported, this, [this](RequestTag, const QString& done, const QString& error) {
        if (!error.isEmpty())
            openMessage(this, QMessageBox::Warning, tr("Export Failed"), error);
        else
            Q_EMIT statusMessage(done);
        Q_EMIT exportFinished(error);
    });
    connect(confusion_, &ConfusionMatrix::cellChosen, this, &LabelsView::setCell);
    connect(suspectsOnly_, &QCheckBox::toggled, this, &LabelsView::setSuspectsOnly);
    connect(gallery_, &StripGallery::sampleClicked, this, [this](qint64 index) {
        selected_ = index;
        updateDecisionBar();
        Q_EMIT sampleChosen(index);
    });
    connect(pages_, &PageButtons::pageRequested, this, &LabelsView::setPage);
    connect(keep_, &QPushButton::clicked, this, &LabelsView::keepSelected);
    connect(relabel_, &QPushButton::clicked, this, [this] { relabelSelected(relabelTo_->currentData().toInt()); });
    connect(undecide_, &QPushButton::clicked, this, &LabelsView::clearSelectedDecision);
    setDataset(nullptr);
}

LabelsView::~LabelsView() = default;

void LabelsView::setDataset(DatasetPtr data)
{
    data_ = std::move(data);
    controller_->setData(data_);
    scores_ = {};
    ranked_.clear();
    items_.clear();
    page_ = 0;
    given_ = suggested_ = -1;
    selected_ = -1;
    decisions_.clearAll();
    stale_ = false;
    QStringList names;
    relabelTo_->clear();
    if (data_)
        for (int c = 0; c < data_->numClasses(); ++c) {
            names << className(c);
            relabelTo_->addItem(className(c), c);
        }
    confusion_->setClassNames(names);
    confusion_->setCounts({});
    gallery_->setEntries({});
    updateMethods();
    if (!data_)
        status_->setText(tr("Open a labelled dataset and a model to find the samples whose label looks wrong."));
    else if (!data_->hasLabels())
        status_->setText(tr("This dataset has no labels, so there are none to check."));
    else
        status_->setText(tr("Train or open a model to score the labels."));
    rank();
    showPage();
    updateDecisionBar();
    Q_EMIT decisionsChanged();
}

void LabelsView::setModel(ModelPtr model)
{
    controller_->setModel(std::move(model));
    updateMethods();
    stale_ = controller_->hasModel() && data_ && data_->hasLabels();
    if (stale_ && isVisible())
        score();
}

void LabelsView::updateMethods()
{
    // The conditional score needs a conditional VAE; it is the better one there, so it is chosen for it.
    const bool conditional = controller_->modelKind() == QLatin1String("cvae");
    if (auto* items = qobject_cast<QStandardItemModel*>(method_->model()))
        items->item(1)->setEnabled(conditional);
    method_->setCurrentIndex(conditional ? 1 : 0);
}

void LabelsView::score()
{
    stale_ = false;
    if (!data_ || !data_->hasLabels() || !controller_->hasModel())
        return;
    LabelRequest r;
    r.method = method_->currentData().toString();
    r.k = k_->value();
    r.part = part_->currentData().toString();
    controller_->score(r);
    status_->setText(tr("Scoring…"));
}

void LabelsView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (stale_)
        score();
}

QString LabelsView::className(int label) const
{
    if (data_ && label >= 0 && label < data_->numClasses())
        return QString::fromStdString(data_->classNames()[static_cast<std::size_t>(label)]);
    return QString::number(label);
}

bool LabelsView::isSuspect(const LabelSuspectRow& row) const
{
    // Neighbours: the majority of them carry another label. Conditional: another class explains it better.
    return scores_.method == QLatin1String("conditional") ? row.score > 0.0 : row.suggested != row.given;
}

void LabelsView::onScored(const LabelScores& scores)
{
    scores_ = scores;
    const int n = data_ ? data_->numClasses() : 0;
    std::vector<std::vector<qint64>> counts(static_cast<std::size_t>(n), std::vector<qint64>(static_cast<std::size_t>(n), 0));
    std::vector<float> values(data_ ? static_cast<std::size_t>(data_->size()) : 0, std::numeric_limits<float>::quiet_NaN());
    std::vector<const LabelSuspectRow*> suspects;
    for (const LabelSuspectRow& r : scores_.suspects) {
        if (r.given >= 0 && r.given < n && r.suggested >= 0 && r.suggested < n)
            ++counts[static_cast<std::size_t>(r.given)][static_cast<std::size_t>(r.suggested)];
        if (r.index >= 0 && r.index < static_cast<qint64>(values.size()))
            values[static_cast<std::size_t>(r.index)] = static_cast<float>(r.score);
        if (isSuspect(r))
            suspects.push_back(&r);
    }
    std::sort(suspects.begin(), suspects.end(), [](const LabelSuspectRow* a, const LabelSuspectRow* b) {
        return a->score != b->score ? a->score > b->score : a->index < b->index;
    });
    std::vector<int> outlined;
    for (std::size_t i = 0; i < suspects.size() && i < kMaxOutlined; ++i)
        outlined.push_back(static_cast<int>(suspects[i]->index));
    confusion_->setCounts(std::move(counts));
    given_ = suggested_ = -1;
    page_ = 0;
    status_->setText(tr("%1 of %2 %3 look mislabelled (%4%5), scored in %6 s.")
                         .arg(static_cast<qint64>(suspects.size()))
                         .arg(static_cast<qint64>(scores_.suspects.size()))
                         .arg(part_->currentText())
                         .arg(scores_.method == QLatin1String("conditional") ? tr("conditional VAE")
                                                                              : tr("%1 neighbours").arg(scores_.k))
                         .arg(scores_.relabelRefusal.isEmpty() ? QString() : QStringLiteral("; ") + scores_.relabelRefusal)
                         .arg(scores_.seconds, 0, 'f', 1));
    rank();
    showPage();
    updateDecisionBar();
    Q_EMIT scoresChanged(values, outlined);
}

void LabelsView::rank()
{
    ranked_.clear();
    for (std::size_t i = 0; i < scores_.suspects.size(); ++i) {
        const LabelSuspectRow& r = scores_.suspects[i];
        if (given_ >= 0 ? (r.given == given_ && r.suggested == suggested_) : (!suspectsOnly_->isChecked() || isSuspect(r)))
            ranked_.push_back(i);
    }
    std::stable_sort(ranked_.begin(), ranked_.end(), [this](std::size_t a, std::size_t b) {
        const LabelSuspectRow& x = scores_.suspects[a];
        const LabelSuspectRow& y = scores_.suspects[b];
        return x.score != y.score ? x.score > y.score : x.index < y.index;
    });
    if (given_ >= 0)
        cellLabel_->setText(tr("%1 samples labelled %2 that the model calls %3. Click the cell again to see all.")
                                .arg(static_cast<qint64>(ranked_.size()))
                                .arg(className(given_), className(suggested_)));
    else
        cellLabel_->setText(hasScores() ? tr("Click a cell to see its samples.") : QString());
}

int LabelsView::pageCount() const
{
    return std::max(1, static_cast<int>((ranked_.size() + kPageSize - 1) / kPageSize));
}

void LabelsView::setPage(int page)
{
    page_ = std::clamp(page, 0, pageCount() - 1);
    showPage();
}

void LabelsView::setCell(int given, int suggested)
{
    given_ = given >= 0 && suggested >= 0 ? given : -1;
    suggested_ = given_ >= 0 ? suggested : -1;
    if (confusion_->chosenGiven() != given_ || confusion_->chosenSuggested() != suggested_)
        confusion_->setChosen(given_, suggested_);
    page_ = 0;
    rank();
    showPage();
}

void LabelsView::setSuspectsOnly(bool on)
{
    if (suspectsOnly_->isChecked() != on) {
        suspectsOnly_->setChecked(on); // comes back here through toggled
        return;
    }
    page_ = 0;
    rank();
    showPage();
}

void LabelsView::showPage()
{
    pages_->setPage(page_, pageCount());
    QVector<LabelSuspectRow> rows;
    const std::size_t begin = static_cast<std::size_t>(page_) * kPageSize;
    for (std::size_t i = begin; i < std::min(ranked_.size(), begin + kPageSize); ++i)
        rows << scores_.suspects[ranked_[i]];
    if (rows.isEmpty() || !data_ || !data_->isImage()) {
        // Tables: the captions alone (no images to render).
        QVector<LabelItem> items;
        for (const LabelSuspectRow& r : rows)
            items.push_back({r.index, r.score, r.given, r.suggested, {}, {}, {}});
        showItems(items);
        return;
    }
    controller_->requestPage(rows);
}

void LabelsView::showItems(const QVector<LabelItem>& items)
{
    items_ = items;
    QVector<StripEntry> entries;
    for (const LabelItem& item : items_) {
        StripEntry e;
        e.index = item.index;
        e.images << item.input;
        if (!item.asGiven.isNull())
            e.images << item.asGiven << item.asSuggested;
        e.caption = tr("%1 → %2").arg(className(item.given), className(item.suggested));
        QString verdict;
        if (const auto d = decisions_.at(item.index)) {
            verdict = d->relabel ? tr(" · relabel: %1").arg(className(d->label)) : tr(" · kept");
            e.mark = d->relabel ? kRelabelled : kKept;
        }
        e.detail = tr("%1 · #%2%3").arg(item.score, 0, 'g', 3).arg(item.index).arg(verdict);
        entries << e;
    }
    gallery_->setStripLength(data_ && controller_->modelKind() == QLatin1String("cvae") ? 3 : 1);
    gallery_->setEntries(std::move(entries));
    gallery_->setSelected(selected_);
    Q_EMIT pageShown(page_);
}

const LabelSuspectRow* LabelsView::suspectAt(qint64 index) const
{
    for (const LabelSuspectRow& r : scores_.suspects)
        if (r.index == index)
            return &r;
    return nullptr;
}

void LabelsView::selectSample(qint64 index)
{
    if (!suspectAt(index))
        return;
    selected_ = index;
    auto position = [this, index]() -> std::ptrdiff_t {
        const auto it = std::find_if(ranked_.begin(), ranked_.end(),
                                     [this, index](std::size_t i) { return scores_.suspects[i].index == index; });
        return it == ranked_.end() ? -1 : it - ranked_.begin();
    };
    std::ptrdiff_t at = position();
    if (at < 0) {
        // Hidden by the cell or by "suspects only": show every scored sample.
        given_ = suggested_ = -1;
        confusion_->setChosen(-1, -1);
        suspectsOnly_->blockSignals(true);
        suspectsOnly_->setChecked(false);
        suspectsOnly_->blockSignals(false);
        rank();
        at = position();
    }
    gallery_->setSelected(index);
    updateDecisionBar();
    const int page = static_cast<int>(at / kPageSize);
    if (page != page_ || items_.isEmpty())
        setPage(page);
}

void LabelsView::updateDecisionBar()
{
    const LabelSuspectRow* row = selected_ >= 0 ? suspectAt(selected_) : nullptr;
    for (QWidget* w : std::initializer_list<QWidget*>{keep_, relabel_, relabelTo_, undecide_})
        w->setEnabled(row != nullptr);
    if (!row)
        selectedLabel_->setText(hasScores() ? tr("Click a sample to decide on its label.") : QString());
    else {
        selectedLabel_->setText(tr("#%1: labelled %2, the model suggests %3")
                                    .arg(row->index)
                                    .arg(className(row->given), className(row->suggested)));
        const auto d = decisions_.at(row->index);
        const int target = d && d->relabel ? d->label : row->suggested;
        relabelTo_->setCurrentIndex(std::max(0, relabelTo_->findData(target)));
    }
    decisionCounts_->setText(tr("%1 kept, %2 relabelled").arg(decisions_.keepCount()).arg(decisions_.relabelCount()));
}

void LabelsView::keepSelected()
{
    if (selected_ < 0 || !suspectAt(selected_))
        return;
    decisions_.keep(selected_);
    showItems(items_);
    updateDecisionBar();
    Q_EMIT decisionsChanged();
}

void LabelsView::relabelSelected(int label)
{
    const LabelSuspectRow* row = selected_ >= 0 ? suspectAt(selected_) : nullptr;
    if (!row || !data_ || label < 0 || label >= data_->numClasses())
        return;
    if (label == row->given)
        decisions_.keep(selected_); // relabelling to its own label keeps it
    else
        decisions_.relabel(selected_, label);
    showItems(items_);
    updateDecisionBar();
    Q_EMIT decisionsChanged();
}

void LabelsView::clearSelectedDecision()
{
    if (selected_ < 0)
        return;
    decisions_.clear(selected_);
    showItems(items_);
    updateDecisionBar();
    Q_EMIT decisionsChanged();
}

void LabelsView::setDecisions(const std::vector<LabelDecisionRecord>& records)
{
    decisions_.reset(records);
    showItems(items_);
    updateDecisionBar();
    Q_EMIT decisionsChanged();
}

void LabelsView::exportSuspects(const QString& path)
{
    controller_->exportSuspects(path, scores_.suspects, decisions_.all());
}

void LabelsView::exportRelabelled(const QString& path)
{
    controller_->exportRelabelled(path, decisions_.relabels());
}

void LabelsView::exportWithDialog(bool relabelled)
{
    if (!hasScores()) {
        openMessage(this, QMessageBox::Information, tr("Nothing to Export"), tr("Score the labels first."));
        return;
    }
    if (relabelled && !scores_.relabelRefusal.isEmpty()) {
        openMessage(this, QMessageBox::Information, tr("Cannot Write the Labels Back"), scores_.relabelRefusal);
        return;
    }
    if (relabelled && decisions_.relabelCount() == 0) {
        openMessage(this, QMessageBox::Information, tr("Nothing Relabelled"),
                    tr("Choose \"Relabel as\" on the samples to change first; the export writes every label with those "
                       "changes."));
        return;
    }
    const QString name = relabelled ? scores_.relabelFileName : QStringLiteral("label-suspects.csv");
    // A folder of labels files (IDX train and t10k parts) is named like a file: it is created there.
    const QString title = relabelled ? tr("Export %1").arg(scores_.relabelWhat) : tr("Export Suspects");
    const QString path = QFileDialog::getSaveFileName(this, title, name);
    if (path.isEmpty())
        return;
    if (relabelled)
        exportRelabelled(path);
    else
        exportSuspects(path);
}

} // namespace latentlab::ui
