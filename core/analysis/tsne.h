#pragma once
// t-SNE (van der Maaten & Hinton 2008) with the Barnes-Hut approximation of the repulsive forces (van der
// Maaten 2014): exact k nearest neighbours (k = 3 * perplexity), sparse symmetric affinities, a quadtree for
// the repulsion, and the optimiser scikit-learn uses (early exaggeration, momentum 0.5 then 0.8, per-
// coordinate gains, learning rate N / exaggeration / 4), so layouts compare with sklearn.manifold.TSNE.
//
// It runs on the calling thread and streams intermediate layouts to a callback so a scatter can animate while
// it converges. Stopping it (AnalysisControl::cancel(), from any thread or from the callback) is not an
// error: it returns the layout it has, saying at which iteration it stopped.
#include "core/analysis/analysis_control.h"

#include <torch/torch.h>

#include <cstdint>
#include <functional>

namespace latentlab {

enum class TsneInit { Pca, Random };

struct TsneOptions {
    double perplexity = 30.0;
    int iterations = 1000;           // in total, the exaggeration phase included
    std::uint64_t seed = 0;          // for TsneInit::Random; the PCA start needs none
    TsneInit init = TsneInit::Pca;   // PCA scaled to a standard deviation of 1e-4, like sklearn's init='pca'
    double earlyExaggeration = 12.0;
    int exaggerationIterations = 250;
    double learningRate = 0.0;       // <= 0: max(N / earlyExaggeration / 4, 50) (sklearn's 'auto')
    double theta = 0.5;              // Barnes-Hut opening angle; 0 makes the repulsion exact (and O(N^2))
    int threads = 0;                 // > 0: threads for this call (the gradient's and LibTorch's, restored
                                     // after); 0: as many as the caller's LibTorch setting
    int streamEvery = 10;            // iterations between layouts sent to the callback; 0: none
};

// One streamed layout. The tensor is a copy the receiver may keep.
struct TsneSnapshot {
    int iteration = 0;          // iterations done so far
    int iterations = 0;         // asked for
    bool exaggerating = false;  // still in the early-exaggeration phase
    double klDivergence = 0.0;  // at the gradient this step was taken from (Z estimated by Barnes-Hut),
                                // without the exaggeration
    torch::Tensor layout;       // [N, 2] float32
};

using TsneCallback = std::function<void(const TsneSnapshot&)>;

struct TsneResult {
    torch::Tensor layout;            // [N, 2] float32, row i for input row i
    int iterations = 0;              // iterations done
    int requestedIterations = 0;
    bool stoppedEarly = false;       // stopped through the control before `requestedIterations`
    double klDivergence = 0.0;       // of the returned layout; NaN if stopped before the affinities existed
    double learningRate = 0.0;       // as used (after 'auto')
    std::int64_t neighbours = 0;     // per point, for the affinities
    double perplexity = 0.0;         // as used: lowered to what N allows for very small sets
};

// x: [N, d] float, N >= 2 (every row is used: nothing is subsampled). Throws BadInputError for options it
// cannot honour (perplexity <= 0, iterations < 0, too few points). A cancel during the neighbour search or
// the optimisation ends the run at once and returns the layout of that moment (the initial one if the
// optimisation had not started).
TsneResult runTsne(const torch::Tensor& x, const TsneOptions& options = {}, AnalysisControl* control = nullptr,
                   const TsneCallback& onLayout = {});

} // namespace latentlab
