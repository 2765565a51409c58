#pragma once
// The Models tab: every model trained, opened or added in the window as a row of the models table (sortable,
// names editable, exported as CSV), and the comparison of the ticked ones below it. A double-click makes a
// model current in the other tabs. The table's rows are kept in sessions.
#include "ui/common/dataset_ptr.h"
#include "ui/compare/compare_reports.h"

#include <QWidget>

#include <functional>
#include <vector>

class QLabel;
class QProgressBar;
class QPushButton;
class QSortFilterProxyModel;
class QTableView;

namespace latentlab::ui {

class CompareController;
class ComparisonView;
class ModelsTableModel;

class ModelsView : public QWidget {
    Q_OBJECT
public:
    explicit ModelsView(QWidget* parent = nullptr);

    void setDataset(DatasetPtr dataset, const QString& path);
    void setTrainingActive(bool active);
    // A row for the file (nothing when it has one), named `name` or after the file: its figures are evaluated
    // on the worker.
    void addModel(const QString& path, const QString& name = {});
    void removeModel(const QString& path);
    // Every LatentLab checkpoint (*.ckpt) in the folder.
    int addFolder(const QString& folder);
    void compareChecked();
    // Written on the worker; answered in the status line (and by reportWritten, for tests).
    void exportComparison(const QString& htmlPath);
    QString exportTable(const QString& csvPath); // "" on success, else why not

    std::vector<ModelsTableEntry> entries() const;
    void setEntries(const std::vector<ModelsTableEntry>& entries);

    ModelsTableModel* tableModel() const { return model_; }
    QTableView* table() const { return table_; }
    CompareController* controller() const { return controller_; }
    ComparisonView* comparison() const { return comparison_; }
    QPushButton* compareButton() const { return compare_; }
    // File > Export Comparison… asks here for the page's path (tests replace the dialog).
    void chooseComparisonPath();
    void setSavePathChooser(std::function<QString(const QString& title, const QString& suggestion)> chooser)
    {
        choosePath_ = std::move(chooser);
    }

Q_SIGNALS:
    void modelActivated(const QString& path);
    void statusMessage(const QString& text);
    void reportWritten(const QString& path);

private:
    void updateButtons();
    void chooseModels();
    void chooseFolder();
    void chooseTable();
    void removeSelected();

    DatasetPtr dataset_;
    ModelsTableModel* model_ = nullptr;
    QSortFilterProxyModel* sorted_ = nullptr;
    QTableView* table_ = nullptr;
    CompareController* controller_ = nullptr;
    ComparisonView* comparison_ = nullptr;
    QPushButton* remove_ = nullptr;
    QPushButton* exportTable_ = nullptr;
    QPushButton* compare_ = nullptr;
    QPushButton* exportComparison_ = nullptr;
    QLabel* status_ = nullptr;
    QProgressBar* busy_ = nullptr;
    std::function<QString(const QString&, const QString&)> choosePath_;
    QStringList comparedPaths_, comparedNames_; // the last comparison's, which new ends redo
};

} // namespace latentlab::ui
