#include "ui/common/flow_layout.h"

#include <QWidget>

#include <algorithm>

namespace latentlab::ui {

FlowLayout::FlowLayout(QWidget* parent, int itemSpacing, int rowSpacing)
    : QLayout(parent), itemSpacing_(itemSpacing), rowSpacing_(rowSpacing)
{
    setContentsMargins(0, 0, 0, 0);
}

FlowLayout::~FlowLayout()
{
    while (QLayoutItem* item = takeAt(0))
        delete item;
}

void FlowLayout::addGroup(QLayout* group)
{
    addChildLayout(group);
    addItem(group);
}

void FlowLayout::addItem(QLayoutItem* item)
{
    items_.append(item);
    invalidate();
}

int FlowLayout::count() const
{
    return int(items_.size());
}

QLayoutItem* FlowLayout::itemAt(int index) const
{
    return index >= 0 && index < items_.size() ? items_[index] : nullptr;
}

QLayoutItem* FlowLayout::takeAt(int index)
{
    if (index < 0 || index >= items_.size())
        return nullptr;
    QLayoutItem* item = items_.takeAt(index);
    invalidate();
    return item;
}

Qt::Orientations FlowLayout::expandingDirections() const
{
    return {};
}

bool FlowLayout::hasHeightForWidth() const
{
    return true;
}

int FlowLayout::heightForWidth(int width) const
{
    return arrange(QRect(0, 0, width, 0), false);
}

QSize FlowLayout::minimumSize() const
{
    // As narrow as the widest item: everything else can go to a row of its own.
    QSize size;
    for (const QLayoutItem* item : items_)
        if (!item->isEmpty())
            size = size.expandedTo(item->minimumSize());
    const QMargins m = contentsMargins();
    return size + QSize(m.left() + m.right(), m.top() + m.bottom());
}

QSize FlowLayout::sizeHint() const
{
    // Everything on one row.
    int width = 0, height = 0, shown = 0;
    for (const QLayoutItem* item : items_) {
        if (item->isEmpty())
            continue;
        const QSize hint = item->sizeHint();
        width += hint.width() + (shown++ > 0 ? itemSpacing_ : 0);
        height = std::max(height, hint.height());
    }
    const QMargins m = contentsMargins();
    return QSize(width + m.left() + m.right(), height + m.top() + m.bottom());
}

void FlowLayout::setGeometry(const QRect& rect)
{
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

int FlowLayout::arrange(const QRect& rect, bool apply) const
{
    const QRect area = rect.marginsRemoved(contentsMargins());
    struct Placed {
        QLayoutItem* item;
        int x, width, height;
    };
    QList<Placed> row;
    int y = area.top(), rows = 0;
    // A row's items share its height, each centred in it, as a QHBoxLayout would centre them.
    const auto finishRow = [&] {
        if (row.isEmpty())
            return;
        int height = 0;
        for (const Placed& p : row)
            height = std::max(height, p.height);
        if (apply)
            for (const Placed& p : row)
                p.item->setGeometry(QRect(p.x, y + (height - p.height) / 2, p.width, p.height));
        y += height + rowSpacing_;
        ++rows;
        row.clear();
    };
    int x = area.left();
    for (QLayoutItem* item : items_) {
        if (item->isEmpty())
            continue;
        const QSize hint = item->sizeHint();
        // An item wider than the whole width gets the width, down to its minimum.
        const int width = std::max(std::min(hint.width(), area.width()), item->minimumSize().width());
        if (!row.isEmpty() && x + width > area.right() + 1) {
            finishRow();
            x = area.left();
        }
        row.append({item, x, width, hint.height()});
        x += width + itemSpacing_;
    }
    finishRow();
    if (apply) // a height-for-width question is not the layout the items have
        rows_ = rows;
    const QMargins m = contentsMargins();
    const int used = rows > 0 ? y - rowSpacing_ - area.top() : 0;
    return used + m.top() + m.bottom();
}

} // namespace latentlab::ui
