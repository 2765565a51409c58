#include "core/export/pytorch_export.h"

#include "core/export/model_export.h"
#include "core/export/pytorch_source_parts.h"
#include "core/training/checkpoint.h"

#include <nlohmann/json.hpp>

#include <sstream>

namespace latentlab {
namespace {

std::string pythonList(const std::vector<std::int64_t>& values)
{
    std::string out = "[";
    for (std::size_t i = 0; i < values.size(); ++i)
        out += (i ? ", " : "") + std::to_string(values[i]);
    return out + "]";
}

std::string pythonBool(bool b)
{
    return b ? "True" : "False";
}

// The constructor's parameters with the exported configuration as their defaults.
std::string signatureOf(const ModelConfig& c)
{
    std::string s = "input_shape: List[int] = " + pythonList(c.inputShape) + ", hidden: List[int] = " + pythonList(c.hidden)
                    + ", latent_dim: int = " + std::to_string(c.latentDim) + ", conv: bool = "
                    + pythonBool(c.backbone == Backbone::Conv)
                    + ", bernoulli: bool = " + pythonBool(c.likelihood == Likelihood::Bernoulli);
    switch (c.kind) {
    case ModelKind::ConditionalVae:
        s += ", num_classes: int = " + std::to_string(c.numClasses) + ", class_prior: bool = " + pythonBool(c.classPrior);
        break;
    case ModelKind::VqVae:
        s += ", codebook_size: int = " + std::to_string(c.codebookSize) + ", code_dim: int = " + std::to_string(c.codeDim);
        break;
    case ModelKind::HierarchicalVae:
        s += ", bottom_latent_dim: int = " + std::to_string(c.bottomLatentDim);
        break;
    default:
        break;
    }
    return s;
}

const char* familyPart(ModelKind kind)
{
    switch (kind) {
    case ModelKind::Autoencoder:
        return pytorch_parts::kAutoencoder;
    case ModelKind::Vae:
    case ModelKind::BetaVae:
        return pytorch_parts::kVae;
    case ModelKind::ConditionalVae:
        return pytorch_parts::kConditionalVae;
    case ModelKind::VqVae:
        return pytorch_parts::kVqVae;
    case ModelKind::HierarchicalVae:
        return pytorch_parts::kHierarchicalVae;
    }
    return pytorch_parts::kVae;
}

} // namespace

std::string pytorchSource(const LatentModel& model, const std::string& producerVersion)
{
    checkExportable(model);
    const ModelConfig& c = model.config();
    std::string family = familyPart(c.kind);
    const std::string token = "@SIGNATURE@";
    family.replace(family.find(token), token.size(), signatureOf(c));
    const bool conditional = c.kind == ModelKind::ConditionalVae;
    std::ostringstream out;
    out << "\"\"\"A " << toString(c.kind) << " (" << toString(c.backbone) << ") exported by LatentLab " << producerVersion
        << ". Needs only PyTorch.\n\n"
        << "    model = Model()  # exactly the exported network: the defaults are its configuration\n"
        << "    model.load_state_dict(torch.load(\"weights.pt\"))  # strict: every name matches\n"
        << "    model.eval()\n\n"
        << "Inputs are in the model's units, as LatentLab feeds them: 8-bit pixels divided by 255, a table's\n"
        << "features scaled to [0, 1] by the training data's min and max. decode() gives the reconstruction's\n"
        << (c.likelihood == Likelihood::Bernoulli ? "Bernoulli means (after the sigmoid)" : "Gaussian means") << ".\n"
        << (conditional ? "Labels y are int64 class indices [B].\n" : "")
        << "torch.jit.script(Model()) is accepted, and the scripted file opens in LatentLab.\n"
        << "\nExported configuration: " << c.toJson().dump() << "\n\"\"\"\n"
        << pytorch_parts::kHeader << pytorch_parts::kBackbones << family;
    return out.str();
}

std::vector<char> pytorchWeights(const LatentModel& model)
{
    checkExportable(model);
    // A dict of tensors, as torch.save(model.state_dict()) writes it: torch.load gives {name: tensor}, which
    // load_state_dict takes.
    c10::Dict<std::string, at::Tensor> state;
    for (const auto& [name, t] : modelTensors(model))
        state.insert(name, t.detach().to(torch::kCPU).contiguous());
    return torch::pickle_save(c10::IValue(state));
}

} // namespace latentlab
