#pragma once
// A list to pick "a set" from: every class of the dataset, then every named set of SampleSets, refreshed
// whenever the sets change, with the choice kept by identity across refreshes. A choice the list does not
// offer (a set removed, or named by a session before its sets exist) stays shown, marked as missing, rather
// than turning silently into another set.
#include "ui/explorer/set_choice.h"

#include <QComboBox>
#include <QPointer>
#include <QStringList>

namespace latentlab::ui {

class SampleSets;

class SetChoiceBox : public QComboBox {
    Q_OBJECT
public:
    explicit SetChoiceBox(QWidget* parent = nullptr);

    // An entry before the sets that stands for no set at all (for y: the principal component); empty: none.
    void setNoneText(const QString& text);
    // The classes and named sets on offer (sets may be null). The list follows sets->changed() from now on.
    void setSources(const QStringList& classNames, const SampleSets* sets);
    // The choice shown: its identity, unresolved. Empty for the "none" entry or an empty list.
    SetChoice choice() const;
    // Shows `choice` without reporting it.
    void setChoice(const SetChoice& choice);
    // The text the list shows for an entry (for legends): "Trouser", "Set: lasso 1".
    QString textOf(const SetChoice& choice) const;

Q_SIGNALS:
    // The user picked another entry.
    void choiceChanged();

private:
    void rebuild(const SetChoice& keep);

    QString noneText_;
    QStringList classNames_;
    QPointer<const SampleSets> sets_;
    QMetaObject::Connection setsChanged_;
};

} // namespace latentlab::ui
