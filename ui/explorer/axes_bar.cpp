#include "ui/explorer/axes_bar.h"

#include "ui/explorer/set_choice_box.h"

#include <QHBoxLayout>
#include <QLabel>

namespace latentlab::ui {

AxesBar::AxesBar(QWidget* parent) : QWidget(parent)
{
    xFrom_ = new SetChoiceBox(this);
    xTo_ = new SetChoiceBox(this);
    yFrom_ = new SetChoiceBox(this);
    yTo_ = new SetChoiceBox(this);
    yFrom_->setNoneText(tr("Principal component ⟂ x"));
    yFrom_->setMinimumContentsLength(22); // "Principal component ⟂ x" whole
    xFrom_->setToolTip(tr("x = 0 at the mean latent of this set"));
    xTo_->setToolTip(tr("x = 1 at the mean latent of this set"));
    yFrom_->setToolTip(tr("y = 0 at the mean latent of this set, or y along the first principal component of the "
                          "latents orthogonal to x"));
    yTo_->setToolTip(tr("y = 1 at the mean latent of this set"));
    yArrow_ = new QLabel(QStringLiteral("→"), this);

    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("x"), this));
    row->addWidget(xFrom_);
    row->addWidget(new QLabel(QStringLiteral("→"), this));
    row->addWidget(xTo_);
    row->addSpacing(8);
    row->addWidget(new QLabel(tr("y"), this));
    row->addWidget(yFrom_);
    row->addWidget(yArrow_);
    row->addWidget(yTo_);
    row->addStretch(1);

    for (SetChoiceBox* box : {xFrom_, xTo_, yTo_})
        connect(box, &SetChoiceBox::choiceChanged, this, &AxesBar::choiceChanged);
    connect(yFrom_, &SetChoiceBox::choiceChanged, this, [this] {
        if (!yFrom_->choice().isEmpty() && yTo_->choice().sameChoice(yFrom_->choice())) {
            // From a set to itself is no axis: start y's other end elsewhere.
            for (int i = 0; i < yTo_->count(); ++i)
                if (!yTo_->itemData(i).toString().isEmpty() && i != yTo_->currentIndex()) {
                    yTo_->setCurrentIndex(i);
                    break;
                }
        }
        showYEnds();
        Q_EMIT choiceChanged();
    });
    showYEnds();
}

void AxesBar::setSources(const QStringList& classNames, const SampleSets* sets)
{
    for (SetChoiceBox* box : {xFrom_, xTo_, yFrom_, yTo_})
        box->setSources(classNames, sets);
    separateXEnds();
    showYEnds();
}

void AxesBar::separateXEnds()
{
    if (!xTo_->choice().sameChoice(xFrom_->choice()))
        return;
    for (int i = 0; i < xTo_->count(); ++i)
        if (!xTo_->itemData(i).toString().isEmpty() && i != xTo_->currentIndex()) {
            xTo_->setCurrentIndex(i); // not reported: only the user's picks are (activated)
            return;
        }
}

AxesChoice AxesBar::choice() const
{
    AxesChoice c;
    c.xFrom = xFrom_->choice();
    c.xTo = xTo_->choice();
    c.yFrom = yFrom_->choice();
    if (!c.yFrom.isEmpty())
        c.yTo = yTo_->choice();
    return c;
}

void AxesBar::setChoice(const AxesChoice& choice)
{
    xFrom_->setChoice(choice.xFrom);
    xTo_->setChoice(choice.xTo);
    yFrom_->setChoice(choice.yFrom);
    yTo_->setChoice(choice.yTo);
    showYEnds();
}

void AxesBar::showYEnds()
{
    const bool sets = !yFrom_->choice().isEmpty();
    yArrow_->setVisible(sets);
    yTo_->setVisible(sets);
}

} // namespace latentlab::ui
