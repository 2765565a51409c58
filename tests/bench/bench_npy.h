#pragma once
// The benchmarks' input: a C-order float32 .npy matrix (latents from `latentlab-cli encode --out z.npy`).
#include "core/data/npy_loader.h"

#include <torch/torch.h>

#include <fstream>
#include <stdexcept>
#include <string>

namespace latentlab::bench {

inline torch::Tensor readFloatMatrix(const std::string& path)
{
    const NpyHeader h = readNpyHeader(path);
    if (h.descr != "<f4" || h.fortranOrder || h.shape.size() != 2)
        throw std::runtime_error(path + ": expected a C-order float32 matrix");
    torch::Tensor m = torch::empty({static_cast<std::int64_t>(h.shape[0]), static_cast<std::int64_t>(h.shape[1])});
    std::ifstream in(path, std::ios::binary);
    in.seekg(static_cast<std::streamoff>(h.dataOffset));
    in.read(reinterpret_cast<char*>(m.data_ptr<float>()), static_cast<std::streamsize>(m.numel() * 4));
    if (!in)
        throw std::runtime_error(path + ": truncated");
    return m;
}

} // namespace latentlab::bench
