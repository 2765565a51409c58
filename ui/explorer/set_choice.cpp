#include "ui/explorer/set_choice.h"

#include "core/data/dataset.h"
#include "ui/explorer/sample_sets.h"

#include <QCoreApplication>

namespace latentlab::ui {

void resolveSet(SetChoice& choice, const Dataset* data, const SampleSets* sets)
{
    choice.rows.clear();
    // English, like core's messages, which quote it: "class Trouser is empty: ...".
    if (choice.isClass()) {
        const bool known = data && data->hasLabels() && choice.classIndex < data->numClasses();
        choice.label = QStringLiteral("class ") +
                       (known ? QString::fromStdString(data->classNames()[static_cast<std::size_t>(choice.classIndex)])
                              : QString::number(choice.classIndex));
        if (!known)
            return;
        const auto& labels = data->labels();
        for (std::size_t i = 0; i < labels.size(); ++i)
            if (labels[i] == choice.classIndex)
                choice.rows.push_back(static_cast<int>(i));
        return;
    }
    choice.label = QStringLiteral("set \"%1\"").arg(choice.setName);
    const int row = sets ? sets->find(choice.setName) : -1;
    if (row >= 0)
        choice.rows = sets->at(row).indices;
}

void resolveAxes(AxesChoice& axes, const Dataset* data, const SampleSets* sets)
{
    for (SetChoice* c : {&axes.xFrom, &axes.xTo, &axes.yFrom, &axes.yTo})
        if (!c->isEmpty())
            resolveSet(*c, data, sets);
}

QString axesProblem(const AxesChoice& axes)
{
    if (axes.xFrom.isEmpty() || axes.xTo.isEmpty())
        return QCoreApplication::translate("SetChoice", "Choose a set at each end of the x axis: a class, or a named "
                                                        "set of samples.");
    if (axes.yFromSets() && (axes.yFrom.isEmpty() || axes.yTo.isEmpty()))
        return QCoreApplication::translate("SetChoice", "Choose a set at each end of the y axis.");
    return {};
}

} // namespace latentlab::ui
