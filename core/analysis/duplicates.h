#pragma once
// Duplicates and train/test leaks (as FiftyOne's "uniqueness" and "leaky splits" find them):
// - exact duplicates: samples whose stored values are the same bytes (hashed, then compared in full);
// - near-duplicates: samples within a latent distance (Euclidean, on mu) of each other, below a threshold
//   chosen on the histogram of every sample's distance to its nearest other sample;
// grouped transitively (a group is the connected set of such pairs), and leaks: validation (test) samples
// whose group holds a training sample. Synchronous, on the calling thread, without autograd; cancellable
// (AnalysisCancelled) and reporting progress through an AnalysisControl.
#include "core/analysis/analysis_control.h"
#include "core/data/dataset.h"
#include "core/models/latent_model.h"

#include <cstdint>
#include <vector>

namespace latentlab {

struct DuplicateMember {
    std::int64_t index = -1; // in the dataset
    double distance = 0.0;   // latent distance to the group's first member (0 for it, and for exact copies)
    bool exact = false;      // the same bytes as another member of the group
};

// Every scanned sample is in at most one group: a near group that holds exact copies lists them as members
// (DuplicateMember::exact), not as a group of their own.
struct DuplicateGroup {
    std::vector<DuplicateMember> members; // at least two; the lowest dataset index first, then by distance
    bool exact = false;                   // every member the same bytes as the first
};

enum class SplitPart { Train, Validation, Neither };

struct Leak {
    std::int64_t test = -1;              // a validation sample...
    std::vector<std::int64_t> partners;  // ...and the training samples in its group
    bool exact = false;                  // an exact copy among them
};

struct DuplicateOptions {
    // Latent distance (Euclidean, on mu) at or below which two samples are near-duplicates;
    // kDefaultThreshold picks defaultNearThreshold() of the scanned samples' nearest distances.
    static constexpr double kDefaultThreshold = -1.0;
    double threshold = kDefaultThreshold;
    bool nearDuplicates = true; // false: exact copies only (no model needed; model may be null)
    std::int64_t batchSize = 1000;
};

struct DuplicateReport {
    std::vector<DuplicateGroup> groups; // exact groups first, then near ones, each by its first index
    std::vector<Leak> leaks;            // by test index
    // Every scanned sample's latent distance to its nearest other scanned sample, in the order scanned (empty
    // when nearDuplicates is false): the histogram the threshold is chosen on.
    std::vector<double> nearestDistances;
    double threshold = 0.0;             // the one used (0 when nearDuplicates is false)
    std::int64_t exactGroups = 0, nearGroups = 0;
    std::int64_t samplesInGroups = 0;
    // Scanned samples that are the same bytes as another scanned one, whether their group is exact or near:
    // exactGroups alone would miss copies that a near group took in.
    std::int64_t samplesWithExactCopy = 0;
};

// The default threshold from the nearest-neighbour distances: a tenth of the median of the positive ones (0 when
// none is positive); duplicates.cpp says why.
double defaultNearThreshold(const std::vector<double>& nearestDistances);

// Which part of the dataset's split an index belongs to.
SplitPart splitPartOf(const Dataset& data, std::int64_t index);

// Groups among indices (every sample when empty). BadInputError for an index outside the data or listed twice,
// a negative or non-finite threshold other than kDefaultThreshold, or near-duplicates asked for without a
// model; what encodeDataset throws for a model that does not fit the data.
DuplicateReport findDuplicates(LatentModel* model, const Dataset& data, const std::vector<std::int64_t>& indices,
                               const DuplicateOptions& options, const AnalysisControl* control = nullptr);

} // namespace latentlab
