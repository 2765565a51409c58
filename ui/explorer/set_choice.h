#pragma once
// "A set" wherever the explorer asks for one (the ends of a custom axis, the two sides of an attribute
// vector): a class of the dataset or a named set of SampleSets. Kept by identity (class number or set name)
// so a session can store it and a list refreshed under it keeps it; resolved to dataset indices just before
// a request goes to a worker, which only ever sees indices. Plain values: no widgets, no torch.
#include <QString>

#include <vector>

namespace latentlab {
class Dataset;
}

namespace latentlab::ui {

class SampleSets;

struct SetChoice {
    int classIndex = -1; // >= 0: every sample of that class
    QString setName;     // else: the named set of that name (none chosen when empty too)

    // Filled by resolveSet(): what messages call it, and its dataset indices (sorted).
    QString label;
    std::vector<int> rows;

    bool isClass() const { return classIndex >= 0; }
    bool isEmpty() const { return classIndex < 0 && setName.isEmpty(); }
    // The same class or named set, whatever it resolved to.
    bool sameChoice(const SetChoice& o) const { return classIndex == o.classIndex && setName == o.setName; }
    // The same choice resolved to the same samples: a request for it need not be sent again.
    bool operator==(const SetChoice& o) const { return sameChoice(o) && rows == o.rows; }
    bool operator!=(const SetChoice& o) const { return !(*this == o); }

    static SetChoice ofClass(int k)
    {
        SetChoice c;
        c.classIndex = k;
        return c;
    }
    static SetChoice named(const QString& name)
    {
        SetChoice c;
        c.setName = name;
        return c;
    }
};

// The custom-axes layout: x from mean(xFrom) (x = 0) to mean(xTo) (x = 1); y likewise from yFrom to yTo,
// or, when both are empty, along the first principal component of the latents orthogonal to x.
struct AxesChoice {
    SetChoice xFrom, xTo, yFrom, yTo;

    bool yFromSets() const { return !yFrom.isEmpty() || !yTo.isEmpty(); }
    bool operator==(const AxesChoice& o) const
    {
        return xFrom == o.xFrom && xTo == o.xTo && yFrom == o.yFrom && yTo == o.yTo;
    }
    bool operator!=(const AxesChoice& o) const { return !(*this == o); }
    // The same four choices, whatever they resolved to.
    bool sameChoice(const AxesChoice& o) const
    {
        return xFrom.sameChoice(o.xFrom) && xTo.sameChoice(o.xTo) && yFrom.sameChoice(o.yFrom) &&
               yTo.sameChoice(o.yTo);
    }
};

// Fills label and rows: a class's samples from the data's labels, a named set's from `sets` (none where no
// set has that name any more, or the class does not exist: the worker then refuses it as empty).
void resolveSet(SetChoice& choice, const Dataset* data, const SampleSets* sets);
void resolveAxes(AxesChoice& axes, const Dataset* data, const SampleSets* sets);

// A sentence saying what is missing before the axes can be laid out, or an empty string.
QString axesProblem(const AxesChoice& axes);

} // namespace latentlab::ui
