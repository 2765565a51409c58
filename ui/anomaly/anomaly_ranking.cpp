#include "ui/anomaly/anomaly_ranking.h"

#include "core/analysis/anomaly_evaluation.h"

#include <algorithm>

namespace latentlab::ui {

AnomalyRanking::AnomalyRanking(int pageSize) : pageSize_(std::max(1, pageSize)) {}

void AnomalyRanking::reset(std::vector<std::int32_t> labels)
{
    labels_ = std::move(labels);
    scores_.clear();
    inRegion_.clear();
    classFilter_ = -1;
    rank();
}

void AnomalyRanking::setScores(std::vector<double> scores)
{
    scores_ = std::move(scores);
    rank();
}

void AnomalyRanking::setClassFilter(int cls)
{
    classFilter_ = cls < 0 ? -1 : cls;
    rank();
}

void AnomalyRanking::setRegion(const std::vector<int>& indices, std::int64_t sampleCount)
{
    inRegion_.clear();
    if (!indices.empty() && sampleCount > 0) {
        inRegion_.assign(static_cast<std::size_t>(sampleCount), 0);
        for (const int i : indices)
            if (i >= 0 && i < sampleCount)
                inRegion_[static_cast<std::size_t>(i)] = 1;
    }
    rank();
}

void AnomalyRanking::rank()
{
    ranked_.clear();
    page_ = 0;
    std::vector<std::int64_t> kept;
    for (std::size_t i = 0; i < scores_.size(); ++i) {
        const bool inClass = classFilter_ < 0 || (i < labels_.size() && labels_[i] == classFilter_);
        const bool inRegion = inRegion_.empty() || (i < inRegion_.size() && inRegion_[i]);
        if (inClass && inRegion)
            kept.push_back(static_cast<std::int64_t>(i));
    }
    sortMostAnomalousFirst(kept, scores_);
    ranked_.assign(kept.begin(), kept.end());
}

int AnomalyRanking::pageCount() const
{
    const auto size = static_cast<std::size_t>(pageSize_);
    return std::max(1, static_cast<int>((ranked_.size() + size - 1) / size));
}

void AnomalyRanking::setPage(int page)
{
    page_ = std::clamp(page, 0, pageCount() - 1);
}

QVector<qint64> AnomalyRanking::pageIndices() const
{
    const std::size_t first = static_cast<std::size_t>(page_) * static_cast<std::size_t>(pageSize_);
    const std::size_t last = std::min(ranked_.size(), first + static_cast<std::size_t>(pageSize_));
    QVector<qint64> out;
    for (std::size_t k = first; k < last; ++k)
        out << ranked_[k];
    return out;
}

QVector<double> AnomalyRanking::pageScores() const
{
    QVector<double> out;
    for (const qint64 i : pageIndices())
        out << scores_[static_cast<std::size_t>(i)];
    return out;
}

int AnomalyRanking::pageOf(qint64 index) const
{
    const auto at = std::find(ranked_.begin(), ranked_.end(), index);
    if (at == ranked_.end())
        return -1;
    return static_cast<int>((at - ranked_.begin()) / pageSize_);
}

} // namespace latentlab::ui
