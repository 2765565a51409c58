#pragma once
// The anomaly gallery's order without its widgets: every scored sample most anomalous first (core's
// moreAnomalous), narrowed to one class and to a region of the explorer's scatter, and cut into pages. The
// view shows what it says a page holds.
#include <QVector>
#include <QtGlobal>

#include <cstdint>
#include <vector>

namespace latentlab::ui {

class AnomalyRanking {
public:
    explicit AnomalyRanking(int pageSize = 24);

    // A new dataset: the samples' labels (empty without any), no scores, no filters, the first page.
    void reset(std::vector<std::int32_t> labels);
    // One score per sample, dataset order (higher = more anomalous): ranks them and turns to the first page.
    void setScores(std::vector<double> scores);
    bool hasScores() const { return !scores_.empty(); }

    // Each filter ranks again and turns to the first page.
    // Only samples of this class (-1: every class); on data without labels a class holds nothing.
    void setClassFilter(int cls);
    int classFilter() const { return classFilter_; }
    // Only these of sampleCount samples (a region of the scatter); indices outside them are ignored. Empty
    // indices, or no samples: no region.
    void setRegion(const std::vector<int>& indices, std::int64_t sampleCount);
    bool hasRegion() const { return !inRegion_.empty(); }

    // The samples the filters keep, most anomalous first.
    const std::vector<qint64>& ranked() const { return ranked_; }
    int pageSize() const { return pageSize_; }
    int pageCount() const; // at least 1, so "page 1 of 1" reads right with nothing ranked
    int page() const { return page_; }
    // Clamped to [0, pageCount()).
    void setPage(int page);
    // The samples of the current page in rank order, and their scores.
    QVector<qint64> pageIndices() const;
    QVector<double> pageScores() const;
    // The page the sample is ranked on; -1 when the filters leave it out or nothing is scored.
    int pageOf(qint64 index) const;

private:
    void rank();

    int pageSize_ = 24;
    int page_ = 0;
    int classFilter_ = -1;
    std::vector<double> scores_;
    std::vector<std::int32_t> labels_;
    std::vector<std::uint8_t> inRegion_; // one flag per sample; empty: no region
    std::vector<qint64> ranked_;
};

} // namespace latentlab::ui
