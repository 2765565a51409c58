#pragma once
// Whether a model can read a dataset: the one check the trainer makes before it starts and the window makes
// before it hands a model to the views that encode the open data (a run that finishes after the user opened
// other data must not reach them: their scans would fail deep inside LibTorch with its own message).
#include "core/data/dataset.h"
#include "core/models/model_config.h"

#include <string>

namespace latentlab {

enum class ModelFitProblem { None, Shape, NoLabels, ClassCount };

struct ModelFit {
    ModelFitProblem problem = ModelFitProblem::None;
    std::string why; // one clause naming both sides, empty when the model fits
    bool fits() const { return problem == ModelFitProblem::None; }
};

// The model's input shape against the data's samples; a conditional VAE also needs the data's labels, as many
// classes as it was conditioned on.
ModelFit checkModelFits(const ModelConfig& model, const Dataset& data);

} // namespace latentlab
