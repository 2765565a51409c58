#include "ui/explorer/set_choice_box.h"

#include "ui/explorer/sample_sets.h"

#include <QSignalBlocker>

namespace latentlab::ui {
namespace {

// Item data: "c:3" for class 3, "s:NAME" for a named set, "" for the "none" entry.
QString keyOf(const SetChoice& c)
{
    if (c.isClass())
        return QStringLiteral("c:%1").arg(c.classIndex);
    return c.setName.isEmpty() ? QString() : QStringLiteral("s:") + c.setName;
}

SetChoice choiceOf(const QString& key)
{
    if (key.startsWith(QLatin1String("c:")))
        return SetChoice::ofClass(key.mid(2).toInt());
    if (key.startsWith(QLatin1String("s:")))
        return SetChoice::named(key.mid(2));
    return {};
}

} // namespace

SetChoiceBox::SetChoiceBox(QWidget* parent) : QComboBox(parent)
{
    setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    setMinimumContentsLength(10);
    connect(this, &QComboBox::activated, this, &SetChoiceBox::choiceChanged);
}

void SetChoiceBox::setNoneText(const QString& text)
{
    noneText_ = text;
    rebuild(choice());
}

void SetChoiceBox::setSources(const QStringList& classNames, const SampleSets* sets)
{
    const SetChoice keep = choice();
    classNames_ = classNames;
    if (sets_ != sets) {
        disconnect(setsChanged_);
        sets_ = sets;
        if (sets)
            setsChanged_ = connect(sets, &SampleSets::changed, this, [this] { rebuild(choice()); });
    }
    rebuild(keep);
}

SetChoice SetChoiceBox::choice() const
{
    return currentIndex() < 0 ? SetChoice() : choiceOf(currentData().toString());
}

void SetChoiceBox::setChoice(const SetChoice& choice)
{
    rebuild(choice);
}

QString SetChoiceBox::textOf(const SetChoice& c) const
{
    if (c.isClass())
        return c.classIndex < classNames_.size() ? classNames_[c.classIndex] : tr("Class %1").arg(c.classIndex);
    return c.setName.isEmpty() ? noneText_ : tr("Set: %1").arg(c.setName);
}

void SetChoiceBox::rebuild(const SetChoice& keep)
{
    const QSignalBlocker block(this);
    clear();
    if (!noneText_.isEmpty())
        addItem(noneText_, QString());
    for (int k = 0; k < classNames_.size(); ++k)
        addItem(classNames_[k], keyOf(SetChoice::ofClass(k)));
    if (sets_ && sets_->count() > 0) {
        if (count() > 0)
            insertSeparator(count());
        for (const SampleSet& s : sets_->all())
            addItem(tr("Set: %1").arg(s.name), keyOf(SetChoice::named(s.name)));
    }
    if (keep.isEmpty() && noneText_.isEmpty()) {
        setCurrentIndex(count() > 0 ? 0 : -1);
        return;
    }
    int at = findData(keyOf(keep));
    if (at < 0) {
        addItem(tr("%1 (missing)").arg(textOf(keep)), keyOf(keep));
        at = count() - 1;
    }
    setCurrentIndex(at);
}

} // namespace latentlab::ui
