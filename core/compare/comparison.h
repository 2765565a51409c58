#pragma once
// What the comparison view and the report show of 2 to 4 models (issue 24), worked out once for both: the same
// validation inputs reconstructed by each, prior samples under one seed, one interpolation between the same
// two samples, each model's latent layout of the same samples aligned onto the first model's (Procrustes), and
// per-class reconstruction error and KL. Where a model cannot do something (a TorchScript module without a
// prior, a model without a KL) its panel holds no tensor and a sentence that says why.
#include "core/analysis/analysis_control.h"
#include "core/analysis/projection_method.h"
#include "core/data/dataset.h"
#include "core/models/latent_model.h"

#include <cstdint>
#include <string>
#include <vector>

namespace latentlab {

struct ComparisonOptions {
    std::int64_t reconstructions = 8; // validation inputs, spread over the classes
    std::int64_t samples = 16;        // prior samples of each model
    std::uint64_t seed = 0;           // the prior's noise, the same for every model
    std::int64_t interpolationSteps = 8;
    // Dataset indices of the interpolation's two ends; -1: the first two inputs of different classes.
    std::int64_t from = -1, to = -1;
    ProjectionMethod layout = ProjectionMethod::Pca;
    std::int64_t layoutSamples = 2000; // shared samples in the scatters, evenly through the inputs' part
};

struct ClassFigures {
    int label = 0;
    std::int64_t samples = 0;
    double mse = 0.0; // per value, mean over the class's samples
    double kl = 0.0;  // nats per sample; NaN without a KL
};

// One model's part of every panel.
struct ModelPanels {
    torch::Tensor reconstructions; // [R, ...shape] of Comparison::inputs, in their order
    std::string reconstructionsNote;
    torch::Tensor samples;         // [S, ...shape]
    std::string samplesNote;       // why there are none, or what the user should know about them
    torch::Tensor interpolation;   // [steps, ...shape]
    std::string interpolationNote;
    torch::Tensor layout;          // [L, 2] aligned onto the first model's; row r for layoutIndices[r]
    double alignmentResidual = 0.0; // Procrustes residual against the first model (0 for the first)
    std::string layoutNote;
    std::vector<ClassFigures> perClass; // over the layout's samples; one entry "label -1" for unlabelled data
    std::string perClassNote;
    bool hasKl = false;
};

struct Comparison {
    std::string part;                           // which part the inputs come from ("validation", "test", "all")
    std::vector<std::int64_t> inputs;           // the reconstructed inputs
    torch::Tensor inputImages;                  // [R, ...shape] in [0, 1]
    std::int64_t from = -1, to = -1;            // the interpolation's ends
    std::vector<std::int64_t> layoutIndices;    // the scatters' shared samples
    std::vector<int> layoutLabels;              // their labels (-1 without labels)
    ProjectionMethod layout = ProjectionMethod::Pca;
    std::uint64_t seed = 0;                     // the prior samples' noise
    std::vector<ModelPanels> models;            // in the order given
};

// models: 1 to 4 (the caller decides what a comparison of one means); data: what they are compared on, with
// its split as loaded. `heldOut` are the samples the inputs, layouts and class figures come from (the data's
// test part, or a model's validation part; empty: all of data). Throws BadInputError for more than 4 models or
// ends outside the data, AnalysisCancelled through control; a model that fails at one panel gets that panel's
// note (its message) and the others go on.
Comparison compareModels(const std::vector<LatentModel*>& models, const Dataset& data,
                         const std::vector<std::int64_t>& heldOut, const std::string& part,
                         const ComparisonOptions& options = {}, const AnalysisControl* control = nullptr);

// Where a comparison's inputs, layouts and class figures come from: the data's test part where it has one,
// else the validation part of the first model that has a training record (its training config), else all.
struct HeldOutPart {
    std::vector<std::int64_t> indices; // sorted; empty: all of the data
    std::string part;                  // "test", "validation" or "all"
};
struct TrainingConfig;
HeldOutPart heldOutPart(const Dataset& data, const TrainingConfig* firstTraining);

// The inputs to show: n indices from `pool`, one class after another in turn (the first sample of each class,
// then the second...), so a handful of inputs covers the classes; the first n without labels.
std::vector<std::int64_t> spreadOverClasses(const Dataset& data, const std::vector<std::int64_t>& pool, std::int64_t n);

} // namespace latentlab
