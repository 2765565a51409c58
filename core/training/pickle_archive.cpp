#include "training/pickle_archive.h"

#include <caffe2/serialize/inline_container.h>
#include <caffe2/serialize/read_adapter_interface.h>
#include <torch/csrc/jit/serialization/import_read.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace latentlab {
namespace {

class BoundedReadAdapter : public caffe2::serialize::ReadAdapterInterface {
public:
    explicit BoundedReadAdapter(const std::vector<std::uint8_t>& bytes) : bytes_(bytes) {}

    size_t size() const override { return bytes_.size(); }

    size_t read(uint64_t pos, void* buf, size_t n, const char* /*what*/) const override
    {
        if (pos >= bytes_.size())
            return 0;
        const size_t available = std::min<size_t>(n, bytes_.size() - static_cast<size_t>(pos));
        std::memcpy(buf, bytes_.data() + pos, available);
        return available;
    }

private:
    const std::vector<std::uint8_t>& bytes_;
};

} // namespace

c10::IValue readPickleArchive(const std::vector<std::uint8_t>& bytes)
{
    caffe2::serialize::PyTorchStreamReader reader(std::make_shared<BoundedReadAdapter>(bytes));
    // The same call torch::pickle_load makes: the pickle is "data.pkl", its tensors under "data/".
    return torch::jit::readArchiveAndTensors("data", /*pickle_prefix=*/"", /*tensor_prefix=*/"",
                                             /*type_resolver=*/c10::nullopt, /*obj_loader=*/c10::nullopt,
                                             /*device=*/c10::nullopt, reader);
}

} // namespace latentlab
