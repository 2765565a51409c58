#include "ui/labels/label_decisions.h"

namespace latentlab::ui {

void LabelDecisions::keep(qint64 index)
{
    byIndex_[index] = {index, false, -1};
}

void LabelDecisions::relabel(qint64 index, int label)
{
    byIndex_[index] = {index, true, label};
}

void LabelDecisions::clear(qint64 index)
{
    byIndex_.erase(index);
}

std::optional<LabelDecisionRecord> LabelDecisions::at(qint64 index) const
{
    const auto it = byIndex_.find(index);
    if (it == byIndex_.end())
        return std::nullopt;
    return it->second;
}

std::vector<LabelDecisionRecord> LabelDecisions::all() const
{
    std::vector<LabelDecisionRecord> out;
    for (const auto& [index, record] : byIndex_)
        out.push_back(record);
    return out;
}

void LabelDecisions::reset(const std::vector<LabelDecisionRecord>& records)
{
    byIndex_.clear();
    for (const LabelDecisionRecord& r : records)
        byIndex_[r.index] = r;
}

int LabelDecisions::keepCount() const
{
    int n = 0;
    for (const auto& [index, record] : byIndex_)
        n += record.relabel ? 0 : 1;
    return n;
}

int LabelDecisions::relabelCount() const
{
    return static_cast<int>(byIndex_.size()) - keepCount();
}

std::map<qint64, int> LabelDecisions::relabels() const
{
    std::map<qint64, int> out;
    for (const auto& [index, record] : byIndex_)
        if (record.relabel)
            out[index] = record.label;
    return out;
}

} // namespace latentlab::ui
