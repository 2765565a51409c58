#pragma once
// The person's verdict on each suspect they looked at: keep its label, or relabel it (to the suggested class
// or another). Plain values (Qt Core alone), so a session file can hold them; GUI thread only.
#include <QtGlobal>

#include <map>
#include <optional>
#include <vector>

namespace latentlab::ui {

struct LabelDecisionRecord {
    qint64 index = -1;   // the sample, in the dataset
    bool relabel = false; // false: keep
    int label = -1;       // relabel: the new class
};

class LabelDecisions {
public:
    void keep(qint64 index);
    void relabel(qint64 index, int label);
    void clear(qint64 index);
    void clearAll() { byIndex_.clear(); }
    std::optional<LabelDecisionRecord> at(qint64 index) const;
    // By ascending index.
    std::vector<LabelDecisionRecord> all() const;
    // Replaces every decision (a session opened); records for the same index: the last wins.
    void reset(const std::vector<LabelDecisionRecord>& records);
    int keepCount() const;
    int relabelCount() const;
    bool empty() const { return byIndex_.empty(); }
    // index -> new class, for every relabel.
    std::map<qint64, int> relabels() const;

private:
    std::map<qint64, LabelDecisionRecord> byIndex_;
};

} // namespace latentlab::ui
