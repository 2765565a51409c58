#pragma once
// The "Sets" tab: the scatter's selected region (how many samples, Keep… to name it, Export… to write it out,
// Clear) and the named sets kept so far (SampleSets). A click on a set selects it on the scatter again; its
// name is edited in place (Rename, or a double click); Delete removes it. The panel shows and asks; what a
// keep or an export does is ExplorerSelections' work.
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace latentlab::ui {

class SampleSets;

class SetsPanel : public QWidget {
    Q_OBJECT
public:
    SetsPanel(SampleSets* sets, QWidget* parent = nullptr);

    // How many samples the scatter's region holds.
    void setRegionSize(int count);
    // While an export runs: its progress in words, and Stop instead of Export….
    void setExporting(bool running, const QString& text = QString());
    void setStatus(const QString& text);
    QString status() const;

    // The row of the set whose name is `name` in the list, for tests; -1 when none.
    int rowOf(const QString& name) const;
    QTreeWidget* list() const { return list_; }
    QPushButton* keepButton() const { return keep_; }
    QPushButton* exportButton() const { return export_; }
    QPushButton* clearButton() const { return clear_; }
    QPushButton* renameButton() const { return rename_; }
    QPushButton* deleteButton() const { return delete_; }

Q_SIGNALS:
    void keepRequested();
    void exportRequested();
    void stopRequested();
    void clearRequested();
    // Set `row` of SampleSets was clicked.
    void setChosen(int row);

private:
    void refill();
    void renamed(QTreeWidgetItem* item, int column);

    SampleSets* sets_;
    int regionSize_ = 0;
    bool exporting_ = false;
    QLabel* region_ = nullptr;
    QPushButton* keep_ = nullptr;
    QPushButton* export_ = nullptr;
    QPushButton* clear_ = nullptr;
    QTreeWidget* list_ = nullptr;
    QPushButton* rename_ = nullptr;
    QPushButton* delete_ = nullptr;
    QLabel* status_ = nullptr;
};

} // namespace latentlab::ui
