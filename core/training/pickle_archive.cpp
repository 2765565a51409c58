#include "core/training/pickle_archive.h"

#include "core/util/torch_archive_check.h"

#include <caffe2/serialize/inline_container.h>
#include <caffe2/serialize/read_adapter_interface.h>
#include <torch/csrc/jit/serialization/import_read.h>

#include <memory>

namespace latentlab {
namespace {

class BoundedReadAdapter : public caffe2::serialize::ReadAdapterInterface {
public:
    explicit BoundedReadAdapter(const std::vector<std::uint8_t>& bytes) : size_(bytes.size()), read_(memoryReadAt(bytes)) {}

    size_t size() const override { return size_; }

    size_t read(uint64_t pos, void* buf, size_t n, const char* /*what*/) const override { return read_(pos, buf, n); }

private:
    size_t size_;
    ReadAt read_;
};

} // namespace

c10::IValue readPickleArchive(const std::vector<std::uint8_t>& bytes)
{
    checkTorchArchive(bytes.size(), memoryReadAt(bytes));
    caffe2::serialize::PyTorchStreamReader reader(std::make_shared<BoundedReadAdapter>(bytes));
    // The same call torch::pickle_load makes: the pickle is "data.pkl", its tensors under "data/".
    return torch::jit::readArchiveAndTensors("data", /*pickle_prefix=*/"", /*tensor_prefix=*/"",
                                             /*type_resolver=*/c10::nullopt, /*obj_loader=*/c10::nullopt,
                                             /*device=*/c10::nullopt, reader);
}

} // namespace latentlab
