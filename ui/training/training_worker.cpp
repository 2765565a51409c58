#include "ui/training/training_worker.h"

#include "core/analysis/anomaly_scores.h"
#include "core/analysis/inference_scope.h"
#include "core/data/dataset_info.h"
#include "core/models/make_model.h"
#include "core/models/model_snapshot.h"
#include "core/training/device.h"
#include "core/util/errors.h"
#include "ui/common/tensor_image.h"
#include "ui/training/training_job.h"

#include <QElapsedTimer>

#include <algorithm>
#include <filesystem>

namespace latentlab::ui {
namespace {

QStringList namesOf(const TermValues& terms)
{
    QStringList names;
    for (const auto& [name, value] : terms)
        names << QString::fromStdString(name);
    return names;
}

QVector<double> valuesOf(const TermValues& terms)
{
    QVector<double> values;
    values.reserve(static_cast<int>(terms.size()));
    for (const auto& [name, value] : terms)
        values << value;
    return values;
}

// Turns the trainer's per-step reports into at most ~10 queued signals a second: a signal per step would
// flood the GUI thread's event queue at thousands of steps a second. Fewer, larger bursts also matter on a
// machine with few cores: every wake-up of the GUI thread pre-empts one of the training's OpenMP threads, and
// the other then waits for it at the next barrier.
constexpr qint64 kFlushMs = 100;

class GuiObserver : public TrainingObserver {
public:
    GuiObserver(TrainingWorker& worker, TrainingJob& job) : worker_(worker), job_(job) { runClock_.start(); }

    void onBatch(const BatchReport& r) override
    {
        if (pending_.terms.isEmpty())
            pending_.terms = namesOf(r.terms);
        pending_.steps << r.step;
        pending_.values << valuesOf(r.terms);
        last_ = r;
        if (firstStep_ < 0)
            firstStep_ = r.step - 1;
        if (!flushClock_.isValid() || flushClock_.elapsed() >= kFlushMs)
            flush();
        if (job_.previewEvery > 0 && r.step % job_.previewEvery == 0)
            preview(r.step);
        const std::int64_t every = job_.snapshotEvery.load();
        if (every > 0 && r.step % every == 0)
            Q_EMIT worker_.snapshotReady(snapshotModel(job_.model), r.step, true);
    }

    void onEpoch(const EpochReport& r) override
    {
        flush();
        EpochInfo info;
        info.epoch = r.epoch;
        info.epochs = r.epochs;
        info.step = r.step;
        info.terms = namesOf(r.train);
        info.train = valuesOf(r.train);
        info.validation = valuesOf(r.validation);
        info.klPerDim = QVector<double>(r.klPerDim.begin(), r.klPerDim.end());
        info.elapsedSeconds = r.elapsedSeconds;
        info.etaSeconds = r.etaSeconds;
        info.samplesPerSecond = r.samplesPerSecond;
        Q_EMIT worker_.epochDone(info);
        preview(r.step);
    }

    void onPaused(std::int64_t step) override
    {
        flush(); // every step trained so far reaches the chart before the pause is reported
        Q_EMIT worker_.paused(step);
    }

    void flush()
    {
        flushClock_.start();
        if (pending_.steps.isEmpty())
            return;
        Q_EMIT worker_.stepsReady(pending_);
        pending_.steps.clear();
        pending_.values.clear();

        TrainingProgressInfo p;
        p.epoch = last_.epoch;
        p.epochs = last_.epochs;
        p.step = last_.step;
        p.batchInEpoch = last_.batchInEpoch;
        p.batchesPerEpoch = last_.batchesPerEpoch;
        p.samplesPerSecond = last_.samplesPerSecond;
        p.learningRate = last_.learningRate;
        const double done = static_cast<double>(last_.step - firstStep_);
        const double left = static_cast<double>(last_.epochs * last_.batchesPerEpoch - last_.step);
        p.etaSeconds = done > 0 ? std::max(0.0, left) * (runClock_.elapsed() / 1000.0) / done : 0.0;
        Q_EMIT worker_.progressed(p);
    }

private:
    // Runs between two optimizer steps on the training thread, the only thread that touches the weights.
    void preview(std::int64_t step)
    {
        if (job_.preview.empty())
            return;
        InferenceScope scope(*job_.model);
        const torch::Device device = modelDevice(*job_.model);
        const torch::Tensor x = job_.data.batch(job_.preview).to(device);
        const torch::Tensor y = job_.model->kind() == ModelKind::ConditionalVae
                                    ? job_.data.labelBatch(job_.preview).to(device)
                                    : torch::Tensor();
        const torch::Tensor recon = meanReconstruction(*job_.model, x, y).reconstruction.reshape_as(x);
        ReconstructionPreview out;
        out.step = step;
        for (std::int64_t i = 0; i < x.size(0); ++i) {
            out.inputs << tensorToImage(x[i]);
            out.reconstructions << tensorToImage(recon[i]);
        }
        Q_EMIT worker_.previewReady(out);
    }

    TrainingWorker& worker_;
    TrainingJob& job_;
    StepBatch pending_;
    BatchReport last_;
    std::int64_t firstStep_ = -1;
    QElapsedTimer flushClock_, runClock_;
};

// Eight validation samples (training ones without a validation split), evenly spread so several classes
// show; none for tables, which have no picture to show.
std::vector<std::int64_t> previewSamples(const Dataset& data)
{
    if (!data.isImage())
        return {};
    const auto& pool = data.split().validation.empty() ? data.split().train : data.split().validation;
    std::vector<std::int64_t> out;
    const std::size_t n = std::min<std::size_t>(8, pool.size());
    for (std::size_t i = 0; i < n; ++i)
        out.push_back(pool[i * pool.size() / n]);
    return out;
}

} // namespace

TrainingWorker::~TrainingWorker() = default;

void TrainingWorker::run(std::shared_ptr<TrainingJob> job)
{
    try {
        const bool fresh = !job->trainer;
        if (fresh) {
            job->data = *job->source;
            applyTrainingSplit(job->data, job->training);
            // The initial weights come from LibTorch's global generator: seeded as the CLI seeds it, so the same
            // settings give the same model from the window and from latentlab-cli.
            torch::manual_seed(job->training.seed);
            job->model = makeModel(job->modelConfig);
            job->trainer = std::make_unique<Trainer>(job->model, job->data, job->training);
            job->preview = previewSamples(job->data);
        } else {
            job->trainer->setEpochs(job->training.epochs);
        }
        GuiObserver observer(*this, *job);
        job->trainer->setObserver(&observer);
        job->trainer->setControl(job->control.get());
        Q_EMIT started(job->training.epochs);
        // A followed run shows its model from the first step: the explorer lays out the initial weights at once
        // rather than keeping an empty (or the previous model's) scatter for the first snapshotEvery steps.
        if (fresh && job->snapshotEvery.load() > 0)
            Q_EMIT snapshotReady(snapshotModel(job->model), 0, true);
        const TrainingOutcome outcome = job->trainer->run();
        observer.flush();
        job->trainer->setObserver(nullptr);
        job->trainer->setControl(nullptr);
        Q_EMIT snapshotReady(snapshotModel(job->model), outcome.step, false);
        Q_EMIT finished(outcome.status, QString::fromStdString(outcome.message), outcome.epoch,
                        outcome.step);
    } catch (const std::exception& e) {
        if (job->trainer) {
            job->trainer->setObserver(nullptr);
            job->trainer->setControl(nullptr);
        }
        Q_EMIT failed(QString::fromStdString(e.what()));
    }
}

void TrainingWorker::save(std::shared_ptr<TrainingJob> job, const QString& path, bool asCopy)
{
    try {
        if (job->trainer) {
            DatasetFingerprint trainedOn = DatasetFingerprint::of(job->data);
            std::error_code ec;
            const auto absolute = std::filesystem::absolute(job->dataPath, ec);
            trainedOn.path = ec ? job->dataPath : absolute.lexically_normal().string();
            saveCheckpoint(path.toStdString(), *job->model, &job->trainer->optimizer(),
                           {job->trainer->config(), job->trainer->progress(), std::move(trainedOn)});
        } else if (job->model) {
            saveCheckpoint(path.toStdString(), *job->model, nullptr, job->openedMeta);
        } else {
            throw BadInputError("there is no trained model to save yet");
        }
        if (asCopy)
            Q_EMIT copyKept(path);
        else
            Q_EMIT saved(path);
    } catch (const std::exception& e) {
        if (!asCopy) // a copy that could not be kept costs the user nothing they asked for
            Q_EMIT saveFailed(path, QString::fromStdString(e.what()));
    }
}

namespace {

OpenedModelInfo describe(const TrainingJob& job, const CheckpointMeta& meta, const QString& path)
{
    OpenedModelInfo info;
    info.path = path;
    const LossHistory& h = meta.progress.history;
    for (const auto& name : h.termNames())
        info.history.terms << QString::fromStdString(name);
    for (const StepRecord& r : h.steps()) {
        info.history.steps << r.step;
        info.history.values << QVector<double>(r.values.begin(), r.values.end());
    }
    for (const EpochRecord& r : h.epochs()) {
        EpochInfo e;
        e.epoch = r.epoch;
        e.epochs = meta.training.epochs;
        e.step = r.step;
        e.terms = namesOf(r.train);
        e.train = valuesOf(r.train);
        e.validation = valuesOf(r.validation);
        e.klPerDim = QVector<double>(r.klPerDim.begin(), r.klPerDim.end());
        info.epochs << e;
    }
    info.epochsDone = meta.progress.epoch;
    const ModelConfig& c = job.model->config();
    // Words in the window's language ("epoch 1", never "1 epochs"); the family and backbone are core's names.
    info.summary = TrainingWorker::tr("%1 (%2, latent %3), epoch %4, step %5")
                       .arg(QString::fromStdString(toString(c.kind)), QString::fromStdString(toString(c.backbone)))
                       .arg(c.latentDim)
                       .arg(meta.progress.epoch)
                       .arg(meta.progress.step);
    return info;
}

} // namespace

void TrainingWorker::open(std::shared_ptr<TrainingJob> job, const QString& path)
{
    try {
        LoadedCheckpoint loaded = loadCheckpoint(path.toStdString());
        job->model = loaded.model;
        job->modelConfig = loaded.model->config();
        job->training = loaded.meta.training;
        // A model trained on a GPU machine trains on here on the CPU where this build or machine has no CUDA:
        // the window has no device setting to change, as the CLI's --device is.
        if (job->training.device == "cuda" && !cudaAvailable())
            job->training.device = "cpu";
        job->openedMeta = loaded.meta;
        OpenedModelInfo info = describe(*job, loaded.meta, path);
        if (!job->source) {
            info.whyNotTrain = QStringLiteral("open the data it was trained on to train it further");
        } else if (job->source->sampleShape() != job->modelConfig.inputShape) {
            info.whyNotTrain = QStringLiteral("the open data's samples are %1, the model takes %2")
                                   .arg(QString::fromStdString(shapeText(job->source->sampleShape())),
                                        QString::fromStdString(shapeText(job->modelConfig.inputShape)));
        } else {
            // The model opens either way; whether this data can train it further is a separate question.
            try {
                job->data = *job->source;
                conformToTraining(job->data, loaded.meta.dataset);
                applyTrainingSplit(job->data, job->training);
                job->trainer = std::make_unique<Trainer>(job->model, job->data, job->training);
                job->trainer->restore(loaded.meta.progress, loaded.optimizerState);
                job->preview = previewSamples(job->data);
                info.canTrain = true;
            } catch (const std::exception& e) {
                job->trainer.reset();
                info.whyNotTrain = QString::fromStdString(e.what());
            }
        }
        Q_EMIT opened(info);
        Q_EMIT snapshotReady(snapshotModel(job->model), loaded.meta.progress.step, false);
    } catch (const std::exception& e) {
        Q_EMIT openFailed(path, QString::fromStdString(e.what()));
    }
}

} // namespace latentlab::ui
