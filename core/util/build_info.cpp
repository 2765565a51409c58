#include "core/util/build_info.h"

#include "core/training/device.h"

#include <torch/version.h>

namespace latentlab {

std::string libtorchVersion()
{
    return TORCH_VERSION;
}

std::string libtorchDevices()
{
    return cudaAvailable() ? "cpu, cuda" : "cpu";
}

} // namespace latentlab
