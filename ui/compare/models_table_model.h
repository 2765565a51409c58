#pragma once
// The models table: one row per model file the window has trained, opened or been given, with core's summary
// figures (summary_table.h names the columns once for the CSV, the report and here). The first column is the
// name, which the user may edit, and a box ticked for the comparison. Sorting goes through a proxy on
// kSortRole: numbers by value, text by text.
#include "ui/compare/compare_reports.h"

#include <QAbstractTableModel>
#include <QStringList>

#include <vector>

namespace latentlab::ui {

class ModelsTableModel : public QAbstractTableModel {
    Q_OBJECT
public:
    static constexpr int kSortRole = Qt::UserRole + 1;
    static constexpr int kPathRole = Qt::UserRole + 2;
    enum class State { Evaluating, Done, Failed };

    explicit ModelsTableModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role) override;

    // A row for the file (its name: `name`, or the file's stem); false when the file already has one.
    bool addModel(const QString& path, const QString& name = {});
    void removeModel(const QString& path);
    int rowOf(const QString& path) const; // -1 when absent
    QString pathAt(int row) const;
    QString nameAt(int row) const;
    State stateAt(int row) const;
    void setSummary(const QString& path, const ModelSummary& summary);
    void setFailed(const QString& path, const QString& message);
    // Every row's summary that is done, in table order (for the CSV).
    std::vector<ModelSummary> summaries() const;
    // The ticked rows' paths and names, in table order.
    QStringList checkedPaths() const;
    QStringList checkedNames() const;
    void setChecked(const QString& path, bool checked);

    // What a session keeps, and how it comes back (rows of files that no longer exist stay, failed, with a note).
    std::vector<ModelsTableEntry> entries() const;
    void setEntries(const std::vector<ModelsTableEntry>& entries);

Q_SIGNALS:
    // A row was added or renamed: its figures are wanted (again, for the new name).
    void evaluationWanted(const QString& path, const QString& name);
    void checkedChanged();

private:
    struct Row {
        QString path;
        QString name;
        State state = State::Evaluating;
        ModelSummary summary;
        QString error;
        bool checked = false;
    };
    QString headerText(int column) const;

    std::vector<Row> rows_;
};

} // namespace latentlab::ui
