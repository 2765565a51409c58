#include "core/training/model_fit.h"

#include "core/data/dataset_info.h"

namespace latentlab {

ModelFit checkModelFits(const ModelConfig& mc, const Dataset& data)
{
    if (mc.inputShape != data.sampleShape())
        return {ModelFitProblem::Shape, "the model expects samples of shape " + shapeText(mc.inputShape) + " but "
                                            + data.source + " has samples of shape " + shapeText(data.sampleShape())};
    if (mc.kind == ModelKind::ConditionalVae) {
        if (!data.hasLabels())
            return {ModelFitProblem::NoLabels,
                    "a conditional VAE needs labelled data, and " + data.source + " has no labels"};
        if (data.numClasses() != mc.numClasses)
            return {ModelFitProblem::ClassCount, "the model is conditioned on " + std::to_string(mc.numClasses)
                                                     + " classes but " + data.source + " has "
                                                     + std::to_string(data.numClasses())};
    }
    return {};
}

} // namespace latentlab
