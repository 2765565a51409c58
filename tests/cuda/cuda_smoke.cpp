// The CUDA paths of core that the CLI cannot reach (every command but `train` loads its model on the CPU):
// analysis on a model that lives on the GPU, seeded sampling with the CPU generator, the optimizer's
// tensor-op path against its CPU fast path, the trainer on CUDA against the CPU, and checkpoints of a GPU
// model. Built and run by tests/cuda/device_check.sh on a machine with a GPU and a CUDA LibTorch; not part
// of the CMake build or of ctest (Debian's LibTorch is CPU-only).
//
// usage: cuda_smoke T10K-IMAGES-IDX3[.gz] WORKDIR [cpu]; prints one line per check, exits 1 when any failed.
// With "cpu" the GPU side runs on the CPU too: a dry run of this program's own logic on a CPU-only LibTorch.
#include "core/analysis/anomaly_scores.h"
#include "core/analysis/encode_all.h"
#include "core/analysis/evaluation.h"
#include "core/analysis/generation.h"
#include "core/analysis/latent_walks.h"
#include "core/data/load_dataset.h"
#include "core/models/fused/fused_step.h"
#include "core/models/make_model.h"
#include "core/training/adam_optimizer.h"
#include "core/training/checkpoint.h"
#include "core/training/device.h"
#include "core/training/trainer.h"
#include "core/util/build_info.h"

#include <torch/torch.h>

#include <chrono>
#include <cmath>
#include <functional>
#include <iostream>
#include <numeric>
#include <string>

using namespace latentlab;

namespace {

int failures = 0;
// The device under test: cuda, or cpu for a dry run of this program where LibTorch has no CUDA.
torch::Device gDevice = torch::kCUDA;
std::string gName = "cuda";

void check(const std::string& name, const std::function<std::string()>& body)
{
    const auto start = std::chrono::steady_clock::now();
    try {
        const std::string detail = body();
        const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
        std::cout << "OK    " << name << (detail.empty() ? "" : ": " + detail) << " (" << static_cast<int>(ms)
                  << " ms)" << std::endl;
    } catch (const c10::Error& e) {
        ++failures;
        std::cout << "FAIL  " << name << ": " << e.what_without_backtrace() << std::endl;
    } catch (const std::exception& e) {
        ++failures;
        std::cout << "FAIL  " << name << ": " << e.what() << std::endl;
    }
}

double maxDiff(const torch::Tensor& a, const torch::Tensor& b)
{
    if (a.sizes() != b.sizes())
        throw std::runtime_error("shapes differ");
    return (a.detach().cpu().to(torch::kDouble) - b.detach().cpu().to(torch::kDouble)).abs().max().item<double>();
}

// Fails the check when the two differ by more than tol; returns the difference as text.
std::string expectClose(const std::string& what, const torch::Tensor& a, const torch::Tensor& b, double tol)
{
    const double d = maxDiff(a, b);
    if (!(d <= tol))
        throw std::runtime_error(what + " differs by " + std::to_string(d) + " (tolerance " + std::to_string(tol) + ")");
    return what + " max diff " + std::to_string(d);
}

void expectOn(const torch::Tensor& t, torch::DeviceType type, const std::string& what)
{
    if (t.defined() && t.device().type() != type)
        throw std::runtime_error(what + " is on " + t.device().str());
}

std::vector<std::int64_t> range(std::int64_t from, std::int64_t to)
{
    std::vector<std::int64_t> out(static_cast<std::size_t>(to - from));
    std::iota(out.begin(), out.end(), from);
    return out;
}

struct Case {
    std::string name;
    ModelKind kind;
    Backbone backbone;
};

void adamChecks()
{
    check("adam: tensor-op path on cuda == fast path on cpu", [] {
        torch::manual_seed(3);
        const std::vector<torch::Tensor> init{torch::randn({257, 31}), torch::randn({1003})};
        NamedTensors cpu, gpu;
        for (std::size_t i = 0; i < init.size(); ++i) {
            cpu.emplace_back("p" + std::to_string(i), init[i].clone().requires_grad_());
            gpu.emplace_back("p" + std::to_string(i), init[i].clone().to(gDevice).requires_grad_());
        }
        const AdamSettings s{1e-2, 0.9, 0.999, 1e-8, 0.01};
        AdamOptimizer a(cpu, s), b(gpu, s);
        for (int step = 0; step < 6; ++step) {
            for (std::size_t i = 0; i < init.size(); ++i) {
                const torch::Tensor g = torch::randn(init[i].sizes());
                cpu[i].second.mutable_grad() = g.clone();
                gpu[i].second.mutable_grad() = g.to(gDevice);
            }
            const auto after = step % 2 ? AdamOptimizer::Gradients::Zero : AdamOptimizer::Gradients::Keep;
            a.step(after);
            b.step(after);
            if (after == AdamOptimizer::Gradients::Zero && gpu[0].second.grad().abs().sum().item<double>() != 0.0)
                throw std::runtime_error("Gradients::Zero left the cuda gradients non-zero");
        }
        std::string out;
        for (std::size_t i = 0; i < init.size(); ++i) {
            expectOn(gpu[i].second, gDevice.type(), "a parameter");
            out += expectClose(cpu[i].first, cpu[i].second, gpu[i].second, 1e-5) + "; ";
        }
        a.undoLastStep();
        b.undoLastStep();
        out += expectClose("after undo", cpu[0].second, gpu[0].second, 1e-5) + "; ";
        const NamedTensors state = b.state();
        for (const auto& [n, t] : state)
            expectOn(t, torch::kCPU, "optimizer state " + n);
        const NamedTensors cpuState = a.state();
        for (std::size_t i = 0; i < state.size(); ++i)
            out += expectClose(state[i].first, cpuState[i].second, state[i].second, 1e-5) + "; ";
        // A CPU state (as a checkpoint holds) loads into an optimizer whose moments live on the GPU.
        AdamOptimizer c(gpu, s);
        c.loadState(cpuState);
        if (c.steps() != a.steps())
            throw std::runtime_error("loadState: steps " + std::to_string(c.steps()));
        return out;
    });
}

void modelChecks(const Case& c, const Dataset& data, const std::string& workdir)
{
    const std::vector<std::int64_t> idx = range(0, 512);
    const std::string tag = c.name + ": ";
    ModelConfig config = ModelConfig::defaultsFor(data.sampleShape(), c.kind);
    config.backbone = c.backbone;
    config.hidden = {128, 128};
    if (c.kind == ModelKind::ConditionalVae)
        config.numClasses = data.numClasses();
    if (c.kind == ModelKind::VqVae && c.backbone == Backbone::Mlp)
        config.latentDim = 4 * config.codeDim;
    torch::manual_seed(11);
    std::shared_ptr<LatentModel> cpu = makeModel(config), gpu;
    const std::string path = workdir + "/" + c.name + ".pt";
    check(tag + "cpu model copied to cuda through a checkpoint", [&] {
        if (c.kind == ModelKind::VqVae)
            fitCodePrior(*cpu, data, idx);
        saveCheckpoint(path, *cpu, nullptr, {});
        gpu = loadCheckpoint(path).model;
        gpu->to(gDevice);
        for (const auto& p : gpu->parameters())
            expectOn(p, gDevice.type(), "a parameter");
        return std::string();
    });
    if (!gpu)
        return;
    const torch::Tensor y = c.kind == ModelKind::ConditionalVae ? data.labelBatch(range(0, 1)) : torch::Tensor();

    check(tag + "encodeAll cuda == cpu", [&] {
        return expectClose("latents", encodeAll(*cpu, data, idx), encodeAll(*gpu, data, idx), 1e-3);
    });
    check(tag + "evaluateModel on cuda", [&] {
        const ModelEvaluation a = evaluateModel(*cpu, data, idx), b = evaluateModel(*gpu, data, idx);
        const double rel = std::abs(a.terms.front().second - b.terms.front().second) / std::abs(a.terms.front().second);
        if (!(rel < 0.05))
            throw std::runtime_error("total " + std::to_string(a.terms.front().second) + " on cpu, "
                                     + std::to_string(b.terms.front().second) + " on cuda");
        return "total cpu " + std::to_string(a.terms.front().second) + " cuda " + std::to_string(b.terms.front().second)
               + ", mse diff " + std::to_string(std::abs(a.mse - b.mse));
    });
    check(tag + "anomalyScores(mse) cuda == cpu", [&] {
        const std::vector<double> a = anomalyScores(*cpu, data, idx, AnomalyScore::Mse);
        const std::vector<double> b = anomalyScores(*gpu, data, idx, AnomalyScore::Mse);
        return expectClose("scores", torch::tensor(a), torch::tensor(b), 1e-4);
    });
    check(tag + "reconstructionErrorMaps on cuda", [&] {
        return expectClose("maps", reconstructionErrorMaps(*cpu, data, range(0, 16)),
                           reconstructionErrorMaps(*gpu, data, range(0, 16)), 1e-3);
    });
    check(tag + "samplePrior (seeded) cuda == cpu", [&] {
        SampleOptions o;
        o.n = 16;
        o.seed = 5;
        if (c.kind == ModelKind::ConditionalVae)
            o.label = 3;
        const GeneratedImages a = samplePrior(*cpu, o), b = samplePrior(*gpu, o);
        expectOn(b.images, torch::kCPU, "the images");
        // A VQ-VAE's codes come from a categorical draw, whose boundaries the GPU's rounding may move.
        return expectClose("images", a.images, b.images, c.kind == ModelKind::VqVae ? 1.0 : 1e-3);
    });
    check(tag + "model.sample on cuda, default generator", [&] {
        torch::NoGradGuard noGrad;
        gpu->eval();
        const torch::Tensor s = gpu->sample(4, y, 1.0);
        expectOn(s, gDevice.type(), "the sample");
        return std::string();
    });
    if (c.kind == ModelKind::ConditionalVae)
        check(tag + "classGrid on cuda", [&] {
            return expectClose("images", classGrid(*cpu, 3, 1.0, 2).images, classGrid(*gpu, 3, 1.0, 2).images, 1e-3);
        });
    if (c.kind == ModelKind::HierarchicalVae)
        check(tag + "sampleTopsResampleBottom on cuda", [&] {
            return expectClose("images", sampleTopsResampleBottom(*cpu, 2, 3, 1.0, 2).images,
                               sampleTopsResampleBottom(*gpu, 2, 3, 1.0, 2).images, 1e-3);
        });
    check(tag + "traverse, interpolate, manifold on cuda", [&] {
        TraversalOptions t;
        t.dims = {0, 1};
        const torch::Tensor base = torch::zeros({gpu->latentDim()});
        std::string out = expectClose("traverse", traverse(*cpu, base, t, y).decoded.images,
                                      traverse(*gpu, base, t, y).decoded.images, 1e-3);
        out += "; " + expectClose("interpolate", interpolateSamples(*cpu, data, 0, 1, 5, Interpolation::Spherical).images,
                                  interpolateSamples(*gpu, data, 0, 1, 5, Interpolation::Spherical).images, 1e-3);
        if (c.kind != ModelKind::VqVae)
            out += "; " + expectClose("manifold", gaussianManifold(*cpu, 4, 0, 1, y).images,
                                      gaussianManifold(*gpu, 4, 0, 1, y).images, 1e-3);
        if (gpu->hasLogvar())
            out += "; " + std::to_string(dimensionsByKl(*gpu, data, idx).size()) + " dims by KL";
        return out;
    });
    if (c.kind == ModelKind::Vae && c.backbone == Backbone::Mlp && !gDevice.is_cpu())
        check(tag + "the fused step refuses a cuda model, takes the cpu one", [&] {
            if (fused::FusedStep::create(*gpu))
                throw std::runtime_error("fused::FusedStep::create accepted a model on cuda");
            if (!fused::FusedStep::create(*cpu))
                throw std::runtime_error("fused::FusedStep::create refused the cpu model");
            return std::string();
        });

    // Training on both devices from the same weights, on the same batches. The autoencoder draws no noise, so
    // the two runs must agree to rounding; the others draw theirs from different generators on each device.
    std::shared_ptr<LatentModel> before = loadCheckpoint(path).model;
    check(tag + "Trainer on cuda vs cpu", [&] {
        Dataset ds = data;
        Split split;
        split.train = range(0, 1024);
        split.validation = range(1024, 1280);
        ds.setSplit(split);
        TrainingConfig tc;
        tc.epochs = 1;
        tc.threads = 4;
        tc.weightDecay = 1e-4;
        tc.gradClip = 100.0;
        auto run = [&](std::shared_ptr<LatentModel> m, const std::string& device) {
            TrainingConfig t = tc;
            t.device = device;
            Trainer trainer(m, ds, t);
            trainer.setFusedSteps(false);
            const TrainingOutcome o = trainer.run();
            if (o.status != TrainingStatus::Completed)
                throw std::runtime_error(device + ": " + o.message);
        };
        std::shared_ptr<LatentModel> onCpu = loadCheckpoint(path).model;
        run(onCpu, "cpu");
        run(gpu, gName);
        for (const auto& p : gpu->parameters())
            expectOn(p, gDevice.type(), "a trained parameter");
        const double dc = maxDiff(onCpu->parameters()[0], before->parameters()[0]);
        const double dg = maxDiff(gpu->parameters()[0], onCpu->parameters()[0]);
        std::string out = "first weight moved " + std::to_string(dc) + " on cpu; cuda vs cpu " + std::to_string(dg);
        if (c.kind == ModelKind::Autoencoder && !(dg < 0.5 * dc + 1e-5))
            throw std::runtime_error(out);
        const std::string savedPath = path + ".trained-on-cuda.pt";
        saveCheckpoint(savedPath, *gpu, nullptr, {});
        const LoadedCheckpoint back = loadCheckpoint(savedPath);
        const auto a = back.model->parameters(), b = gpu->parameters();
        for (std::size_t i = 0; i < a.size(); ++i) {
            expectOn(a[i], torch::kCPU, "a loaded parameter");
            if (maxDiff(a[i], b[i]) != 0.0)
                throw std::runtime_error("a checkpoint of the cuda model does not hold its weights");
        }
        return out + "; checkpoint of the cuda model loads on the cpu";
    });
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3 && !(argc == 4 && std::string(argv[3]) == "cpu")) {
        std::cerr << "usage: cuda_smoke T10K-IMAGES-IDX3 WORKDIR [cpu]\n";
        return 2;
    }
    std::cout << "LibTorch " << libtorchVersion() << ", devices: " << libtorchDevices() << std::endl;
    if (argc == 4) {
        gDevice = torch::kCPU;
        gName = "cpu";
    } else if (!cudaAvailable()) {
        std::cout << "FAIL  no CUDA: this check needs a CUDA LibTorch and a GPU" << std::endl;
        return 1;
    }
    at::set_num_threads(4);
    check("resolveDevice(" + gName + ")", [] { return resolveDevice(gName).str(); });
    adamChecks();
    const Dataset data = loadDataset(argv[1]);
    const std::vector<Case> cases{
        {"ae-mlp", ModelKind::Autoencoder, Backbone::Mlp},     {"vae-mlp", ModelKind::Vae, Backbone::Mlp},
        {"vae-conv", ModelKind::Vae, Backbone::Conv},          {"cvae-mlp", ModelKind::ConditionalVae, Backbone::Mlp},
        {"vqvae-mlp", ModelKind::VqVae, Backbone::Mlp},        {"vqvae-conv", ModelKind::VqVae, Backbone::Conv},
        {"hvae-mlp", ModelKind::HierarchicalVae, Backbone::Mlp}, {"hvae-conv", ModelKind::HierarchicalVae, Backbone::Conv},
    };
    for (const Case& c : cases)
        modelChecks(c, data, argv[2]);
    std::cout << (failures ? std::to_string(failures) + " checks FAILED" : std::string("all checks passed")) << std::endl;
    return failures ? 1 : 0;
}
