#include "tests/fuzz/seed_corpora.h"

#include "tests/support/fixtures.h"

#include "core/data/dataset.h"
#include "core/models/make_model.h"
#include "core/training/checkpoint.h"
#include "core/training/dataset_fingerprint.h"

#include <nlohmann/json.hpp>
#include <stb/stb_image_write.h>
#include <torch/script.h>
#include <torch/torch.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <tuple>

namespace fs = std::filesystem;
using namespace latentlab;
using namespace latentlab::testing;

namespace {

using Bytes = std::vector<std::uint8_t>;

Bytes readFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), {});
}

Bytes text(const std::string& s)
{
    return Bytes(s.begin(), s.end());
}

Bytes gzipped(const Bytes& raw, const std::string& scratch)
{
    writeGzip(scratch, raw);
    return readFile(scratch);
}

class Corpus {
public:
    explicit Corpus(fs::path root) : root_(std::move(root)) {}
    // Seeds with a variant byte first; plain seeds (checkpoint, model files written whole) without.
    void add(const std::string& target, int variant, const Bytes& bytes) { write(target, Bytes{static_cast<std::uint8_t>(variant)}, bytes); }
    void addPlain(const std::string& target, const Bytes& bytes) { write(target, {}, bytes); }

private:
    void write(const std::string& target, const Bytes& prefix, const Bytes& bytes)
    {
        const fs::path dir = root_ / target;
        fs::create_directories(dir);
        const fs::path file = dir / ("seed-" + std::to_string(count_[target]++));
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(prefix.data()), static_cast<std::streamsize>(prefix.size()));
        out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    }
    fs::path root_;
    std::map<std::string, int> count_;
};

void appendTo(void* context, void* data, int size)
{
    auto* out = static_cast<Bytes*>(context);
    out->insert(out->end(), static_cast<std::uint8_t*>(data), static_cast<std::uint8_t*>(data) + size);
}

Bytes encodedImage(const char* format, int w, int h, int channels)
{
    Bytes pixels(static_cast<std::size_t>(w * h * channels));
    for (std::size_t i = 0; i < pixels.size(); ++i)
        pixels[i] = static_cast<std::uint8_t>(i * 37);
    Bytes out;
    if (std::string(format) == "jpg")
        stbi_write_jpg_to_func(appendTo, &out, w, h, channels, pixels.data(), 90);
    else
        stbi_write_bmp_to_func(appendTo, &out, w, h, channels, pixels.data());
    return out;
}

ModelConfig tinyConfig(ModelKind kind)
{
    ModelConfig c = ModelConfig::defaultsFor({1, 4, 4}, kind);
    c.hidden = {8};
    c.latentDim = kind == ModelKind::VqVae ? 4 : 2;
    c.codeDim = 2;
    c.codebookSize = 4;
    c.bottomLatentDim = 2;
    c.numClasses = kind == ModelKind::ConditionalVae ? 3 : 0;
    return c;
}

void dataSeeds(Corpus& corpus, const std::string& scratch)
{
    const Bytes images = idxImagesBytes(3, 4, 4);
    const Bytes labels = idxLabelsBytes(4, 3);
    corpus.add("idx", 0, images);
    corpus.add("idx", 0, gzipped(images, scratch + "/i.gz"));
    corpus.add("idx", 1, labels);
    corpus.add("idx", 1, gzipped(labels, scratch + "/l.gz"));

    writePng(scratch + "/gray.png", 2, 2, 1, 0);
    writePng(scratch + "/rgb.png", 3, 2, 3, 1);
    corpus.add("image_folder", 0, readFile(scratch + "/gray.png"));
    corpus.add("image_folder", 0, readFile(scratch + "/rgb.png"));
    corpus.add("image_folder", 4, readFile(scratch + "/gray.png"));
    corpus.add("image_folder", 1, encodedImage("jpg", 4, 4, 3));
    corpus.add("image_folder", 5, encodedImage("jpg", 2, 2, 1));
    corpus.add("image_folder", 2, encodedImage("bmp", 3, 3, 3));
    corpus.add("image_folder", 6, encodedImage("bmp", 2, 2, 1));

    corpus.add("csv", 0, text("a,b,c\n1,2,3\n4.5,-6,7e3\n"));
    corpus.add("csv", 2, text("x,label,y\n0.1,cat,2\n0.3,dog,4\n0.5,cat,6\n"));
    corpus.add("csv", 1, text("a\tb\n1\t2\n3\t4\n"));
    corpus.add("csv", 3, text("label\tf\n1\t0.5\n2\t0.25\n"));

    for (const auto& [descr, shape, bytes] :
         std::vector<std::tuple<std::string, std::vector<std::uint64_t>, Bytes>>{
             {"|u1", {3, 2}, {0, 40, 80, 120, 160, 200}},
             {"|u1", {2, 2, 2}, {0, 1, 2, 3, 4, 5, 6, 7}},
             {"<f4", {2, 1, 2, 2}, rawBytes(std::vector<float>{0, 0.25f, 0.5f, 1, 1, 0.5f, 0.25f, 0})},
             {"<f8", {2, 3}, rawBytes(std::vector<double>{1, 2, 3, -4, 5, 6e10})}}) {
        writeNpy(scratch + "/a.npy", descr, shape, bytes);
        corpus.add("npy", 0, readFile(scratch + "/a.npy"));
    }
    writeNpy(scratch + "/l.npy", "<i8", {3}, rawBytes(std::vector<std::int64_t>{0, 2, 1}));
    corpus.add("npy", 1, readFile(scratch + "/l.npy"));
    writeNpy(scratch + "/l.npy", "|u1", {3}, {1, 1, 0});
    corpus.add("npy", 1, readFile(scratch + "/l.npy"));
}

void modelSeeds(Corpus& corpus, const std::string& scratch)
{
    torch::manual_seed(0);
    for (ModelKind kind : {ModelKind::Autoencoder, ModelKind::Vae, ModelKind::ConditionalVae, ModelKind::VqVae,
                           ModelKind::HierarchicalVae}) {
        const ModelConfig config = tinyConfig(kind);
        const auto model = makeModel(config);
        CheckpointMeta meta;
        meta.dataset.path = "/data/tiny";
        meta.dataset.format = "IDX";
        meta.dataset.samples = 3;
        meta.dataset.shape = config.inputShape;
        const std::string path = scratch + "/" + toString(kind) + ".ckpt";
        saveCheckpoint(path, *model, nullptr, meta);
        corpus.addPlain("checkpoint", readFile(path));
        if (kind == ModelKind::Vae)
            corpus.add("torchscript", 0, readFile(path));

        nlohmann::json j = config.toJson();
        corpus.addPlain("model_config", text(j.dump()));
        corpus.addPlain("model_config", text(nlohmann::json{{"model", j}, {"training", meta.training.toJson()}}.dump(1)));
        // A session as the GUI writes it (ui/shell/session_file.cpp): the same configs inside.
        corpus.addPlain("session", text(nlohmann::json{{"format", "latentlab-session"},
                                                       {"version", 1},
                                                       {"dataset", "data/train-images-idx3-ubyte.gz"},
                                                       {"model", toString(kind) + ".ckpt"},
                                                       {"view", "explorer"},
                                                       {"model_config", j},
                                                       {"training", meta.training.toJson()},
                                                       {"explorer", {{"layout", "tsne"}, {"x", 0}, {"y", 1}, {"perplexity", 30.0}}}}
                                            .dump(2)));
    }

    torch::jit::Module m("TinyVae");
    m.register_parameter("w_enc", torch::randn({16, 4}) * 0.1, false);
    m.register_parameter("w_dec", torch::randn({2, 16}), false);
    m.define(R"JIT(
def encode(self, x):
    h = x.flatten(1).matmul(self.w_enc)
    return h[:, :2], h[:, 2:]
def decode(self, z):
    return torch.sigmoid(z.matmul(self.w_dec)).view(-1, 1, 4, 4)
)JIT");
    m.save(scratch + "/shapeless.pt");
    corpus.add("torchscript", 1, readFile(scratch + "/shapeless.pt"));
    m.register_attribute("input_shape", c10::ListType::ofInts(), c10::List<std::int64_t>({1, 4, 4}));
    m.save(scratch + "/vae.pt");
    corpus.add("torchscript", 0, readFile(scratch + "/vae.pt"));
}

} // namespace

namespace latentlab::fuzz {

void writeSeedCorpora(const std::string& dir)
{
    const fs::path out(dir);
    fs::remove_all(out);
    fs::create_directories(out);
    TempDir scratch;
    Corpus corpus(out);
    dataSeeds(corpus, scratch.path());
    modelSeeds(corpus, scratch.path());
}

} // namespace latentlab::fuzz
