// The only part of Dataset that needs LibTorch: turning stored samples into float batches on demand.
#include "core/data/dataset.h"

#include "core/util/errors.h"

#include <torch/torch.h>

namespace latentlab {

at::Tensor Dataset::batch(const std::vector<std::int64_t>& indices) const
{
    std::vector<std::int64_t> shape{static_cast<std::int64_t>(indices.size())};
    shape.insert(shape.end(), shape_.begin(), shape_.end());
    torch::Tensor out = torch::empty(shape, torch::kFloat32);
    float* dst = out.data_ptr<float>();
    for (std::size_t b = 0; b < indices.size(); ++b) {
        const std::int64_t i = indices[b];
        if (i < 0 || i >= n_)
            throw BadInputError("sample index " + std::to_string(i) + " is outside the dataset of "
                                + std::to_string(n_));
        sampleTo01(i, dst + static_cast<std::int64_t>(b) * numel_);
    }
    return out;
}

at::Tensor Dataset::labelBatch(const std::vector<std::int64_t>& indices) const
{
    if (labels_.empty())
        throw BadInputError("this dataset has no labels");
    torch::Tensor out = torch::empty({static_cast<std::int64_t>(indices.size())}, torch::kInt64);
    auto* dst = out.data_ptr<std::int64_t>();
    for (std::size_t b = 0; b < indices.size(); ++b) {
        const std::int64_t i = indices[b];
        if (i < 0 || i >= n_)
            throw BadInputError("sample index " + std::to_string(i) + " is outside the dataset of "
                                + std::to_string(n_));
        dst[b] = labels_[static_cast<std::size_t>(i)];
    }
    return out;
}

} // namespace latentlab
