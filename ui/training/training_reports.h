#pragma once
// What the training worker tells the GUI thread, as plain Qt values (never a tensor): they travel in queued
// signals, so each is a copy the receiver owns.
#include "core/training/training_observer.h"

#include <QImage>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>

namespace latentlab::ui {

// A burst of per-step losses, collected on the training thread and sent at most every ~100 ms.
struct StepBatch {
    QStringList terms;                 // "total" first, then recon, kl, ...
    QVector<qint64> steps;
    QVector<QVector<double>> values;   // one row per step, one value per term
};

struct TrainingProgressInfo {
    qint64 epoch = 0;                  // 0-based epoch in progress
    qint64 epochs = 0;
    qint64 step = 0;
    qint64 batchInEpoch = 0;           // 1-based
    qint64 batchesPerEpoch = 0;
    double samplesPerSecond = 0.0;
    double etaSeconds = 0.0;           // to the last epoch
    double learningRate = 0.0;
};

struct EpochInfo {
    qint64 epoch = 0;                  // 1-based: epochs completed
    qint64 epochs = 0;
    qint64 step = 0;
    QStringList terms;
    QVector<double> train, validation; // validation empty without a validation split
    QVector<double> klPerDim;          // empty for models without a KL
    double elapsedSeconds = 0.0, etaSeconds = 0.0, samplesPerSecond = 0.0;
};

// Fixed validation inputs above their current reconstructions (image data only).
struct ReconstructionPreview {
    QVector<QImage> inputs, reconstructions;
    qint64 step = 0;
};

// A checkpoint opened on the worker: what the tab shows of it.
struct OpenedModelInfo {
    QString path;
    QString summary;                   // "VAE (mlp, latent 32), 10 epochs, 4,690 steps"
    StepBatch history;                 // every step it was trained along
    QVector<EpochInfo> epochs;
    qint64 epochsDone = 0;
    bool canTrain = false;             // the open dataset fits it, so it can train more
    QString whyNotTrain;               // otherwise, why not
};

} // namespace latentlab::ui

// How a run ended (completed, stopped, diverged): core's own enum travels in the finished signal.
Q_DECLARE_METATYPE(latentlab::TrainingStatus)

Q_DECLARE_METATYPE(latentlab::ui::StepBatch)
Q_DECLARE_METATYPE(latentlab::ui::TrainingProgressInfo)
Q_DECLARE_METATYPE(latentlab::ui::EpochInfo)
Q_DECLARE_METATYPE(latentlab::ui::ReconstructionPreview)
Q_DECLARE_METATYPE(latentlab::ui::OpenedModelInfo)
