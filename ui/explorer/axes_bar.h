#pragma once
// The custom-axes part of the projection bar: x from set A to set B, y from set C to set D or along the
// first principal component orthogonal to x. Each end offers every class and every named set.
#include "ui/explorer/set_choice.h"

#include <QStringList>
#include <QWidget>

class QLabel;

namespace latentlab::ui {

class SampleSets;
class SetChoiceBox;

class AxesBar : public QWidget {
    Q_OBJECT
public:
    explicit AxesBar(QWidget* parent = nullptr);

    // The classes of the data and the named sets on offer. Where x's two ends would be the same, x runs
    // from the first entry to the second, so the layout has a direction from the start.
    void setSources(const QStringList& classNames, const SampleSets* sets);
    // Identities only (resolveAxes() fills in the samples).
    AxesChoice choice() const;
    // Shown without reporting it.
    void setChoice(const AxesChoice& choice);

    SetChoiceBox* xFromBox() const { return xFrom_; }
    SetChoiceBox* xToBox() const { return xTo_; }
    SetChoiceBox* yFromBox() const { return yFrom_; }
    SetChoiceBox* yToBox() const { return yTo_; }

Q_SIGNALS:
    // The user picked another set for an end.
    void choiceChanged();

private:
    void separateXEnds();
    void showYEnds();

    SetChoiceBox* xFrom_ = nullptr;
    SetChoiceBox* xTo_ = nullptr;
    SetChoiceBox* yFrom_ = nullptr;
    SetChoiceBox* yTo_ = nullptr;
    QLabel* yArrow_ = nullptr;
};

} // namespace latentlab::ui
