#include "ui/common/page_buttons.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace latentlab::ui {

PageButtons::PageButtons(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    previous_ = new QPushButton(tr("◀"), this);
    next_ = new QPushButton(tr("▶"), this);
    label_ = new QLabel(this);
    layout->addWidget(previous_);
    layout->addWidget(label_);
    layout->addWidget(next_);
    connect(previous_, &QPushButton::clicked, this, [this] { Q_EMIT pageRequested(page_ - 1); });
    connect(next_, &QPushButton::clicked, this, [this] { Q_EMIT pageRequested(page_ + 1); });
    setPage(0, 0);
}

void PageButtons::setPage(int page, int count)
{
    page_ = page;
    previous_->setEnabled(count > 0 && page > 0);
    next_->setEnabled(page + 1 < count);
    if (count > 0)
        label_->setText(tr("page %1 of %2").arg(page + 1).arg(count));
    else
        label_->clear();
}

QString PageButtons::text() const
{
    return label_->text();
}

} // namespace latentlab::ui
