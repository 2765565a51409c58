#include "ui/explorer/sets_panel.h"

#include "ui/common/format.h"
#include "ui/common/message_box.h"
#include "ui/explorer/sample_sets.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace latentlab::ui {

SetsPanel::SetsPanel(SampleSets* sets, QWidget* parent) : QWidget(parent), sets_(sets)
{
    auto* layout = new QVBoxLayout(this);
    region_ = new QLabel(this);
    region_->setWordWrap(true);
    layout->addWidget(region_);
    auto* actions = new QHBoxLayout;
    keep_ = new QPushButton(tr("Keep…"), this);
    keep_->setToolTip(tr("Name the selection and keep it in the list below (and in a saved session)"));
    export_ = new QPushButton(tr("Export…"), this);
    export_->setToolTip(tr("Write the selection into a new folder: selection.csv (index, label, file) and, for "
                           "images, one PNG per sample"));
    clear_ = new QPushButton(tr("Clear"), this);
    actions->addWidget(keep_);
    actions->addWidget(export_);
    actions->addWidget(clear_);
    actions->addStretch(1);
    layout->addLayout(actions);

    auto* title = new QLabel(tr("Kept sets: a click selects one on the scatter again"), this);
    title->setWordWrap(true);
    layout->addWidget(title);
    list_ = new QTreeWidget(this);
    list_->setColumnCount(2);
    list_->setHeaderLabels({tr("Name"), tr("Samples")});
    list_->setRootIsDecorated(false);
    list_->setUniformRowHeights(true);
    list_->setEditTriggers(QAbstractItemView::NoEditTriggers); // names only, started below
    list_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    list_->header()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    list_->header()->setStretchLastSection(false);
    layout->addWidget(list_, 1);
    auto* edits = new QHBoxLayout;
    rename_ = new QPushButton(tr("Rename"), this);
    delete_ = new QPushButton(tr("Delete"), this);
    edits->addWidget(rename_);
    edits->addWidget(delete_);
    edits->addStretch(1);
    layout->addLayout(edits);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(status_);

    connect(keep_, &QPushButton::clicked, this, &SetsPanel::keepRequested);
    connect(export_, &QPushButton::clicked, this, [this] {
        if (exporting_)
            Q_EMIT stopRequested();
        else
            Q_EMIT exportRequested();
    });
    connect(clear_, &QPushButton::clicked, this, &SetsPanel::clearRequested);
    connect(list_, &QTreeWidget::itemClicked, this, [this](QTreeWidgetItem* item) {
        Q_EMIT setChosen(list_->indexOfTopLevelItem(item));
    });
    connect(list_, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item, int) {
        list_->editItem(item, 0);
    });
    connect(list_, &QTreeWidget::itemChanged, this, &SetsPanel::renamed);
    connect(list_, &QTreeWidget::currentItemChanged, this, [this] {
        rename_->setEnabled(list_->currentItem() != nullptr);
        delete_->setEnabled(list_->currentItem() != nullptr);
    });
    connect(rename_, &QPushButton::clicked, this, [this] {
        if (QTreeWidgetItem* item = list_->currentItem())
            list_->editItem(item, 0);
    });
    connect(delete_, &QPushButton::clicked, this, [this] {
        if (QTreeWidgetItem* item = list_->currentItem())
            sets_->remove(list_->indexOfTopLevelItem(item));
    });
    connect(sets_, &SampleSets::changed, this, &SetsPanel::refill);
    refill();
    setRegionSize(0);
}

void SetsPanel::refill()
{
    // In place rather than cleared: a rename arrives here from inside the list's own itemChanged, and the
    // item being edited must outlive it.
    const QSignalBlocker block(list_); // filling is not renaming
    while (list_->topLevelItemCount() > sets_->count())
        delete list_->takeTopLevelItem(list_->topLevelItemCount() - 1);
    while (list_->topLevelItemCount() < sets_->count()) {
        auto* item = new QTreeWidgetItem(list_);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
        item->setTextAlignment(1, Qt::AlignRight | Qt::AlignVCenter);
    }
    for (int i = 0; i < sets_->count(); ++i) {
        QTreeWidgetItem* item = list_->topLevelItem(i);
        item->setText(0, sets_->at(i).name);
        item->setText(1, formatCount(static_cast<std::int64_t>(sets_->at(i).indices.size())));
    }
    rename_->setEnabled(list_->currentItem() != nullptr);
    delete_->setEnabled(list_->currentItem() != nullptr);
}

void SetsPanel::renamed(QTreeWidgetItem* item, int column)
{
    const int row = list_->indexOfTopLevelItem(item);
    if (column != 0 || row < 0 || row >= sets_->count())
        return;
    const QString name = item->text(0).trimmed();
    if (name == sets_->at(row).name)
        return;
    const QString old = sets_->at(row).name;
    if (!sets_->rename(row, name)) {
        {
            const QSignalBlocker block(list_);
            item->setText(0, old);
        }
        openMessage(this, QMessageBox::Warning, tr("Rename"),
                    name.isEmpty() ? tr("A set needs a name.") : tr("A set named “%1” exists already.").arg(name));
    }
}

int SetsPanel::rowOf(const QString& name) const
{
    for (int i = 0; i < list_->topLevelItemCount(); ++i)
        if (list_->topLevelItem(i)->text(0) == name)
            return i;
    return -1;
}

void SetsPanel::setRegionSize(int count)
{
    regionSize_ = count;
    region_->setText(count == 0 ? tr("No selection: draw one on the scatter with Rectangle or Lasso (or Shift + drag), "
                                     "or pick a kept set below.")
                                : tr("Selected: %1 samples.").arg(formatCount(count)));
    keep_->setEnabled(count > 0);
    export_->setEnabled(exporting_ || count > 0);
    clear_->setEnabled(count > 0);
}

void SetsPanel::setExporting(bool running, const QString& text)
{
    exporting_ = running;
    export_->setText(running ? tr("Stop") : tr("Export…"));
    setRegionSize(regionSize_);
    if (!text.isEmpty())
        setStatus(text);
}

void SetsPanel::setStatus(const QString& text)
{
    status_->setText(text);
}

QString SetsPanel::status() const
{
    return status_->text();
}

} // namespace latentlab::ui
