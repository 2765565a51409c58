#include "core/models/torchscript_model.h"

#include "core/util/errors.h"
#include "core/util/file_io.h"
#include "core/util/torch_archive_check.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/script.h>

#include <cstdio>
#include <filesystem>

namespace latentlab {
namespace {

// What went wrong, on one line. c10::Error carries a C++ backtrace in what(), and errors raised inside the
// TorchScript interpreter open with a script traceback whose last line is the actual complaint.
std::string reason(const std::exception& e)
{
    const auto* c10Error = dynamic_cast<const c10::Error*>(&e);
    const std::string text = c10Error ? c10Error->what_without_backtrace() : e.what();
    std::string last;
    std::size_t begin = 0;
    while (begin <= text.size()) {
        std::size_t end = text.find('\n', begin);
        if (end == std::string::npos)
            end = text.size();
        std::string line = text.substr(begin, end - begin);
        line.erase(0, line.find_first_not_of(" \t\r"));
        line.erase(line.find_last_not_of(" \t\r") + 1);
        if (!line.empty())
            last = line;
        begin = end + 1;
    }
    constexpr std::size_t kMax = 200;
    if (last.size() > kMax)
        last = last.substr(0, kMax) + "...";
    return last.empty() ? "no reason given" : last;
}

std::string shapeText(c10::IntArrayRef shape)
{
    std::string s = "[";
    for (std::size_t i = 0; i < shape.size(); ++i)
        s += (i ? ", " : "") + std::to_string(shape[i]);
    return s + "]";
}

// Number of arguments of a scripted method, not counting self.
std::size_t argumentCount(const torch::jit::Method& method)
{
    return method.function().getSchema().arguments().size() - 1;
}

} // namespace

struct TorchScriptModelImpl::Scripted {
    torch::jit::Module module;
    ModelConfig config;
    std::string path;
    bool encodeTakesLabels = false;
    bool decodeTakesLabels = false;
    bool encodeGivesLogvar = false;

    std::string name() const { return displayName(path); }

    // Runs a scripted method, turning interpreter errors into a sentence that names the file and the method.
    c10::IValue call(const char* method, std::vector<c10::IValue> args) const
    {
        try {
            return module.get_method(method)(std::move(args));
        } catch (const std::exception& e) {
            throw ModelMismatchError(name() + ": " + method + "() failed (" + reason(e) + ")");
        }
    }
};

namespace {

void requireValid(const ModelConfig& c, const std::string& name)
{
    try {
        c.validate();
    } catch (const BadInputError& e) {
        throw BadInputError(name + ": " + e.what());
    }
}

torch::jit::Module loadModule(const std::string& path, const std::string& name)
{
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec || !std::filesystem::exists(status))
        throw BadInputError(name + ": no such file");
    if (std::filesystem::is_directory(status))
        throw BadInputError(name + ": is a folder, not a file");
    // LibTorch trusts the sizes in the zip directory and in the pickles: check them first.
    try {
        checkTorchArchiveFile(path);
    } catch (const BadInputError& e) {
        throw BadInputError(name + " is not a TorchScript module (" + e.what() + ")");
    }
    torch::jit::Module m;
    try {
        m = torch::jit::load(path, torch::kCPU);
    } catch (const std::exception& e) {
        throw BadInputError(name + " is not a TorchScript module (" + reason(e) + ")");
    }
    // Dropout and batch norm must behave as at test time; the wrapper's own train() never reaches the module.
    m.eval();
    for (const char* method : {"encode", "decode"})
        if (!m.find_method(method))
            throw BadInputError(name + " has no " + method + "() method; mark it with @torch.jit.export");
    return m;
}

std::vector<std::int64_t> discoverInputShape(const torch::jit::Module& m, const std::string& name,
                                             const std::vector<std::int64_t>& given)
{
    if (!m.hasattr("input_shape")) {
        if (given.empty())
            throw BadInputError(name + " does not say what one input looks like; add `input_shape: List[int]` "
                                       "to the module (for example [1, 28, 28]) or give the shape");
        return given;
    }
    const c10::IValue attr = m.attr("input_shape");
    if (!attr.isIntList())
        throw BadInputError(name + ": input_shape must be a List[int] such as [1, 28, 28], not " + attr.tagKind());
    const std::vector<std::int64_t> shape = attr.toIntVector();
    if (!given.empty() && given != shape)
        throw ModelMismatchError(name + " takes inputs of " + shapeText(shape) + ", not " + shapeText(given));
    return shape;
}

// What encode() returned on the probe batch: the codes, and whether a logvar came with them.
struct Probe {
    torch::Tensor mu;
    bool logvar = false;
};

Probe readEncodeOutput(const c10::IValue& out, const std::string& name)
{
    Probe p;
    if (out.isTensor()) {
        p.mu = out.toTensor();
        return p;
    }
    const bool pair = out.isTuple() && out.toTupleRef().elements().size() == 2
                      && out.toTupleRef().elements()[0].isTensor() && out.toTupleRef().elements()[1].isTensor();
    if (!pair)
        throw BadInputError(name + ": encode() must return a tensor z or a tuple (mu, logvar), not " + out.tagKind());
    p.mu = out.toTupleRef().elements()[0].toTensor();
    const torch::Tensor logvar = out.toTupleRef().elements()[1].toTensor();
    if (logvar.sizes() != p.mu.sizes())
        throw BadInputError(name + ": encode() gives mu of " + shapeText(p.mu.sizes()) + " but logvar of "
                            + shapeText(logvar.sizes()));
    p.logvar = true;
    return p;
}

} // namespace

std::unique_ptr<TorchScriptModelImpl::Scripted> TorchScriptModelImpl::open(const std::string& path,
                                                                             const std::vector<std::int64_t>& inputShape)
{
    auto s = std::make_unique<Scripted>();
    s->path = path;
    const std::string name = s->name();
    s->module = loadModule(path, name);
    s->encodeTakesLabels = argumentCount(s->module.get_method("encode")) == 2;
    s->decodeTakesLabels = argumentCount(s->module.get_method("decode")) == 2;

    ModelConfig& c = s->config;
    c.backbone = Backbone::Mlp;
    c.likelihood = Likelihood::Bernoulli;
    c.inputShape = discoverInputShape(s->module, name, inputShape);
    if (s->encodeTakesLabels || s->decodeTakesLabels) {
        const c10::IValue classes = s->module.attr("num_classes", c10::IValue());
        if (!classes.isInt())
            throw BadInputError(name + " takes class labels, so it needs an int attribute `num_classes`");
        c.numClasses = classes.toInt();
    }
    // Checked before probing, so an absurd shape is refused before a batch of it is allocated.
    requireValid(c, name);

    // One call on a batch of two zeros tells the latent size and whether there is a logvar.
    torch::NoGradGuard noGrad;
    std::vector<std::int64_t> batchShape{2};
    batchShape.insert(batchShape.end(), c.inputShape.begin(), c.inputShape.end());
    std::vector<c10::IValue> args{torch::zeros(batchShape)};
    if (s->encodeTakesLabels)
        args.emplace_back(torch::zeros({2}, torch::kInt64));
    const Probe probe = readEncodeOutput(s->call("encode", std::move(args)), name);
    if (probe.mu.dim() != 2 || probe.mu.size(0) != 2)
        throw BadInputError(name + ": encode() must return [batch, latent] codes; a batch of 2 gave "
                            + shapeText(probe.mu.sizes()));
    c.latentDim = probe.mu.size(1);
    s->encodeGivesLogvar = probe.logvar;
    if (s->decodeTakesLabels) {
        // LatentLab's conditional family always has a logvar; there is no conditional autoencoder to map to.
        if (!probe.logvar)
            throw BadInputError(name + ": decode() takes labels, so encode() must return (mu, logvar)");
        c.kind = ModelKind::ConditionalVae;
    } else {
        c.kind = probe.logvar ? ModelKind::Vae : ModelKind::Autoencoder;
    }
    requireValid(c, name);
    return s;
}

TorchScriptModelImpl::TorchScriptModelImpl(const std::string& path, const std::vector<std::int64_t>& inputShape)
    : TorchScriptModelImpl(open(path, inputShape))
{
}

TorchScriptModelImpl::TorchScriptModelImpl(std::unique_ptr<Scripted> scripted)
    : LatentModel(scripted->config), scripted_(std::move(scripted))
{
    // The scripted module is held, never registered: parameters() stays empty, so nothing can train it.
}

TorchScriptModelImpl::~TorchScriptModelImpl() = default;

std::string TorchScriptModelImpl::name() const
{
    return scripted_->name();
}

bool TorchScriptModelImpl::hasKl() const
{
    return scripted_->encodeGivesLogvar;
}

const std::string& TorchScriptModelImpl::path() const
{
    return scripted_->path;
}

torch::Tensor TorchScriptModelImpl::toInputShape(const torch::Tensor& t, const char* what) const
{
    const std::int64_t per = config_.inputNumel();
    if (t.dim() < 1 || t.numel() != t.size(0) * per)
        throw ModelMismatchError(name() + " takes inputs of " + shapeText(config_.inputShape) + ", but " + what
                                 + " has shape " + shapeText(t.sizes()));
    std::vector<std::int64_t> shape{t.size(0)};
    shape.insert(shape.end(), config_.inputShape.begin(), config_.inputShape.end());
    return t.reshape(shape);
}

Encoding TorchScriptModelImpl::encode(const torch::Tensor& x, const torch::Tensor& y)
{
    torch::NoGradGuard noGrad;
    std::vector<c10::IValue> args{toInputShape(x, "the input")};
    if (scripted_->encodeTakesLabels)
        args.emplace_back(checkLabels(y, x.size(0)));
    const c10::IValue out = scripted_->call("encode", std::move(args));
    Encoding e;
    if (out.isTuple()) {
        const auto& parts = out.toTupleRef().elements();
        e.mu = parts.at(0).toTensor();
        e.logvar = parts.at(1).toTensor();
    } else {
        e.mu = out.toTensor();
    }
    // What the module returns shape-wise was checked once at load; a module that changes its mind is caught here.
    if (e.mu.dim() != 2 || e.mu.size(0) != x.size(0) || e.mu.size(1) != config_.latentDim)
        throw ModelMismatchError(name() + ": encode() gave codes of " + shapeText(e.mu.sizes()) + ", expected ["
                                 + std::to_string(x.size(0)) + ", " + std::to_string(config_.latentDim) + "]");
    e.z = e.mu; // exploration looks at the posterior means, not at a draw
    e.layers = {LatentLayer{e.mu, e.logvar, e.z}};
    return e;
}

Decoding TorchScriptModelImpl::decode(const torch::Tensor& z, const torch::Tensor& y)
{
    torch::NoGradGuard noGrad;
    if (z.dim() != 2 || z.size(1) != config_.latentDim)
        throw ModelMismatchError(name() + " decodes codes of [batch, " + std::to_string(config_.latentDim) + "], not "
                                 + shapeText(z.sizes()));
    std::vector<c10::IValue> args{z.to(torch::kFloat32)};
    if (scripted_->decodeTakesLabels)
        args.emplace_back(checkLabels(y, z.size(0)));
    const c10::IValue out = scripted_->call("decode", std::move(args));
    if (!out.isTensor())
        throw ModelMismatchError(name() + ": decode() must return a tensor, not " + out.tagKind());
    Decoding d;
    // The module already applied its output nonlinearity, so there are no logits to report.
    d.reconstruction = toInputShape(out.toTensor(), "what decode() returned");
    return d;
}

LossTerms TorchScriptModelImpl::loss(const torch::Tensor& x, const torch::Tensor& y, std::int64_t)
{
    torch::NoGradGuard noGrad;
    const Encoding e = encode(x, y);
    const torch::Tensor recon = decode(e.mu, y).reconstruction;
    const auto batch = static_cast<double>(x.size(0));
    // Clamped because a module's sigmoid can round to exactly 0 or 1, where BCE's log is infinite.
    constexpr double kEps = 1e-6;
    LossTerms out;
    const torch::Tensor bce = torch::binary_cross_entropy(recon.clamp(kEps, 1.0 - kEps), toInputShape(x, "the input").to(recon.dtype()),
                                                          {}, at::Reduction::Sum)
                              / batch;
    out.terms = {{"recon", bce}};
    out.total = bce;
    if (e.logvar.defined()) {
        const torch::Tensor klDims = gaussianKlPerDim(e.mu, e.logvar);
        const torch::Tensor kl = klDims.sum() / batch;
        out.terms.emplace_back("kl", kl);
        out.klPerDim = klDims.mean(0);
        out.total = bce + kl;
    }
    return out;
}

torch::Tensor TorchScriptModelImpl::sample(std::int64_t n, const torch::Tensor& y, double temperature,
                                           c10::optional<at::Generator> generator)
{
    torch::NoGradGuard noGrad;
    const torch::Tensor z = torch::randn({n, config_.latentDim}, generator) * temperature;
    return decode(z, y).reconstruction;
}

std::shared_ptr<LatentModel> loadTorchScriptModel(const std::string& path, const std::vector<std::int64_t>& inputShape)
{
    return std::make_shared<TorchScriptModelImpl>(path, inputShape);
}

bool isTorchScriptFile(const std::string& path)
{
    // The magic bytes first: a zip's local header. It keeps the archive reader away from files that are not zips.
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (!f)
        return false;
    char magic[4] = {0, 0, 0, 0};
    const bool zip = std::fread(magic, 1, 4, f) == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    std::fclose(f);
    if (!zip)
        return false;
    // Both TorchScript and torch::pickle_save write zips with data.pkl; only TorchScript adds code/ and constants.pkl.
    try {
        caffe2::serialize::PyTorchStreamReader reader(path);
        for (const std::string& record : reader.getAllRecords()) {
            const auto endsWith = [&](const std::string& tail) {
                return record.size() >= tail.size() && record.compare(record.size() - tail.size(), tail.size(), tail) == 0;
            };
            // getAllRecords() strips the archive's top folder; the other spellings cover readers that do not.
            if (record == "constants.pkl" || endsWith("/constants.pkl") || record.rfind("code/", 0) == 0
                || record.find("/code/") != std::string::npos)
                return true;
        }
    } catch (...) {
        return false;
    }
    return false;
}

} // namespace latentlab
