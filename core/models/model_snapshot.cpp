#include "core/models/model_snapshot.h"

#include "core/models/make_model.h"
#include "core/models/torchscript_model.h"

namespace latentlab {

std::shared_ptr<LatentModel> snapshotModel(const std::shared_ptr<LatentModel>& model)
{
    if (!model)
        return nullptr;
    if (std::dynamic_pointer_cast<TorchScriptModelImpl>(model))
        return model;
    auto copy = makeModel(model->config());
    torch::NoGradGuard noGrad;
    const auto params = model->named_parameters(/*recurse=*/true);
    for (auto& p : copy->named_parameters(/*recurse=*/true)) {
        const torch::Tensor& source = params[p.key()];
        p.value().set_data(source.detach().clone());
        p.value().set_requires_grad(false);
    }
    const auto buffers = model->named_buffers(/*recurse=*/true);
    for (auto& b : copy->named_buffers(/*recurse=*/true))
        b.value().set_data(buffers[b.key()].detach().clone());
    copy->eval();
    return copy;
}

} // namespace latentlab
