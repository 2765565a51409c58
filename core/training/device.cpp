#include "core/training/device.h"

#include "core/util/errors.h"
#include "core/util/printable.h"

namespace latentlab {

bool cudaAvailable()
{
    return torch::cuda::is_available();
}

torch::Device resolveDevice(const std::string& name)
{
    if (name == "cpu")
        return torch::kCPU;
    if (name == "cuda") {
        if (!cudaAvailable())
            throw BadInputError("device cuda: this build of LibTorch has no CUDA support or no GPU is visible "
                                "(Debian's LibTorch is CPU-only); use --device cpu");
        return torch::kCUDA;
    }
    throw BadInputError("device: '" + printable(name) + "' is not one of cpu, cuda");
}

} // namespace latentlab
