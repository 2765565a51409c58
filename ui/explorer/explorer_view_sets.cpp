// The parts of ExplorerView that follow the named sets and the classes: the custom-axes layout, whose ends
// are resolved to samples here before the projection thread sees them, and the attribute panel (White 2016's
// attribute vectors), whose requests go to the decode thread with A and B resolved the same way.
#include "ui/explorer/explorer_view.h"

#include "ui/explorer/attribute_panel.h"
#include "ui/explorer/explorer_controller.h"
#include "ui/explorer/projection_bar.h"
#include "ui/explorer/sample_sets.h"
#include "ui/explorer/scatter/scatter_view.h"
#include "ui/explorer/set_choice.h"

#include <QTabWidget>

namespace latentlab::ui {

ProjectionSettings ExplorerView::withSamples(ProjectionSettings s) const
{
    if (s.method == ProjectionMethod::Axes)
        resolveAxes(s.axes, data_.get(), sets_);
    return s;
}

void ExplorerView::sendProjection(const ProjectionSettings& s)
{
    // Axes without a set at an end cannot be laid out; the bar that shows them is where to choose one.
    const QString problem = s.method == ProjectionMethod::Axes ? axesProblem(s.axes) : QString();
    if (!problem.isEmpty()) {
        setStatus(problem);
        return;
    }
    controller_->setProjection(withSamples(s));
}

void ExplorerView::onSetsChanged()
{
    if (attributeShown() && hasModel())
        attribute_->refresh(); // A or B may be a set that changed
    // Axes that run to a named set follow its samples; a set removed or emptied leaves the layout as it was
    // rather than failing under the person who removed it.
    const ProjectionSettings& old = controller_->projection();
    if (old.method != ProjectionMethod::Axes || bar_->settings().method != ProjectionMethod::Axes)
        return;
    const ProjectionSettings now = withSamples(bar_->settings());
    if (now.axes == old.axes)
        return;
    for (const SetChoice* c : {&now.axes.xFrom, &now.axes.xTo, &now.axes.yFrom, &now.axes.yTo})
        if (!c->isEmpty() && c->rows.empty()) {
            setStatus(tr("%1 has no samples now: the axes stay as they were.").arg(c->label));
            return;
        }
    refit_ = true;
    sendProjection(now);
}

bool ExplorerView::attributeShown() const
{
    return panels_->currentWidget() == attribute_;
}

void ExplorerView::connectAttributePanel()
{
    // Only while the panel shows: a click on the scatter should not decode strips nobody looks at (the tab
    // asks again when it comes to the front).
    const auto resolved = [this](AttributeRequest r) {
        resolveSet(r.from, data_.get(), sets_);
        resolveSet(r.to, data_.get(), sets_);
        return r;
    };
    connect(attribute_, &AttributePanel::stripRequested, this, [this, resolved](const AttributeRequest& r) {
        if (hasModel() && attributeShown())
            controller_->attributeStrip(resolved(r));
    });
    connect(attribute_, &AttributePanel::amountChanged, this, [this, resolved](const AttributeRequest& r, double t) {
        if (hasModel() && attributeShown())
            controller_->probeAttribute(resolved(r), t);
    });
    connect(controller_, &ExplorerController::attributeReady, this, [this](const AttributeReport& report) {
        attribute_->showReport(report);
        if (attributeShown())
            scatter_->setPath(report.strip.positions);
    });
    connect(controller_, &ExplorerController::attributeDecoded, attribute_, &AttributePanel::showFrame);
}

} // namespace latentlab::ui
