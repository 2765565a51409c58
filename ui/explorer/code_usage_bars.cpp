#include "ui/explorer/code_usage_bars.h"

#include <QPainter>

#include <algorithm>

namespace latentlab::ui {

CodeUsageBars::CodeUsageBars(QWidget* parent) : QWidget(parent) {}

void CodeUsageBars::setUsage(QVector<double> share)
{
    share_ = std::move(share);
    setToolTip(title());
    update();
}

int CodeUsageBars::deadCount() const
{
    return static_cast<int>(std::count(share_.begin(), share_.end(), 0.0));
}

QString CodeUsageBars::title() const
{
    return tr("Codebook: %1 of %2 codes used, %3 dead").arg(share_.size() - deadCount()).arg(share_.size()).arg(deadCount());
}

void CodeUsageBars::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.fillRect(rect(), palette().base());
    if (share_.isEmpty())
        return;
    const QFontMetrics fm(font());
    p.setPen(palette().text().color());
    p.drawText(QRect(4, 2, width() - 8, fm.height()), Qt::AlignLeft | Qt::AlignVCenter, title());
    const QRectF area(4, fm.height() + 6, width() - 8, height() - fm.height() - 14);
    const double top = *std::max_element(share_.begin(), share_.end());
    const double w = area.width() / share_.size();
    for (int k = 0; k < share_.size(); ++k) {
        const double x = area.left() + k * w;
        if (share_[k] == 0.0) {
            p.fillRect(QRectF(x, area.bottom() + 2, std::max(1.0, w), 4), QColor(214, 39, 40));
            continue;
        }
        const double h = top > 0 ? area.height() * share_[k] / top : 0.0;
        p.fillRect(QRectF(x, area.bottom() - h, std::max(1.0, w - (w > 3 ? 1 : 0)), h), QColor(31, 119, 180));
    }
}

} // namespace latentlab::ui
