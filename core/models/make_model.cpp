#include "core/models/make_model.h"

#include "core/models/autoencoder.h"
#include "core/models/gaussian_vae.h"
#include "core/models/hierarchical_vae.h"
#include "core/models/vq_vae.h"

namespace latentlab {

std::shared_ptr<LatentModel> makeModel(const ModelConfig& config)
{
    config.validate();
    switch (config.kind) {
    case ModelKind::Autoencoder: return std::make_shared<AutoencoderImpl>(config);
    case ModelKind::Vae:
    case ModelKind::BetaVae:
    case ModelKind::ConditionalVae: return std::make_shared<GaussianVaeImpl>(config);
    case ModelKind::VqVae: return std::make_shared<VqVaeImpl>(config);
    case ModelKind::HierarchicalVae: return std::make_shared<HierarchicalVaeImpl>(config);
    }
    return nullptr;
}

} // namespace latentlab
