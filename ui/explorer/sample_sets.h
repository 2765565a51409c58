#pragma once
// The named sets of samples a person keeps while exploring (a lasso around a cluster, the neighbours of an
// odd sample): kept as sorted, unique dataset indices, listed by name. They serve everything that takes "a
// set": custom axes and attribute vectors (set A to set B), selection export, bookmarks, the session. Plain
// Qt: no torch, no widgets, so a session file and a test can use it alone.
#include <QObject>
#include <QString>
#include <QVector>

#include <vector>

namespace latentlab::ui {

struct SampleSet {
    QString name;
    std::vector<int> indices; // sorted, unique
};

class SampleSets : public QObject {
    Q_OBJECT
public:
    explicit SampleSets(QObject* parent = nullptr) : QObject(parent) {}

    int count() const { return static_cast<int>(sets_.size()); }
    const SampleSet& at(int i) const { return sets_[static_cast<std::size_t>(i)]; }
    const std::vector<SampleSet>& all() const { return sets_; }
    // -1 when no set has that name.
    int find(const QString& name) const;
    // A name no set has yet: `base`, or "base 2", "base 3", ...
    QString uniqueName(const QString& base) const;

    // Adds a set (indices sorted and made unique here), or replaces the set of that name. Returns its row.
    int put(const QString& name, std::vector<int> indices);
    // False when the name is empty or taken by another set.
    bool rename(int i, const QString& name);
    void remove(int i);
    // Replaces every set (a session opened, a dataset replaced: clear()).
    void reset(std::vector<SampleSet> sets);
    void clear() { reset({}); }

Q_SIGNALS:
    // Any change: a set added, replaced, renamed or removed.
    void changed();

private:
    std::vector<SampleSet> sets_;
};

// Sorts and removes duplicates.
std::vector<int> normalisedIndices(std::vector<int> indices);

} // namespace latentlab::ui
