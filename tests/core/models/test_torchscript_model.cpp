// TorchScript files opened as LatentModels. The files are scripted and saved from C++ on the spot, with the
// same math the tests then recompute by hand, so nothing here needs Python.
#include "core/models/torchscript_model.h"

#include "tests/support/expect_error.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>

#include <torch/script.h>

#include <cmath>
#include <fstream>
#include <iterator>

using namespace latentlab;
using latentlab::testing::badInputMessage;
using latentlab::testing::TempDir;

namespace {

// Encoder and decoder weights of the scripted toy models, kept to recompute their output here.
struct Weights {
    torch::Tensor enc, dec, cls;
};

torch::jit::Module scripted(const char* name, const Weights& w, const std::string& source)
{
    torch::jit::Module m(name);
    m.register_parameter("w_enc", w.enc, false);
    m.register_parameter("w_dec", w.dec, false);
    if (w.cls.defined())
        m.register_parameter("w_cls", w.cls, false);
    m.define(source);
    return m;
}

void setInputShape(torch::jit::Module& m, const std::vector<std::int64_t>& shape)
{
    m.register_attribute("input_shape", c10::ListType::ofInts(), c10::List<std::int64_t>(shape));
}

// encode(x) -> (mu, logvar) with a 2-d latent on 1x28x28 images.
Weights vaeWeights()
{
    torch::manual_seed(3);
    return {torch::randn({784, 4}) * 0.05, torch::randn({2, 784}), {}};
}

constexpr const char* kVaeSource = R"JIT(
def encode(self, x):
    h = x.flatten(1).matmul(self.w_enc)
    return h[:, :2], h[:, 2:]
def decode(self, z):
    return torch.sigmoid(z.matmul(self.w_dec)).view(-1, 1, 28, 28)
)JIT";

std::string saveVae(const TempDir& dir, const Weights& w, const std::string& file = "vae.pt")
{
    torch::jit::Module m = scripted("VaeExport", w, kVaeSource);
    setInputShape(m, {1, 28, 28});
    m.save(dir.file(file));
    return dir.file(file);
}

std::vector<char> fileBytes(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void writeChars(const std::string& path, const std::vector<char>& bytes)
{
    std::ofstream(path, std::ios::binary).write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::vector<std::int64_t> shape(const torch::Tensor& t)
{
    return t.sizes().vec();
}

} // namespace

TEST(TorchScriptModel, VaeStyleModuleEncodesDecodesSamplesAndScores)
{
    TempDir dir;
    const Weights w = vaeWeights();
    const auto model = loadTorchScriptModel(saveVae(dir, w));

    EXPECT_EQ(model->kind(), ModelKind::Vae);
    EXPECT_EQ(model->latentDim(), 2);
    EXPECT_TRUE(model->hasLogvar());
    EXPECT_EQ(model->config().inputShape, (std::vector<std::int64_t>{1, 28, 28}));
    EXPECT_NO_THROW(model->config().validate());
    EXPECT_TRUE(model->parameters().empty()) << "the wrapper must offer nothing to an optimizer";

    torch::manual_seed(4);
    const torch::Tensor x = torch::rand({3, 1, 28, 28});
    const Encoding e = model->encode(x);
    const torch::Tensor h = x.flatten(1).matmul(w.enc);
    EXPECT_EQ(shape(e.mu), (std::vector<std::int64_t>{3, 2}));
    EXPECT_TRUE(torch::allclose(e.mu, h.slice(1, 0, 2)));
    EXPECT_TRUE(torch::allclose(e.logvar, h.slice(1, 2, 4)));
    EXPECT_TRUE(torch::equal(e.z, e.mu));
    ASSERT_EQ(e.layers.size(), 1u);
    EXPECT_TRUE(torch::equal(e.layers[0].logvar, e.logvar));
    EXPECT_FALSE(e.mu.requires_grad());
    // A flat batch is reshaped to the module's input shape.
    EXPECT_TRUE(torch::allclose(model->encode(x.reshape({3, 784})).mu, e.mu));

    const torch::Tensor z = torch::randn({5, 2});
    const Decoding d = model->decode(z);
    EXPECT_EQ(shape(d.reconstruction), (std::vector<std::int64_t>{5, 1, 28, 28}));
    EXPECT_TRUE(torch::allclose(d.reconstruction, torch::sigmoid(z.matmul(w.dec)).view({-1, 1, 28, 28})));
    EXPECT_FALSE(d.logits.defined());

    const torch::Tensor s1 = model->sample(4, {}, 0.5, at::detail::createCPUGenerator(7));
    const torch::Tensor s2 = model->sample(4, {}, 0.5, at::detail::createCPUGenerator(7));
    EXPECT_EQ(shape(s1), (std::vector<std::int64_t>{4, 1, 28, 28}));
    EXPECT_TRUE(torch::equal(s1, s2));

    const LossTerms l = model->loss(x);
    ASSERT_TRUE(l.term("recon").defined());
    ASSERT_TRUE(l.term("kl").defined());
    EXPECT_TRUE(std::isfinite(l.total.item<double>()));
    EXPECT_NEAR(l.total.item<double>(), l.term("recon").item<double>() + l.term("kl").item<double>(), 1e-3);
    const double kl = gaussianKlPerDim(e.mu, e.logvar).sum().item<double>() / 3.0;
    EXPECT_NEAR(l.term("kl").item<double>(), kl, 1e-4);
    EXPECT_EQ(shape(l.klPerDim), (std::vector<std::int64_t>{2}));

    // What callers ask of any model: a KL against N(0, I), the decoded mean, no codes, no bottom layer.
    EXPECT_TRUE(model->hasKl());
    EXPECT_TRUE(torch::allclose(model->klPerSample(e), gaussianKlPerDim(e.mu, e.logvar).sum(1)));
    EXPECT_TRUE(torch::allclose(model->decodeMean(e).reconstruction, model->decode(e.mu).reconstruction));
    EXPECT_TRUE(model->codeGrid().empty());
    EXPECT_FALSE(model->hasCodePrior());
    EXPECT_FALSE(model->canResampleBottom());
    EXPECT_THROW(model->sampleBottom(torch::zeros({1, 2})), ModelMismatchError);
}

TEST(TorchScriptModel, AutoencoderStyleModuleOnTablesTakesTheShapeFromTheCaller)
{
    TempDir dir;
    torch::manual_seed(5);
    const Weights w{torch::randn({6, 3}), torch::randn({3, 6}), {}};
    torch::jit::Module m = scripted("AeExport", w, R"JIT(
def encode(self, x):
    return x.matmul(self.w_enc)
def decode(self, z):
    return torch.sigmoid(z.matmul(self.w_dec))
)JIT");
    m.save(dir.file("ae.pt"));

    const auto model = loadTorchScriptModel(dir.file("ae.pt"), {6});
    EXPECT_EQ(model->kind(), ModelKind::Autoencoder);
    EXPECT_EQ(model->latentDim(), 3);
    EXPECT_FALSE(model->hasLogvar());

    const torch::Tensor x = torch::rand({4, 6});
    const Encoding e = model->encode(x);
    EXPECT_FALSE(e.logvar.defined());
    EXPECT_TRUE(torch::allclose(e.mu, x.matmul(w.enc)));
    EXPECT_TRUE(torch::allclose(model->decode(e.z).reconstruction, torch::sigmoid(e.mu.matmul(w.dec))));
    EXPECT_EQ(shape(model->sample(2)), (std::vector<std::int64_t>{2, 6}));

    EXPECT_FALSE(model->hasKl());
    EXPECT_THROW(model->klPerSample(e), ModelMismatchError);
    EXPECT_TRUE(model->codeGrid().empty());
    EXPECT_FALSE(model->canResampleBottom());

    const LossTerms l = model->loss(x);
    EXPECT_FALSE(l.term("kl").defined());
    EXPECT_TRUE(std::isfinite(l.total.item<double>()));
    EXPECT_TRUE(torch::equal(l.total, l.term("recon")));

    // Data of another shape is refused by name rather than failing inside the script.
    const std::string msg = badInputMessage([&] { model->encode(torch::rand({4, 5})); });
    EXPECT_NE(msg.find("ae.pt takes inputs of [6]"), std::string::npos) << msg;
}

TEST(TorchScriptModel, ConditionalDecoderNeedsLabelsAndNumClasses)
{
    TempDir dir;
    torch::manual_seed(6);
    const Weights w{torch::randn({784, 4}) * 0.05, torch::randn({2, 784}), torch::randn({3, 784})};
    const std::string source = R"JIT(
def encode(self, x):
    h = x.flatten(1).matmul(self.w_enc)
    return h[:, :2], h[:, 2:]
def decode(self, z, y):
    return torch.sigmoid(z.matmul(self.w_dec) + self.w_cls.index_select(0, y)).view(-1, 1, 28, 28)
)JIT";
    torch::jit::Module m = scripted("CvaeExport", w, source);
    setInputShape(m, {1, 28, 28});
    m.save(dir.file("no-classes.pt"));
    m.register_attribute("num_classes", c10::IntType::get(), std::int64_t{3});
    m.save(dir.file("cvae.pt"));

    std::string msg = badInputMessage([&] { loadTorchScriptModel(dir.file("no-classes.pt")); });
    EXPECT_NE(msg.find("no-classes.pt"), std::string::npos) << msg;
    EXPECT_NE(msg.find("num_classes"), std::string::npos) << msg;

    const auto model = loadTorchScriptModel(dir.file("cvae.pt"));
    EXPECT_EQ(model->kind(), ModelKind::ConditionalVae);
    EXPECT_EQ(model->config().numClasses, 3);
    EXPECT_EQ(model->latentDim(), 2);

    const torch::Tensor z = torch::randn({4, 2});
    const torch::Tensor y = torch::tensor({0, 2, 1, 2}, torch::kInt64);
    const torch::Tensor expected = torch::sigmoid(z.matmul(w.dec) + w.cls.index_select(0, y)).view({-1, 1, 28, 28});
    EXPECT_TRUE(torch::allclose(model->decode(z, y).reconstruction, expected));
    EXPECT_EQ(shape(model->sample(4, y)), (std::vector<std::int64_t>{4, 1, 28, 28}));
    EXPECT_TRUE(std::isfinite(model->loss(torch::rand({4, 1, 28, 28}), y).total.item<double>()));

    msg = badInputMessage([&] { model->decode(z); });
    EXPECT_NE(msg.find("needs class labels"), std::string::npos) << msg;
    msg = badInputMessage([&] { model->decode(z, torch::tensor({0, 1, 3, 0}, torch::kInt64)); });
    EXPECT_NE(msg.find("label 3"), std::string::npos) << msg;
}

TEST(TorchScriptModel, RefusesFilesItCannotUseWithOneClearSentence)
{
    TempDir dir;
    const std::string good = saveVae(dir, vaeWeights());

    std::vector<std::uint8_t> noise(4096);
    for (std::size_t i = 0; i < noise.size(); ++i)
        noise[i] = static_cast<std::uint8_t>((i * 2654435761u) >> 13);
    latentlab::testing::writeBytes(dir.file("noise.pt"), noise);
    std::string msg = badInputMessage([&] { loadTorchScriptModel(dir.file("noise.pt")); });
    EXPECT_EQ(msg.rfind("noise.pt is not a TorchScript module (", 0), 0u) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;

    std::vector<char> bytes = fileBytes(good);
    bytes.resize(bytes.size() / 2);
    writeChars(dir.file("truncated.pt"), bytes);
    msg = badInputMessage([&] { loadTorchScriptModel(dir.file("truncated.pt")); });
    EXPECT_EQ(msg.rfind("truncated.pt is not a TorchScript module (", 0), 0u) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;

    msg = badInputMessage([&] { loadTorchScriptModel(dir.file("absent.pt")); });
    EXPECT_EQ(msg, "absent.pt: no such file");

    torch::jit::Module encodeOnly = scripted("EncodeOnly", vaeWeights(), R"JIT(
def encode(self, x):
    return x.flatten(1).matmul(self.w_enc)
)JIT");
    setInputShape(encodeOnly, {1, 28, 28});
    encodeOnly.save(dir.file("encode-only.pt"));
    msg = badInputMessage([&] { loadTorchScriptModel(dir.file("encode-only.pt")); });
    EXPECT_NE(msg.find("encode-only.pt has no decode() method"), std::string::npos) << msg;

    scripted("Shapeless", vaeWeights(), kVaeSource).save(dir.file("shapeless.pt"));
    msg = badInputMessage([&] { loadTorchScriptModel(dir.file("shapeless.pt")); });
    EXPECT_NE(msg.find("shapeless.pt"), std::string::npos) << msg;
    EXPECT_NE(msg.find("add `input_shape: List[int]`"), std::string::npos) << msg;
    EXPECT_EQ(loadTorchScriptModel(dir.file("shapeless.pt"), {1, 28, 28})->latentDim(), 2);

    // The module's own shape wins, but a caller that expects another one is told so.
    msg = badInputMessage([&] { loadTorchScriptModel(good, {3, 32, 32}); });
    EXPECT_NE(msg.find("vae.pt takes inputs of [1, 28, 28], not [3, 32, 32]"), std::string::npos) << msg;

    const std::vector<char> pickled = torch::pickle_save(c10::IValue(torch::ones({2, 2})));
    writeChars(dir.file("checkpoint.pt"), pickled);
    msg = badInputMessage([&] { loadTorchScriptModel(dir.file("checkpoint.pt")); });
    EXPECT_EQ(msg.rfind("checkpoint.pt is not a TorchScript module (", 0), 0u) << msg;
}

TEST(TorchScriptModel, ErrorsRaisedInsideTheScriptNameTheFileAndMethod)
{
    TempDir dir;
    torch::manual_seed(8);
    // decode's weights do not fit the 2-d latent: loading (which only runs encode) succeeds, decoding cannot.
    torch::jit::Module m = scripted("BadDecode", {torch::randn({784, 4}), torch::randn({5, 784}), {}}, kVaeSource);
    setInputShape(m, {1, 28, 28});
    m.save(dir.file("bad-decode.pt"));
    const auto model = loadTorchScriptModel(dir.file("bad-decode.pt"));
    const std::string msg = badInputMessage([&] { model->decode(torch::zeros({1, 2})); });
    EXPECT_EQ(msg.rfind("bad-decode.pt: decode() failed (", 0), 0u) << msg;
    EXPECT_EQ(msg.find('\n'), std::string::npos) << msg;
}

TEST(TorchScriptModel, TellsTorchScriptArchivesFromCheckpointsAndNoise)
{
    TempDir dir;
    EXPECT_TRUE(isTorchScriptFile(saveVae(dir, vaeWeights())));

    // LatentLab checkpoints are zips too (torch::pickle_save): data.pkl, but no code/.
    writeChars(dir.file("checkpoint.pt"), torch::pickle_save(c10::IValue(torch::ones({2, 2}))));
    ASSERT_EQ(fileBytes(dir.file("checkpoint.pt")).at(0), 'P');
    EXPECT_FALSE(isTorchScriptFile(dir.file("checkpoint.pt")));

    latentlab::testing::writeBytes(dir.file("noise.pt"), {'P', 'K', 3, 4, 1, 2, 3, 4, 5, 6, 7, 8});
    EXPECT_FALSE(isTorchScriptFile(dir.file("noise.pt")));
    EXPECT_FALSE(isTorchScriptFile(dir.file("absent.pt")));
    EXPECT_FALSE(isTorchScriptFile(dir.path()));
}
