#include "ui/duplicates/duplicates_worker.h"

#include "core/analysis/analysis_control.h"
#include "core/analysis/duplicates.h"
#include "core/analysis/duplicates_csv.h"
#include "core/models/model_snapshot.h"
#include "ui/common/cancellable_job.h"

#include <QElapsedTimer>

namespace latentlab::ui {
namespace {

SamplePart samplePartOf(const Dataset& data, qint64 index)
{
    switch (splitPartOf(data, index)) {
    case SplitPart::Train: return SamplePart::Train;
    case SplitPart::Validation: return SamplePart::Test;
    case SplitPart::Neither: break;
    }
    return SamplePart::Neither;
}

} // namespace

DuplicatesWorker::DuplicatesWorker(QObject* parent) : QObject(parent) {}

DuplicatesWorker::~DuplicatesWorker() = default;

void DuplicatesWorker::scan(ModelPtr model, DatasetPtr data, const DuplicateRequest& request, RequestTag tag,
                            std::shared_ptr<AnalysisControl> control)
{
    if (!data || (!model && !request.exactOnly) || control->cancelled()) {
        Q_EMIT failed(tag, QString());
        return;
    }
    answerJob(this, tag, [&] {
        QElapsedTimer clock;
        clock.start();
        const std::shared_ptr<LatentModel> snapshot = request.exactOnly ? nullptr : snapshotModel(model);
        DuplicateOptions options;
        options.threshold = request.threshold;
        options.nearDuplicates = !request.exactOnly;
        const DuplicateReport report = findDuplicates(snapshot.get(), *data, {}, options, control.get());
        DuplicateResult out;
        out.tag = tag;
        out.nearest = report.nearestDistances;
        out.threshold = report.threshold;
        out.exactGroups = report.exactGroups;
        out.nearGroups = report.nearGroups;
        out.samplesInGroups = report.samplesInGroups;
        out.leaks = static_cast<qint64>(report.leaks.size());
        for (const Leak& l : report.leaks)
            out.exactLeaks += l.exact ? 1 : 0;
        for (const DuplicateGroup& g : report.groups) {
            DuplicateGroupRow row;
            row.exact = g.exact;
            bool train = false, test = false;
            for (const DuplicateMember& m : g.members) {
                row.members.push_back(m.index);
                row.distances.push_back(m.distance);
                row.parts.push_back(samplePartOf(*data, m.index));
                train = train || row.parts.back() == SamplePart::Train;
                test = test || row.parts.back() == SamplePart::Test;
            }
            row.leaks = train && test;
            out.groups.push_back(std::move(row));
        }
        out.seconds = clock.elapsed() / 1000.0;
        data_ = data;
        report_ = std::make_unique<DuplicateReport>(report);
        Q_EMIT scanned(out);
    });
}

void DuplicatesWorker::exportGroups(const QString& path, RequestTag tag)
{
    if (!data_ || !report_) {
        Q_EMIT exported(tag, QString(), tr("Find the duplicates first."));
        return;
    }
    try {
        writeDuplicateGroupsCsv(path.toStdString(), *data_, *report_);
        Q_EMIT exported(tag, tr("Wrote %1 groups to %2").arg(static_cast<qint64>(report_->groups.size())).arg(path),
                        QString());
    } catch (const std::exception& e) {
        Q_EMIT exported(tag, QString(), QString::fromStdString(e.what()));
    }
}

} // namespace latentlab::ui
