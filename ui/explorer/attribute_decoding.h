#pragma once
// The decode thread's side of the attribute panel: the attribute vector between two sets of the explored
// latents (White 2016, "Sampling Generative Networks"), kept while the sets and the layout stay the same so a
// slider drag computes it once, and the decodes of a sample's latent moved along it. Used by DecodeWorker
// only (torch); every function throws core's errors, which the worker turns into failed().
#include "core/analysis/latent_directions.h"
#include "ui/explorer/attribute_reports.h"
#include "ui/explorer/space_ptr.h"

#include <optional>

namespace latentlab {
class LatentModel;
}

namespace latentlab::ui {

class AttributeDecoder {
public:
    // y: the conditional VAE's class to decode under (the sample's), else undefined.
    AttributeReport strip(LatentModel& model, const SpacePtr& space, const AttributeRequest& request,
                          const torch::Tensor& y);
    AttributeFrame frame(LatentModel& model, const SpacePtr& space, const AttributeRequest& request, double amount,
                         const torch::Tensor& y);
    // A new model: the cached vector belongs to the old latents.
    void reset() { cached_.reset(); }

private:
    const Separation& separationFor(const SpacePtr& space, const AttributeRequest& request);

    struct Cached {
        SpacePtr space;
        std::vector<int> from, to;
        Separation separation;
    };
    std::optional<Cached> cached_;
};

} // namespace latentlab::ui
