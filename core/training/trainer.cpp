#include "core/training/trainer.h"

#include "core/analysis/evaluation.h"
#include "core/analysis/generation.h"
#include "core/data/dataset_info.h"
#include "core/models/fused/fused_step.h"
#include "core/training/device.h"
#include "core/training/model_fit.h"
#include "core/util/errors.h"
#include "core/util/torch_threads.h"

#include <chrono>
#include <cmath>
#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <random>

namespace latentlab {
namespace {

using Clock = std::chrono::steady_clock;

NamedTensors namedParameters(LatentModel& model)
{
    NamedTensors out;
    for (const auto& item : model.named_parameters())
        out.emplace_back(item.key(), item.value());
    return out;
}

// Every step frees and reallocates the same few hundred KB-sized activations. glibc serves blocks that large
// with fresh mmap()s and returns them on free, so each step paid page faults and the kernel's page zeroing
// (about 4% of a step in perf). Keeping freed memory in the heap instead costs no more than the peak.
void keepFreedMemoryForReuse()
{
#if defined(__GLIBC__)
    static std::once_flag once;
    std::call_once(once, [] {
        mallopt(M_MMAP_THRESHOLD, 32 << 20);
        mallopt(M_TRIM_THRESHOLD, 256 << 20);
    });
#endif
}

// splitmix64: decorrelates (seed, epoch) and (seed, step) pairs into generator seeds.
std::uint64_t mix(std::uint64_t a, std::uint64_t b)
{
    std::uint64_t z = a + 0x9e3779b97f4a7c15ULL * (b + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void accumulate(TermValues& sums, const TermValues& values, double weight)
{
    if (sums.empty())
        for (const auto& [name, v] : values)
            sums.emplace_back(name, 0.0);
    for (std::size_t i = 0; i < values.size() && i < sums.size(); ++i)
        sums[i].second += values[i].second * weight;
}

TermValues divided(TermValues sums, double by)
{
    for (auto& t : sums)
        t.second /= by;
    return sums;
}

} // namespace

std::string toString(TrainingStatus status)
{
    switch (status) {
    case TrainingStatus::Completed: return "completed";
    case TrainingStatus::Stopped: return "stopped";
    case TrainingStatus::Diverged: return "diverged";
    }
    return "?";
}

TermValues termValues(const LossTerms& loss)
{
    TermValues out;
    out.emplace_back("total", loss.total.item<double>());
    for (const auto& [name, t] : loss.terms)
        out.emplace_back(name, t.item<double>());
    return out;
}

Trainer::Trainer(std::shared_ptr<LatentModel> model, const Dataset& data, TrainingConfig config)
    : model_(std::move(model)), data_(data), config_(std::move(config)), device_(resolveDevice(config_.device)),
      optimizer_((config_.validate(), model_->to(device_), namedParameters(*model_)),
                 AdamSettings{config_.learningRate, 0.9, 0.999, 1e-8, config_.weightDecay})
{
    const ModelFit fit = checkModelFits(model_->config(), data_);
    if (fit.problem == ModelFitProblem::NoLabels)
        throw BadInputError(fit.why);
    if (!fit.fits())
        throw ModelMismatchError(fit.why);
    if (data_.empty())
        throw BadInputError(data_.source + " has no samples to train on");
}

void Trainer::restore(const TrainingProgress& progress, const NamedTensors& optimizerState)
{
    progress_ = progress;
    if (!optimizerState.empty())
        optimizer_.loadState(optimizerState);
}

void Trainer::setEpochs(std::int64_t epochs)
{
    config_.epochs = epochs;
    config_.validate();
}

std::vector<std::int64_t> Trainer::epochOrder(std::int64_t epoch) const
{
    std::vector<std::int64_t> order = data_.split().train;
    if (order.empty()) {
        order.resize(static_cast<std::size_t>(data_.size()));
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = static_cast<std::int64_t>(i);
    }
    // A hand-written Fisher-Yates: std::shuffle's algorithm differs between standard libraries.
    std::mt19937_64 rng(mix(config_.seed, static_cast<std::uint64_t>(epoch)));
    for (std::size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[static_cast<std::size_t>(rng() % i)]);
    return order;
}

torch::Tensor Trainer::labelsFor(const std::vector<std::int64_t>& indices) const
{
    if (model_->kind() != ModelKind::ConditionalVae)
        return {};
    return data_.labelBatch(indices).to(device_);
}

TrainingOutcome Trainer::run()
{
    // LibTorch's thread count and grad mode belong to the calling thread.
    useTorchThreads(config_.resolvedThreads());
    torch::AutoGradMode gradMode(true);
    keepFreedMemoryForReuse();
    model_->train();
    // A VQ-VAE's code prior describes the codes of the weights it was fitted with: training moves the weights,
    // so the old prior goes, and a run that completes fits a new one on the training split (below).
    const bool codes = !model_->codeGrid().empty();
    model_->resetCodePrior();
    const std::unique_ptr<fused::FusedStep> fused = fusedSteps_ ? fused::FusedStep::create(*model_) : nullptr;

    const std::int64_t batch = config_.batchSize;
    const auto trainCount = static_cast<std::int64_t>(epochOrder(0).size());
    const std::int64_t batchesPerEpoch = (trainCount + batch - 1) / batch;
    const std::int64_t stepsAtStart = progress_.step;
    const std::int64_t totalSteps = config_.epochs * batchesPerEpoch;
    const auto start = Clock::now();
    std::vector<torch::Tensor> buffers; // VQ codebooks and AE code statistics change in the forward pass
    for (const auto& b : model_->buffers())
        buffers.push_back(b);
    std::vector<torch::Tensor> bufferSnapshot;
    for (const auto& b : buffers)
        bufferSnapshot.push_back(b.clone());

    auto finish = [&](TrainingStatus status, std::string message) {
        TrainingOutcome out{status, std::move(message), progress_.epoch, progress_.step};
        if (observer_)
            observer_->onFinished(out);
        return out;
    };

    // The weights that produced a non-finite loss came from the last step: undo it, and the forward pass's
    // changes to the buffers, so what remains is the last model with a finite loss; progress goes back with it.
    auto diverge = [&](const std::string& what) {
        if (optimizer_.undoLastStep()) {
            --progress_.step;
            if (progress_.batchInEpoch > 0) {
                --progress_.batchInEpoch;
            } else if (progress_.epoch > 0) {
                --progress_.epoch;
                progress_.batchInEpoch = batchesPerEpoch - 1;
            }
        }
        {
            torch::NoGradGuard noGrad;
            for (std::size_t i = 0; i < buffers.size(); ++i)
                buffers[i].copy_(bufferSnapshot[i]);
        }
        progress_.history.truncateAfter(progress_.step);
        return finish(TrainingStatus::Diverged, "training diverged: " + what + "; the weights after step "
                                                    + std::to_string(progress_.step)
                                                    + ", the last with a finite loss, are kept; a lower learning "
                                                      "rate usually helps");
    };

    while (progress_.epoch < config_.epochs) {
        const std::int64_t epoch = progress_.epoch;
        const std::vector<std::int64_t> order = epochOrder(epoch);
        const auto epochStart = Clock::now();
        TermValues epochSums;
        torch::Tensor klSum;
        double epochSamples = 0.0;
        std::vector<std::int64_t> idx;
        for (std::int64_t b = progress_.batchInEpoch; b < batchesPerEpoch; ++b) {
            if (control_) {
                if (control_->isPaused() && observer_)
                    observer_->onPaused(progress_.step);
                if (!control_->waitWhilePaused())
                    return finish(TrainingStatus::Stopped, "stopped by request after step " + std::to_string(progress_.step)
                                                                + " (epoch " + std::to_string(epoch + 1) + ")");
                if (const auto lr = control_->takeLearningRate())
                    optimizer_.setLearningRate(*lr);
                if (const auto beta = control_->takeBeta())
                    model_->setBeta(*beta);
            }
            const auto first = order.begin() + b * batch;
            idx.assign(first, first + std::min<std::int64_t>(batch, trainCount - b * batch));
            const torch::Tensor x = data_.batch(idx).to(device_);
            const torch::Tensor y = labelsFor(idx);
            torch::manual_seed(mix(config_.seed ^ 0x5eedULL, static_cast<std::uint64_t>(progress_.step)));
            {
                torch::NoGradGuard noGrad;
                for (std::size_t i = 0; i < buffers.size(); ++i)
                    bufferSnapshot[i].copy_(buffers[i]);
            }
            const LossTerms loss = fused ? fused->lossAndGradients(x, y, progress_.step) : model_->loss(x, y, progress_.step);
            const TermValues terms = termValues(loss);
            if (!std::isfinite(terms.front().second))
                return diverge("the loss became " + std::to_string(terms.front().second) + " at step "
                               + std::to_string(progress_.step + 1) + " (epoch " + std::to_string(epoch + 1) + ")");
            if (!fused) {
                optimizer_.zeroGrad();
                loss.total.backward();
            }
            if (config_.gradClip > 0.0)
                optimizer_.clipGradNorm(config_.gradClip);
            // The fused step adds its gradients into buffers it keeps: the optimizer leaves them zero.
            optimizer_.step(fused ? AdamOptimizer::Gradients::Zero : AdamOptimizer::Gradients::Keep);
            ++progress_.step;
            progress_.batchInEpoch = b + 1;

            const auto n = static_cast<double>(idx.size());
            accumulate(epochSums, terms, n);
            epochSamples += n;
            if (loss.klPerDim.defined())
                klSum = klSum.defined() ? klSum + loss.klPerDim.detach() * n : loss.klPerDim.detach() * n;
            progress_.history.addStep(progress_.step, terms);
            if (observer_) {
                const double secs = std::chrono::duration<double>(Clock::now() - start).count();
                observer_->onBatch({epoch, config_.epochs, progress_.step, b + 1, batchesPerEpoch, terms,
                                    static_cast<double>(progress_.step - stepsAtStart) * static_cast<double>(batch)
                                        / std::max(secs, 1e-9),
                                    optimizer_.settings().learningRate});
            }
        }

        EpochRecord record;
        record.epoch = progress_.epoch + 1;
        record.step = progress_.step;
        record.seconds = std::chrono::duration<double>(Clock::now() - epochStart).count();
        if (epochSamples > 0)
            record.train = divided(epochSums, epochSamples);
        const auto& validation = data_.split().validation;
        if (!validation.empty() && !data_.split().train.empty()) {
            ModelEvaluation ev = evaluateModel(*model_, data_, validation, progress_.step);
            // The last step can poison the weights without its own loss showing it; validation is the next look.
            if (!std::isfinite(ev.terms.front().second))
                return diverge("the validation loss became " + std::to_string(ev.terms.front().second)
                               + " after step " + std::to_string(progress_.step) + " (epoch "
                               + std::to_string(epoch + 1) + ")");
            record.validation = std::move(ev.terms);
            record.klPerDim = std::move(ev.klPerDim);
        } else if (klSum.defined() && epochSamples > 0) {
            const torch::Tensor k = (klSum / epochSamples).to(torch::kCPU, torch::kDouble).contiguous();
            record.klPerDim.assign(k.data_ptr<double>(), k.data_ptr<double>() + k.numel());
        }
        ++progress_.epoch;
        progress_.batchInEpoch = 0;
        progress_.history.addEpoch(record);
        if (observer_) {
            const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
            const auto done = static_cast<double>(progress_.step - stepsAtStart);
            const auto left = static_cast<double>(std::max<std::int64_t>(0, totalSteps - progress_.step));
            observer_->onEpoch({progress_.epoch, config_.epochs, progress_.step, record.train, record.validation,
                                record.klPerDim, elapsed, done > 0 ? elapsed / done * left : 0.0,
                                done * static_cast<double>(batch) / std::max(elapsed, 1e-9)});
        }
    }
    std::string fitted;
    if (codes)
        fitted = "; fitted the code prior on " + std::to_string(fitCodePrior(*model_, data_, data_.split().train))
                 + " training samples";
    return finish(TrainingStatus::Completed, "trained " + std::to_string(progress_.epoch) + " epochs ("
                                                 + std::to_string(progress_.step) + " steps)" + fitted);
}

} // namespace latentlab
