#pragma once
// What every controller of a long, cancellable job on a WorkerThread shares (scoring labels, finding
// duplicates): one job at a time, a new start cancelling the one running; the job's AnalysisControl reports
// progress through the worker's queued progress(tag, fraction, what) signal; answers carry the tag, and
// only the newest job's count. GUI thread only (the control itself may be cancelled from any thread).
#include "core/analysis/analysis_control.h"
#include "ui/common/request_tag.h"

#include <QString>

#include <exception>
#include <memory>
#include <utility>

namespace latentlab::ui {

class CancellableJob {
public:
    // Cancels the running job and returns the new one's tag and control (to hand to core on the worker).
    template <class Worker>
    std::pair<RequestTag, std::shared_ptr<AnalysisControl>> start(Worker* worker)
    {
        cancelRunning();
        const RequestTag tag = tags_.next();
        control_ = std::make_shared<AnalysisControl>([worker, tag](double fraction, const std::string& what) {
            Q_EMIT worker->progress(tag, fraction, QString::fromStdString(what));
        });
        return {tag, control_};
    }
    // Stops the running job at its next check; its answer still counts if it comes.
    void cancelRunning()
    {
        if (control_)
            control_->cancel();
    }
    // Stops it and drops whatever it answers.
    void drop()
    {
        cancelRunning();
        tags_.invalidate();
    }
    bool isCurrent(RequestTag tag) const { return tags_.isCurrent(tag); }

private:
    std::shared_ptr<AnalysisControl> control_;
    RequestTags tags_;
};

// Runs a job's body on the worker so that it is always answered: failed(tag, "") when it was cancelled
// (AnalysisCancelled), failed(tag, what) when it threw anything else; the body answers success itself.
template <class Worker, class Body>
void answerJob(Worker* worker, RequestTag tag, Body&& body)
{
    try {
        body();
    } catch (const AnalysisCancelled&) {
        Q_EMIT worker->failed(tag, QString());
    } catch (const std::exception& e) {
        Q_EMIT worker->failed(tag, QString::fromStdString(e.what()));
    }
}

} // namespace latentlab::ui
