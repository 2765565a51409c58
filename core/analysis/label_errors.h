#pragma once
// Samples whose label looks wrong, scored with a model of the data (as FiftyOne's "mistakenness" and cleanlab
// score them with a classifier), each with the label the model suggests instead:
// - Conditional (a conditional VAE): how much better another class explains the sample than its own label,
//   -ELBO(x | given) - min over c != given of -ELBO(x | c), each at the posterior mean (deterministic); the
//   argmin is the suggestion. Positive: some other class explains x better than its label.
// - Neighbours (any model): the share of the sample's k nearest samples in latent space (mu, Euclidean,
//   among the scored samples) that carry another label; the suggestion is the majority label among those k
//   (ties: the label of the nearest neighbour among the tied ones), which is the given label itself when
//   most neighbours agree with it.
// Synchronous, on the calling thread, in eval mode without autograd; cancellable (AnalysisCancelled) and
// reporting progress through an AnalysisControl.
#include "core/analysis/analysis_control.h"
#include "core/data/dataset.h"
#include "core/models/latent_model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

enum class LabelMethod { Conditional, Neighbours };

std::string toString(LabelMethod method); // "conditional", "neighbors"
// Accepts what toString gives and "neighbours"; BadInputError naming the choices otherwise.
LabelMethod labelMethodFromString(const std::string& name);

struct LabelOptions {
    LabelMethod method = LabelMethod::Neighbours;
    int k = 10; // neighbours: how many (defaultLabelNeighbours() suits the data); BadInputError outside 1..1000
                // or >= the number of samples scored
    std::int64_t batchSize = 500;
};

// One scored sample.
struct LabelSuspect {
    std::int64_t index = -1;     // in the dataset
    std::int32_t given = -1;     // its label
    std::int32_t suggested = -1; // the label the model prefers (see the methods above)
    double score = 0.0;          // higher = more suspect
};

// The method the model supports best: Conditional for a conditional VAE, Neighbours otherwise.
LabelMethod defaultLabelMethod(const LatentModel& model);

// A k for the neighbours score on these samples: kDefaultLabelNeighbours, where the Fashion-MNIST benchmark
// (tests/bench/bench_label_errors.cpp) found the score at its best, cut to a quarter of the smallest class among
// the scored samples (at least 1), so the samples of a small class are not outvoted by the classes around it.
// 10 for data without labels (which checkLabelScoring refuses anyway).
constexpr int kDefaultLabelNeighbours = 50;
int defaultLabelNeighbours(const Dataset& data, const std::vector<std::int64_t>& indices);

// BadInputError, in one sentence, for a dataset without labels, an empty list of indices or one outside the
// data; ModelMismatchError for Conditional on a model that is not a conditional VAE, or a dataset whose
// classes are not the model's.
void checkLabelScoring(const LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                       const LabelOptions& options);

// One suspect per index, in the order given (rank them with rankLabelSuspects). Throws as checkLabelScoring
// does, and AnalysisCancelled when control is cancelled (checked between batches).
std::vector<LabelSuspect> scoreLabels(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                                      const LabelOptions& options, const AnalysisControl* control = nullptr);

// Positions into suspects, most suspect first (equal scores by ascending dataset index).
std::vector<std::size_t> rankLabelSuspects(const std::vector<LabelSuspect>& suspects);

// counts[given][suggested] over the suspects: numClasses x numClasses.
std::vector<std::vector<std::int64_t>> labelConfusion(const std::vector<LabelSuspect>& suspects, int numClasses);

} // namespace latentlab
