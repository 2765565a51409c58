#include "ui/compare/models_table_model.h"

#include "core/compare/summary_table.h"

#include <QDir>
#include <QFileInfo>

#include <cmath>

namespace latentlab::ui {

namespace {

QString canonical(const QString& path)
{
    return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

} // namespace

ModelsTableModel::ModelsTableModel(QObject* parent) : QAbstractTableModel(parent) {}

int ModelsTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ModelsTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(summaryColumns().size());
}

QString ModelsTableModel::headerText(int column) const
{
    const std::string& key = summaryColumns()[static_cast<std::size_t>(column)].key;
    static const std::pair<const char*, const char*> kHeaders[] = {
        {"name", QT_TR_NOOP("Model")},
        {"family", QT_TR_NOOP("Family")},
        {"backbone", QT_TR_NOOP("Backbone")},
        {"latent", QT_TR_NOOP("Latent")},
        {"epochs", QT_TR_NOOP("Epochs")},
        {"steps", QT_TR_NOOP("Steps")},
        {"train_seconds", QT_TR_NOOP("Training (s)")},
        {"val_neg_elbo", QT_TR_NOOP("Val -ELBO")},
        {"val_recon", QT_TR_NOOP("Val recon")},
        {"val_kl", QT_TR_NOOP("Val KL")},
        {"test_neg_elbo", QT_TR_NOOP("Test -ELBO")},
        {"test_recon", QT_TR_NOOP("Test recon")},
        {"test_kl", QT_TR_NOOP("Test KL")},
        {"test_mse", QT_TR_NOOP("Test MSE")},
        {"active_dims", QT_TR_NOOP("Active dims")},
        {"perplexity", QT_TR_NOOP("VQ perplexity")},
        {"dead_codes", QT_TR_NOOP("Dead codes")},
        {"auroc", QT_TR_NOOP("AUROC")},
        {"samples_per_second", QT_TR_NOOP("Samples/s")},
    };
    for (const auto& [k, text] : kHeaders)
        if (key == k)
            return tr(text);
    return QString::fromStdString(summaryColumns()[static_cast<std::size_t>(column)].header);
}

QVariant ModelsTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row& row = rows_[static_cast<std::size_t>(index.row())];
    const SummaryColumn& column = summaryColumns()[static_cast<std::size_t>(index.column())];
    const bool nameColumn = index.column() == 0;
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        if (nameColumn)
            return row.name;
        if (row.state == State::Evaluating)
            return index.column() == 1 ? tr("evaluating…") : QString();
        if (row.state == State::Failed)
            return index.column() == 1 ? tr("failed") : QString();
        {
            const QString text = QString::fromStdString(column.text(row.summary));
            return text.isEmpty() ? QStringLiteral("–") : text; // the figure does not apply to this model
        }
    case kSortRole: {
        if (nameColumn || row.state != State::Done)
            return nameColumn ? QVariant(row.name.toLower()) : QVariant();
        const double v = column.value(row.summary);
        return std::isfinite(v) ? QVariant(v) : QVariant(QString::fromStdString(column.text(row.summary)));
    }
    case kPathRole:
        return row.path;
    case Qt::CheckStateRole:
        return nameColumn ? QVariant(row.checked ? Qt::Checked : Qt::Unchecked) : QVariant();
    case Qt::TextAlignmentRole:
        return nameColumn || index.column() <= 2 ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                 : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole: {
        QString tip = QDir::toNativeSeparators(row.path);
        if (row.state == State::Failed)
            tip += QStringLiteral("\n") + row.error;
        for (const std::string& note : row.summary.notes)
            tip += QStringLiteral("\n") + QString::fromStdString(note);
        return tip;
    }
    default:
        return {};
    }
}

QVariant ModelsTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return headerText(section);
    if (role == Qt::ToolTipRole && summaryColumns()[static_cast<std::size_t>(section)].key == "active_dims")
        return tr("Latent dimensions whose KL on the validation part is above 0.01 nats");
    return {};
}

Qt::ItemFlags ModelsTableModel::flags(const QModelIndex& index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.column() == 0)
        f |= Qt::ItemIsEditable | Qt::ItemIsUserCheckable;
    return f;
}

bool ModelsTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || index.column() != 0 || index.row() >= rowCount())
        return false;
    Row& row = rows_[static_cast<std::size_t>(index.row())];
    if (role == Qt::CheckStateRole) {
        row.checked = value.toInt() == Qt::Checked;
        Q_EMIT dataChanged(index, index, {role});
        Q_EMIT checkedChanged();
        return true;
    }
    if (role == Qt::EditRole) {
        const QString name = value.toString().trimmed();
        if (name.isEmpty() || name == row.name)
            return false;
        row.name = name;
        row.summary.name = name.toStdString();
        Q_EMIT dataChanged(index, index, {Qt::DisplayRole, Qt::EditRole});
        return true;
    }
    return false;
}

bool ModelsTableModel::addModel(const QString& path, const QString& name)
{
    const QString file = canonical(path);
    if (rowOf(file) >= 0)
        return false;
    Row row;
    row.path = file;
    row.name = name.isEmpty() ? QFileInfo(file).completeBaseName() : name;
    const int at = rowCount();
    beginInsertRows({}, at, at);
    rows_.push_back(row);
    endInsertRows();
    Q_EMIT evaluationWanted(row.path, row.name);
    return true;
}

void ModelsTableModel::removeModel(const QString& path)
{
    const int r = rowOf(path);
    if (r < 0)
        return;
    const bool wasChecked = rows_[static_cast<std::size_t>(r)].checked;
    beginRemoveRows({}, r, r);
    rows_.erase(rows_.begin() + r);
    endRemoveRows();
    if (wasChecked)
        Q_EMIT checkedChanged();
}

int ModelsTableModel::rowOf(const QString& path) const
{
    const QString file = canonical(path);
    for (std::size_t i = 0; i < rows_.size(); ++i)
        if (rows_[i].path == file)
            return static_cast<int>(i);
    return -1;
}

QString ModelsTableModel::pathAt(int row) const
{
    return row >= 0 && row < rowCount() ? rows_[static_cast<std::size_t>(row)].path : QString();
}

QString ModelsTableModel::nameAt(int row) const
{
    return row >= 0 && row < rowCount() ? rows_[static_cast<std::size_t>(row)].name : QString();
}

ModelsTableModel::State ModelsTableModel::stateAt(int row) const
{
    return rows_.at(static_cast<std::size_t>(row)).state;
}

void ModelsTableModel::setSummary(const QString& path, const ModelSummary& summary)
{
    const int r = rowOf(path);
    if (r < 0)
        return;
    Row& row = rows_[static_cast<std::size_t>(r)];
    row.summary = summary;
    row.summary.name = row.name.toStdString(); // the user's name, not the one it was evaluated under
    row.state = State::Done;
    row.error.clear();
    Q_EMIT dataChanged(index(r, 0), index(r, columnCount() - 1));
}

void ModelsTableModel::setFailed(const QString& path, const QString& message)
{
    const int r = rowOf(path);
    if (r < 0)
        return;
    Row& row = rows_[static_cast<std::size_t>(r)];
    row.state = State::Failed;
    row.error = message;
    Q_EMIT dataChanged(index(r, 0), index(r, columnCount() - 1));
}

std::vector<ModelSummary> ModelsTableModel::summaries() const
{
    std::vector<ModelSummary> out;
    for (const Row& row : rows_)
        if (row.state == State::Done)
            out.push_back(row.summary);
    return out;
}

QStringList ModelsTableModel::checkedPaths() const
{
    QStringList out;
    for (const Row& row : rows_)
        if (row.checked)
            out.append(row.path);
    return out;
}

QStringList ModelsTableModel::checkedNames() const
{
    QStringList out;
    for (const Row& row : rows_)
        if (row.checked)
            out.append(row.name);
    return out;
}

void ModelsTableModel::setChecked(const QString& path, bool checked)
{
    const int r = rowOf(path);
    if (r >= 0)
        setData(index(r, 0), checked ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole);
}

std::vector<ModelsTableEntry> ModelsTableModel::entries() const
{
    std::vector<ModelsTableEntry> out;
    for (const Row& row : rows_)
        out.push_back({row.path, row.name});
    return out;
}

void ModelsTableModel::setEntries(const std::vector<ModelsTableEntry>& entries)
{
    beginResetModel();
    rows_.clear();
    endResetModel();
    for (const ModelsTableEntry& e : entries) {
        if (!addModel(e.path, e.name))
            continue;
        if (!QFileInfo::exists(e.path))
            setFailed(e.path, tr("The file is no longer there."));
    }
    Q_EMIT checkedChanged();
}

} // namespace latentlab::ui
