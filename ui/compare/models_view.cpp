#include "ui/compare/models_view.h"

#include "core/compare/summary_table.h"
#include "ui/common/message_box.h"
#include "ui/compare/compare_controller.h"
#include "ui/compare/comparison_view.h"
#include "ui/compare/models_table_model.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace latentlab::ui {

ModelsView::ModelsView(QWidget* parent) : QWidget(parent)
{
    model_ = new ModelsTableModel(this);
    controller_ = new CompareController(this);
    sorted_ = new QSortFilterProxyModel(this);
    sorted_->setSourceModel(model_);
    sorted_->setSortRole(ModelsTableModel::kSortRole);
    table_ = new QTableView;
    table_->setModel(sorted_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(-1, Qt::AscendingOrder); // the order models came in, until a header is clicked
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::SelectedClicked);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->setWordWrap(false);

    auto* add = new QPushButton(tr("Add Models…"));
    add->setToolTip(tr("Add checkpoints or TorchScript models to the table"));
    auto* folder = new QPushButton(tr("Add Folder…"));
    folder->setToolTip(tr("Add every LatentLab checkpoint (*.ckpt) in a folder"));
    remove_ = new QPushButton(tr("Remove"));
    exportTable_ = new QPushButton(tr("Export Table…"));
    exportTable_->setToolTip(tr("The table as CSV, as latentlab-cli compare --csv writes it"));
    compare_ = new QPushButton(tr("Compare"));
    compare_->setToolTip(tr("Compare the ticked models (two to four)"));
    exportComparison_ = new QPushButton(tr("Export Comparison…"));
    exportComparison_->setToolTip(tr("One HTML page with the table, curves, images and scatters of the ticked models"));
    status_ = new QLabel;
    status_->setWordWrap(true);
    busy_ = new QProgressBar;
    busy_->setRange(0, 100);
    busy_->setVisible(false);
    busy_->setMaximumWidth(280);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* b : {add, folder, remove_, exportTable_})
        buttons->addWidget(b);
    buttons->addSpacing(16);
    buttons->addWidget(compare_);
    buttons->addWidget(exportComparison_);
    buttons->addWidget(busy_);
    buttons->addWidget(status_, 1);

    comparison_ = new ComparisonView;
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(table_);
    split->addWidget(comparison_);
    // A few rows of table and the rest for the comparison, which is what a user reads; the handle moves it.
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 4);
    split->setSizes({170, 680});
    split->setChildrenCollapsible(false);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(buttons);
    layout->addWidget(split, 1);

    connect(add, &QPushButton::clicked, this, &ModelsView::chooseModels);
    connect(folder, &QPushButton::clicked, this, &ModelsView::chooseFolder);
    connect(remove_, &QPushButton::clicked, this, &ModelsView::removeSelected);
    connect(exportTable_, &QPushButton::clicked, this, &ModelsView::chooseTable);
    connect(compare_, &QPushButton::clicked, this, &ModelsView::compareChecked);
    connect(exportComparison_, &QPushButton::clicked, this, &ModelsView::chooseComparisonPath);
    connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
        if (index.column() != 0) // the name column edits on a double-click's second press
            Q_EMIT modelActivated(sorted_->data(index, ModelsTableModel::kPathRole).toString());
    });
    connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ModelsView::updateButtons);
    connect(model_, &ModelsTableModel::checkedChanged, this, &ModelsView::updateButtons);
    connect(model_, &ModelsTableModel::evaluationWanted, controller_, &CompareController::evaluate);
    connect(controller_, &CompareController::summarized, model_, &ModelsTableModel::setSummary);
    connect(controller_, &CompareController::evaluationFailed, model_, &ModelsTableModel::setFailed);
    connect(comparison_, &ComparisonView::endsChosen, this, [this](qint64 from, qint64 to) {
        if (comparedPaths_.size() >= 2)
            controller_->compare(comparedPaths_, comparedNames_, from, to);
    });
    connect(controller_, &CompareController::compared, this, [this](const ComparisonResult& r) {
        comparison_->setResult(r);
        status_->setText(tr("Compared %n model(s).", nullptr, r.models.size()));
    });
    connect(controller_, &CompareController::exported, this, [this](const QString& path) {
        status_->setText(tr("Wrote %1").arg(QDir::toNativeSeparators(path)));
        Q_EMIT statusMessage(status_->text());
        Q_EMIT reportWritten(path);
    });
    connect(controller_, &CompareController::failed, this, [this](const QString& message) {
        status_->setText(message);
        openMessage(this, QMessageBox::Warning, tr("The comparison failed"), message);
    });
    connect(controller_, &CompareController::progress, busy_, [this](double f, const QString& what) {
        busy_->setValue(static_cast<int>(f * 100));
        busy_->setFormat(what + QStringLiteral(" %p%"));
    });
    connect(controller_, &CompareController::comparingChanged, this, [this](bool on) {
        busy_->setVisible(on);
        updateButtons();
    });
    updateButtons();
}

void ModelsView::setDataset(DatasetPtr dataset, const QString& path)
{
    dataset_ = dataset;
    controller_->setData(dataset, path);
    comparison_->setDataset(dataset);
    // Every row again, on the new data.
    for (int r = 0; r < model_->rowCount(); ++r)
        controller_->evaluate(model_->pathAt(r), model_->nameAt(r));
    updateButtons();
}

void ModelsView::setTrainingActive(bool active)
{
    controller_->setTrainingActive(active);
}

void ModelsView::addModel(const QString& path, const QString& name)
{
    if (!path.isEmpty())
        model_->addModel(path, name);
}

void ModelsView::removeModel(const QString& path)
{
    model_->removeModel(path);
    updateButtons();
}

int ModelsView::addFolder(const QString& folder)
{
    const QFileInfoList files = QDir(folder).entryInfoList({QStringLiteral("*.ckpt")}, QDir::Files, QDir::Name);
    int added = 0;
    for (const QFileInfo& f : files)
        added += model_->addModel(f.absoluteFilePath()) ? 1 : 0;
    status_->setText(files.isEmpty() ? tr("%1 holds no LatentLab checkpoints (*.ckpt).").arg(QDir::toNativeSeparators(folder))
                                     : tr("Added %n model(s).", nullptr, added));
    return added;
}

void ModelsView::compareChecked()
{
    const QStringList paths = model_->checkedPaths();
    if (paths.size() < 2 || paths.size() > 4 || !dataset_) {
        status_->setText(tr("Tick two to four models to compare them."));
        return;
    }
    comparedPaths_ = paths;
    comparedNames_ = model_->checkedNames();
    controller_->compare(paths, comparedNames_);
}

void ModelsView::exportComparison(const QString& htmlPath)
{
    const QStringList paths = model_->checkedPaths();
    if (paths.size() < 2 || paths.size() > 4 || !dataset_) {
        status_->setText(tr("Tick two to four models to export their comparison."));
        return;
    }
    const QString term = comparison_->term().isEmpty() ? QStringLiteral("recon") : comparison_->term();
    controller_->exportReport(paths, model_->checkedNames(), htmlPath, term);
}

QString ModelsView::exportTable(const QString& csvPath)
{
    try {
        writeSummaryCsv(csvPath.toStdString(), model_->summaries());
    } catch (const std::exception& e) {
        const QString message = QString::fromStdString(e.what());
        status_->setText(message);
        return message;
    }
    status_->setText(tr("Wrote %1").arg(QDir::toNativeSeparators(csvPath)));
    return {};
}

std::vector<ModelsTableEntry> ModelsView::entries() const
{
    return model_->entries();
}

void ModelsView::setEntries(const std::vector<ModelsTableEntry>& entries)
{
    comparison_->clear();
    model_->setEntries(entries);
}

void ModelsView::updateButtons()
{
    const int ticked = static_cast<int>(model_->checkedPaths().size());
    const bool can = dataset_ && ticked >= 2 && ticked <= 4 && !controller_->isComparing();
    compare_->setEnabled(can);
    exportComparison_->setEnabled(can);
    remove_->setEnabled(table_->selectionModel()->hasSelection());
    exportTable_->setEnabled(model_->rowCount() > 0);
    if (ticked > 4)
        status_->setText(tr("A comparison takes at most four models: untick %n.", nullptr, ticked - 4));
}

void ModelsView::chooseModels()
{
    const QStringList files = QFileDialog::getOpenFileNames(this, tr("Add Models"), QString(),
                                                            tr("Models (*.ckpt *.pt *.pth);;All files (*)"));
    for (const QString& f : files)
        addModel(f);
}

void ModelsView::chooseFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Add Every Checkpoint in a Folder"));
    if (!folder.isEmpty())
        addFolder(folder);
}

void ModelsView::chooseTable()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export the Models Table"), QStringLiteral("models.csv"),
                                                      tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    const QString error = exportTable(path);
    if (!error.isEmpty())
        openMessage(this, QMessageBox::Warning, tr("The table was not written"), error);
}

void ModelsView::chooseComparisonPath()
{
    const QString title = tr("Export Comparison");
    const QString suggestion = QStringLiteral("comparison.html");
    const QString path = choosePath_ ? choosePath_(title, suggestion)
                                     : QFileDialog::getSaveFileName(this, title, suggestion, tr("Web pages (*.html)"));
    if (!path.isEmpty())
        exportComparison(path);
}

void ModelsView::removeSelected()
{
    QStringList paths;
    for (const QModelIndex& index : table_->selectionModel()->selectedRows())
        paths.append(sorted_->data(index, ModelsTableModel::kPathRole).toString());
    for (const QString& p : paths)
        model_->removeModel(p);
    updateButtons();
}

} // namespace latentlab::ui
