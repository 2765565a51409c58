#include "ui/compare/linked_scatters.h"

#include "ui/explorer/scatter/scatter_view.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace latentlab::ui {

LinkedScatters::LinkedScatters(QWidget* parent) : QWidget(parent)
{
    auto* row = new QHBoxLayout(this);
    row->setContentsMargins(0, 0, 0, 0);
}

void LinkedScatters::setLayouts(const std::vector<std::vector<float>>& layouts, const std::vector<int>& labels,
                                const QStringList& classNames, const QStringList& captions, const QStringList& notes)
{
    for (QWidget* cell : cells_)
        delete cell;
    cells_.clear();
    views_.clear();
    selected_ = -1;
    region_.clear();
    auto* row = static_cast<QHBoxLayout*>(layout());
    for (std::size_t i = 0; i < layouts.size(); ++i) {
        auto* cell = new QWidget;
        auto* column = new QVBoxLayout(cell);
        column->setContentsMargins(0, 0, 0, 0);
        auto* caption = new QLabel(captions.value(static_cast<int>(i)));
        caption->setAlignment(Qt::AlignCenter);
        caption->setWordWrap(true);
        column->addWidget(caption);
        auto* view = new ScatterView;
        view->setMinimumSize(220, 220);
        view->setClassNames(classNames);
        view->setLegendShown(i + 1 == layouts.size()); // one legend for all, at the right
        if (layouts[i].empty())
            view->setPlaceholderText(notes.value(static_cast<int>(i)));
        else
            view->setPoints(layouts[i], labels);
        column->addWidget(view, 1);
        row->addWidget(cell, 1);
        cells_.push_back(cell);
        views_.push_back(view);
        connect(view, &ScatterView::clicked, this, [this, view](int point) { select(view, point); });
        connect(view, &ScatterView::hovered, this, [this, view](int point) { hover(view, point); });
        connect(view, &ScatterView::regionSelected, this,
                [this, view](const std::vector<int>& points) { setRegion(view, points); });
        // Hiding a class in one legend hides it in all, so the same points are compared.
        connect(view, &ScatterView::classToggled, this, [this, view](int cls, bool visible) {
            for (ScatterView* other : views_)
                if (other != view)
                    other->setClassVisible(cls, visible);
        });
    }
}

void LinkedScatters::select(ScatterView* from, int point)
{
    selected_ = point;
    for (ScatterView* v : views_)
        if (v != from)
            v->setSelected(point);
    Q_EMIT selectionChanged(point);
}

void LinkedScatters::hover(ScatterView* from, int point)
{
    for (ScatterView* v : views_)
        if (v != from)
            v->setOutlined(point < 0 ? std::vector<int>{} : std::vector<int>{point});
}

void LinkedScatters::setRegion(ScatterView* from, const std::vector<int>& points)
{
    region_ = points;
    for (ScatterView* v : views_)
        if (v != from)
            v->setRegion(points);
}

} // namespace latentlab::ui
