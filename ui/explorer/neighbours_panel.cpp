#include "ui/explorer/neighbours_panel.h"

#include "ui/common/format.h"
#include "ui/common/sample_image.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPixmap>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace latentlab::ui {
namespace {

// Large enough to recognise a 28x28 image (enlarged three times), small enough for a dozen in view.
constexpr int kThumbnail = 84;

QPixmap thumbnail(const QImage& image)
{
    if (image.isNull())
        return {};
    return QPixmap::fromImage(image.scaled(thumbnailSize(image.size(), kThumbnail), Qt::IgnoreAspectRatio,
                                           Qt::FastTransformation)); // nearest-neighbour keeps pixels crisp
}

} // namespace

NeighboursPanel::NeighboursPanel(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    auto* head = new QHBoxLayout;
    queryImage_ = new QLabel(this);
    queryImage_->setFixedSize(kThumbnail + 12, kThumbnail + 12);
    queryImage_->setAlignment(Qt::AlignCenter);
    queryText_ = new QLabel(this);
    queryText_->setWordWrap(true);
    head->addWidget(queryImage_);
    head->addWidget(queryText_, 1);
    layout->addLayout(head);

    auto* row = new QHBoxLayout;
    count_ = new QSpinBox(this);
    count_->setRange(1, 100);
    count_->setValue(12);
    count_->setToolTip(tr("How many of the nearest samples to list"));
    metric_ = new QComboBox(this);
    metric_->addItem(tr("Euclidean"), static_cast<int>(NeighbourMetric::Euclidean));
    metric_->addItem(tr("Cosine"), static_cast<int>(NeighbourMetric::Cosine));
    metric_->setToolTip(tr("Euclidean: the straight distance between latents. Cosine: 1 − the cosine of their "
                           "angle, which ignores how long they are"));
    isolate_ = new QCheckBox(tr("Isolate"), this);
    isolate_->setToolTip(tr("Show only the selected sample and its neighbours on the scatter"));
    select_ = new QPushButton(tr("Select these"), this);
    select_->setToolTip(tr("Make the selected sample and its neighbours the scatter's selection, to keep or export"));
    row->addWidget(new QLabel(tr("Nearest"), this));
    row->addWidget(count_);
    row->addWidget(new QLabel(tr("by"), this));
    row->addWidget(metric_);
    row->addSpacing(8);
    row->addWidget(isolate_);
    row->addStretch(1);
    row->addWidget(select_);
    layout->addLayout(row);

    list_ = new QListWidget(this);
    list_->setViewMode(QListView::IconMode);
    list_->setResizeMode(QListView::Adjust);
    list_->setMovement(QListView::Static);
    list_->setUniformItemSizes(true);
    list_->setIconSize(QSize(kThumbnail + 12, kThumbnail + 12));
    // Room for the image and two lines of caption under it.
    list_->setGridSize(QSize(kThumbnail + 36, kThumbnail + 12 + 2 * fontMetrics().height() + 10));
    list_->setSpacing(2);
    list_->setWordWrap(true);
    list_->setSelectionMode(QAbstractItemView::SingleSelection);
    layout->addWidget(list_, 1);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    layout->addWidget(status_);

    connect(count_, &QSpinBox::valueChanged, this, &NeighboursPanel::requested);
    connect(metric_, &QComboBox::currentIndexChanged, this, &NeighboursPanel::requested);
    connect(isolate_, &QCheckBox::toggled, this, &NeighboursPanel::isolateToggled);
    connect(select_, &QPushButton::clicked, this, [this] {
        const std::vector<int> all = shownWithQuery();
        if (!all.empty())
            Q_EMIT regionRequested(all);
    });
    connect(list_, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
        Q_EMIT neighbourChosen(item->data(Qt::UserRole).toLongLong());
    });
    clear();
}

void NeighboursPanel::setDataset(DatasetPtr data)
{
    data_ = std::move(data);
    clear();
}

void NeighboursPanel::clear()
{
    query_ = -1;
    shown_ = {};
    list_->clear();
    queryImage_->clear();
    queryText_->setText(tr("Select a sample on the scatter to list its nearest samples in latent space."));
    status_->clear();
    select_->setEnabled(false);
}

QString NeighboursPanel::describe(qint64 index) const
{
    QString text = data_ && data_->isImage() ? tr("Sample %1").arg(index) : tr("Row %1").arg(index);
    if (data_ && data_->hasLabels() && index >= 0 && index < data_->size())
        text += QStringLiteral(" · ") + QString::fromStdString(
                    data_->classNames()[static_cast<std::size_t>(data_->labels()[static_cast<std::size_t>(index)])]);
    return text;
}

void NeighboursPanel::setQuery(qint64 index)
{
    if (!data_ || index < 0 || index >= data_->size()) {
        clear();
        return;
    }
    if (index == query_)
        return;
    query_ = index;
    queryImage_->setPixmap(thumbnail(sampleImage(*data_, index)));
    queryText_->setText(tr("%1: its nearest samples in latent space, nearest first.").arg(describe(index)));
    status_->setText(tr("Searching…"));
    select_->setEnabled(false);
}

void NeighboursPanel::showNeighbours(const NeighbourList& found)
{
    if (!data_ || found.index != query_)
        return;
    shown_ = found;
    list_->clear();
    list_->setViewMode(data_->isImage() ? QListView::IconMode : QListView::ListMode);
    for (int i = 0; i < found.indices.size(); ++i) {
        const qint64 index = found.indices[i];
        QString label = data_->hasLabels() ? QString::fromStdString(data_->classNames()[static_cast<std::size_t>(
                                                 data_->labels()[static_cast<std::size_t>(index)])])
                                           : tr("#%1").arg(index);
        auto* item = new QListWidgetItem(label + QLatin1Char('\n') + QString::number(found.distances[i], 'g', 3), list_);
        item->setIcon(thumbnail(sampleImage(*data_, index)));
        item->setData(Qt::UserRole, index);
        item->setToolTip(tr("%1, at distance %2").arg(describe(index)).arg(found.distances[i], 0, 'g', 5));
        item->setTextAlignment(Qt::AlignHCenter | Qt::AlignTop);
    }
    const QString how = found.metric == NeighbourMetric::Cosine
                            ? tr("The %1 nearest of %2 samples by cosine distance; a click selects one.")
                            : tr("The %1 nearest of %2 samples by euclidean distance; a click selects one.");
    status_->setText(how.arg(found.indices.size()).arg(formatCount(data_->size())));
    select_->setEnabled(true);
}

std::vector<int> NeighboursPanel::shownWithQuery() const
{
    if (shown_.index < 0)
        return {};
    std::vector<int> all {static_cast<int>(shown_.index)};
    for (qint64 i : shown_.indices)
        all.push_back(static_cast<int>(i));
    return all;
}

int NeighboursPanel::count() const
{
    return count_->value();
}

NeighbourMetric NeighboursPanel::metric() const
{
    return static_cast<NeighbourMetric>(metric_->currentData().toInt());
}

bool NeighboursPanel::isolates() const
{
    return isolate_->isChecked();
}

} // namespace latentlab::ui
