#include "ui/dataset/dataset_panel.h"

#include "ui/common/format.h"
#include "ui/dataset/dataset_table_model.h"
#include "ui/dataset/sample_grid.h"

#include <QFormLayout>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QEvent>
#include <QRandomGenerator>
#include <QScrollArea>
#include <QStackedWidget>
#include <QTableView>
#include <QTableWidget>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <numeric>
#include <unordered_set>

namespace latentlab::ui {
namespace {

QLabel* valueLabel()
{
    auto* label = new QLabel;
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setWordWrap(true);
    return label;
}

// k distinct indices from [0, n), in random order. Rejection is cheap because k is tiny next to n whenever
// n is large; small sets are shuffled whole.
std::vector<std::int64_t> drawSamples(std::int64_t n, int k)
{
    std::vector<std::int64_t> out;
    auto* rng = QRandomGenerator::global();
    if (n <= 2 * static_cast<std::int64_t>(k)) {
        out.resize(static_cast<std::size_t>(n));
        std::iota(out.begin(), out.end(), 0);
        std::shuffle(out.begin(), out.end(), *rng);
        out.resize(std::min<std::size_t>(out.size(), static_cast<std::size_t>(k)));
        return out;
    }
    std::unordered_set<std::int64_t> seen;
    while (static_cast<int>(out.size()) < k) {
        const auto i = static_cast<std::int64_t>(rng->bounded(static_cast<quint64>(n)));
        if (seen.insert(i).second)
            out.push_back(i);
    }
    return out;
}

} // namespace

DatasetPanel::DatasetPanel(QWidget* parent)
    : QWidget(parent)
{
    auto* empty = new QLabel(tr("No dataset loaded"));
    empty->setAlignment(Qt::AlignCenter);
    empty->setEnabled(false); // drawn in the disabled colour: a hint, not content

    collapse_ = new QToolButton;
    collapse_->setText(tr("Collapse"));
    collapse_->setArrowType(Qt::LeftArrow);
    collapse_->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    collapse_->setAutoRaise(true);
    collapse_->setToolTip(tr("Keep only a slim summary here while this tab is in front, leaving the room to the tab"));
    connect(collapse_, &QToolButton::clicked, this, [this] { Q_EMIT collapseRequested(true); });
    auto* top = new QHBoxLayout;
    top->setContentsMargins(0, 0, 0, 0);
    top->addStretch(1);
    top->addWidget(collapse_);

    auto* content = new QWidget;
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(buildSummary());
    layout->addWidget(buildClasses());
    layout->addWidget(buildPreview(), 1);

    pages_ = new QStackedWidget;
    pages_->addWidget(empty);
    pages_->addWidget(content);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(6, 6, 6, 6);
    outer->addWidget(pages_);
    outer->addWidget(buildCompact());
    compact_->hide();
}

QWidget* DatasetPanel::buildCompact()
{
    compact_ = new QWidget;
    compactText_ = new QLabel(tr("No dataset loaded"));
    compactText_->setWordWrap(true);
    compactText_->setTextFormat(Qt::RichText);
    compactText_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    expand_ = new QPushButton(tr("Expand"));
    expand_->setToolTip(tr("Show the classes and a preview here again while this tab is in front"));
    connect(expand_, &QPushButton::clicked, this, [this] { Q_EMIT collapseRequested(false); });
    auto* layout = new QVBoxLayout(compact_);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(compactText_);
    layout->addWidget(expand_);
    layout->addStretch(1);
    return compact_;
}

int DatasetPanel::collapsedWidth() const
{
    // Room for "70,000 images" and the Expand button in any language; no more.
    const int text = fontMetrics().horizontalAdvance(QStringLiteral("0")) * 16;
    return std::max({120, text, expand_->sizeHint().width()}) + 12;
}

void DatasetPanel::setCollapsed(bool collapsed)
{
    collapsed_ = collapsed;
    pages_->setVisible(!collapsed);
    compact_->setVisible(collapsed);
    // The dock follows its content's maximum width, so this is what makes it slim.
    setMaximumWidth(collapsed ? collapsedWidth() : QWIDGETSIZE_MAX);
}

QWidget* DatasetPanel::buildSummary()
{
    auto* box = new QGroupBox(tr("Summary"));
    auto* form = new QFormLayout(box);
    form->setLabelAlignment(Qt::AlignLeft);
    file_ = valueLabel();
    format_ = valueLabel();
    count_ = valueLabel();
    count_->setObjectName(QStringLiteral("sampleCount"));
    shape_ = valueLabel();
    split_ = valueLabel();
    form->addRow(tr("File:"), file_);
    form->addRow(tr("Format:"), format_);
    form->addRow(tr("Samples:"), count_);
    form->addRow(tr("Sample shape:"), shape_);
    form->addRow(tr("Split:"), split_);
    notes_ = valueLabel();
    notes_->setEnabled(false);
    form->addRow(notes_);
    return box;
}

QWidget* DatasetPanel::buildClasses()
{
    auto* box = new QGroupBox(tr("Classes"));
    classBox_ = box;
    classes_ = new QTableWidget(0, 3);
    classes_->setHorizontalHeaderLabels({tr("#"), tr("Name"), tr("Count")});
    classes_->verticalHeader()->hide();
    classes_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    classes_->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    classes_->horizontalHeader()->setSectionResizeMode(2, QHeaderView::ResizeToContents);
    classes_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    classes_->setSelectionBehavior(QAbstractItemView::SelectRows);
    classes_->setSelectionMode(QAbstractItemView::SingleSelection);
    classes_->setAlternatingRowColors(true);
    classes_->setToolTip(tr("Select a class to show only its samples in the gallery"));
    connect(classes_, &QTableWidget::itemSelectionChanged, this, [this] {
        const auto rows = classes_->selectionModel()->selectedRows();
        Q_EMIT classSelected(rows.isEmpty() ? -1 : rows.first().row());
    });
    auto* layout = new QVBoxLayout(box);
    layout->addWidget(classes_);
    return box;
}

QWidget* DatasetPanel::buildPreview()
{
    auto* box = new QGroupBox(tr("Preview"));
    previewTitle_ = new QLabel;
    shuffle_ = new QPushButton(tr("Shuffle"));
    shuffle_->setToolTip(tr("Show other random samples"));
    connect(shuffle_, &QPushButton::clicked, this, &DatasetPanel::shuffle);
    auto* header = new QHBoxLayout;
    header->addWidget(previewTitle_, 1);
    header->addWidget(shuffle_);

    grid_ = new SampleGrid;
    grid_->setThumbnailBox(56);
    grid_->setCaptionsVisible(false); // the gallery has them; here they would leave room for three a row
    auto* scroll = new QScrollArea;
    scroll->viewport()->installEventFilter(this);
    previewScroll_ = scroll;
    scroll->setWidget(grid_);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    rowsModel_ = new DatasetTableModel(this, kPreviewRows);
    rows_ = new QTableView;
    rows_->setModel(rowsModel_);
    rows_->setAlternatingRowColors(true);
    rows_->verticalHeader()->setDefaultSectionSize(rows_->fontMetrics().height() + 6);

    preview_ = new QStackedWidget;
    preview_->addWidget(scroll);
    preview_->addWidget(rows_);

    auto* layout = new QVBoxLayout(box);
    layout->addLayout(header);
    layout->addWidget(preview_, 1);
    return box;
}

// The thumbnails a size smaller when the larger ones would not fill a row of five: a preview is for seeing
// many samples at once.
bool DatasetPanel::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == previewScroll_->viewport() && event->type() == QEvent::Resize) {
        const int width = previewScroll_->viewport()->width();
        grid_->setThumbnailBox(grid_->columnsFor(width, kLargeThumbnails) >= 5 ? kLargeThumbnails : kSmallThumbnails);
    }
    return QWidget::eventFilter(watched, event);
}

void DatasetPanel::setDataset(DatasetPtr dataset)
{
    dataset_ = std::move(dataset);
    pages_->setCurrentIndex(dataset_ ? 1 : 0);
    rowsModel_->setDataset(dataset_);
    if (!dataset_) {
        grid_->clear();
        classes_->setRowCount(0);
        compactText_->setText(tr("No dataset loaded"));
        return;
    }
    fillSummary();
    fillClasses();
    const bool images = dataset_->isImage();
    preview_->setCurrentIndex(images ? 0 : 1);
    shuffle_->setVisible(images);
    if (images) {
        shuffle();
    } else {
        grid_->clear();
        const auto shown = std::min<std::int64_t>(dataset_->size(), kPreviewRows);
        previewTitle_->setText(tr("First %1 of %2 rows").arg(shown).arg(formatCount(dataset_->size())));
        rows_->resizeColumnsToContents();
    }
}

bool DatasetPanel::showsThumbnails() const
{
    return dataset_ && preview_->currentIndex() == 0;
}

void DatasetPanel::shuffle()
{
    if (!dataset_ || !dataset_->isImage())
        return;
    grid_->setSamples(dataset_, drawSamples(dataset_->size(), kPreviewSamples));
    previewTitle_->setText(tr("%1 random samples").arg(grid_->thumbnailCount()));
}

void DatasetPanel::fillSummary()
{
    const Dataset& ds = *dataset_;
    const QString source = QString::fromStdString(ds.source);
    file_->setText(displayName(source));
    file_->setToolTip(source);
    format_->setText(QString::fromStdString(ds.format));
    count_->setText(sampleCountText(ds));
    shape_->setText(sampleShapeText(ds));
    split_->setText(splitText(ds));
    split_->setToolTip(splitSourcesText(ds));
    // A long file name is shortened in its middle, where it says least, to fit the slim column.
    QFont bold = font();
    bold.setBold(true);
    const QString name = QFontMetrics(bold).elidedText(file_->text(), Qt::ElideMiddle, collapsedWidth() - 16);
    compactText_->setText(QStringLiteral("<b>%1</b><br>%2<br>%3")
                              .arg(name.toHtmlEscaped(), count_->text().toHtmlEscaped(),
                                   shape_->text().toHtmlEscaped()));
    compactText_->setToolTip(source);
    QStringList notes;
    for (const auto& n : ds.notes)
        notes << QString::fromStdString(n);
    notes_->setText(notes.join(QLatin1Char('\n')));
    notes_->setVisible(!notes.isEmpty());
}

void DatasetPanel::fillClasses()
{
    const Dataset& ds = *dataset_;
    classBox_->setVisible(ds.hasLabels());
    const QSignalBlocker blocker(classes_); // refilling is not the user picking a class
    classes_->clearSelection();
    const auto counts = ds.classCounts();
    classes_->setRowCount(ds.numClasses());
    for (int c = 0; c < ds.numClasses(); ++c) {
        auto* index = new QTableWidgetItem(QString::number(c));
        index->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto* count = new QTableWidgetItem(formatCount(counts[static_cast<std::size_t>(c)]));
        count->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        classes_->setItem(c, 0, index);
        classes_->setItem(c, 1, new QTableWidgetItem(QString::fromStdString(ds.classNames()[static_cast<std::size_t>(c)])));
        classes_->setItem(c, 2, count);
    }
    classes_->resizeRowsToContents();
    // Tall enough for every class up to a dozen; beyond that the table scrolls.
    const int rows = std::min(ds.numClasses(), 12);
    const int rowHeight = classes_->rowCount() > 0 ? classes_->rowHeight(0) : classes_->fontMetrics().height();
    classes_->setFixedHeight(classes_->horizontalHeader()->sizeHint().height() + rows * rowHeight + 2 * classes_->frameWidth());
}

} // namespace latentlab::ui
