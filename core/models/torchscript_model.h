#pragma once
// A model trained in PyTorch and saved with torch.jit.save(torch.jit.script(model)), opened as a LatentModel
// so every view can explore it. The contract the module must keep is in the README ("Models from PyTorch").
//
// Exploration only: the scripted module's weights are deliberately not registered with this wrapper, so
// parameters() is empty and no optimizer can train it; every call runs without autograd.
#include "core/models/latent_model.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace latentlab {

class TorchScriptModelImpl : public LatentModel {
public:
    // Throws BadInputError (or ModelMismatchError) naming the file when it cannot be used; see
    // loadTorchScriptModel.
    TorchScriptModelImpl(const std::string& path, const std::vector<std::int64_t>& inputShape = {});
    ~TorchScriptModelImpl() override;

    Encoding encode(const torch::Tensor& x, const torch::Tensor& y = {}) override;
    Decoding decode(const torch::Tensor& z, const torch::Tensor& y = {}) override;
    // recon (Bernoulli: BCE on the module's [0,1] output) + kl against N(0, I) where encode gives a logvar.
    // Unweighted: beta and warm-up describe training, which does not happen here.
    LossTerms loss(const torch::Tensor& x, const torch::Tensor& y = {}, std::int64_t step = 0) override;
    // Decodes draws from N(0, I) scaled by temperature. For an autoencoder-style module that prior is an
    // assumption: nothing was fitted to its codes.
    torch::Tensor sample(std::int64_t n, const torch::Tensor& y = {}, double temperature = 1.0,
                         c10::optional<at::Generator> generator = c10::nullopt) override;
    // Where encode() returns (mu, logvar): its KL is taken against N(0, I), as loss() takes it.
    bool hasKl() const override;
    CodeGrid codeGrid() const override { return {}; }
    bool canResampleBottom() const override { return false; }

    const std::string& path() const;

private:
    struct Scripted;
    explicit TorchScriptModelImpl(std::unique_ptr<Scripted> scripted);
    static std::unique_ptr<Scripted> open(const std::string& path, const std::vector<std::int64_t>& inputShape);

    torch::Tensor toInputShape(const torch::Tensor& t, const char* what) const;
    std::string name() const;

    std::unique_ptr<Scripted> scripted_;
};

// Opens a TorchScript file as a model. inputShape is used when the module has no `input_shape` attribute;
// when it has one and inputShape is given too, the two must agree (ModelMismatchError otherwise).
std::shared_ptr<LatentModel> loadTorchScriptModel(const std::string& path, const std::vector<std::int64_t>& inputShape = {});

// True when path is a TorchScript archive (a zip holding code/ or constants.pkl), false for anything else,
// including LatentLab checkpoints (zips written by torch::pickle_save, with data.pkl but no code/). Never throws.
bool isTorchScriptFile(const std::string& path);

} // namespace latentlab
