#include "ui/explorer/sample_sets.h"

#include <algorithm>

namespace latentlab::ui {

std::vector<int> normalisedIndices(std::vector<int> indices)
{
    std::sort(indices.begin(), indices.end());
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    return indices;
}

int SampleSets::find(const QString& name) const
{
    for (std::size_t i = 0; i < sets_.size(); ++i)
        if (sets_[i].name == name)
            return static_cast<int>(i);
    return -1;
}

QString SampleSets::uniqueName(const QString& base) const
{
    if (find(base) < 0)
        return base;
    for (int k = 2;; ++k) {
        const QString name = QStringLiteral("%1 %2").arg(base).arg(k);
        if (find(name) < 0)
            return name;
    }
}

int SampleSets::put(const QString& name, std::vector<int> indices)
{
    indices = normalisedIndices(std::move(indices));
    int row = find(name);
    if (row >= 0) {
        sets_[static_cast<std::size_t>(row)].indices = std::move(indices);
    } else {
        sets_.push_back({name, std::move(indices)});
        row = count() - 1;
    }
    Q_EMIT changed();
    return row;
}

bool SampleSets::rename(int i, const QString& name)
{
    if (i < 0 || i >= count() || name.trimmed().isEmpty())
        return false;
    const int other = find(name);
    if (other >= 0 && other != i)
        return false;
    sets_[static_cast<std::size_t>(i)].name = name;
    Q_EMIT changed();
    return true;
}

void SampleSets::remove(int i)
{
    if (i < 0 || i >= count())
        return;
    sets_.erase(sets_.begin() + i);
    Q_EMIT changed();
}

void SampleSets::reset(std::vector<SampleSet> sets)
{
    for (SampleSet& s : sets)
        s.indices = normalisedIndices(std::move(s.indices));
    sets_ = std::move(sets);
    Q_EMIT changed();
}

} // namespace latentlab::ui
