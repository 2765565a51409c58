#pragma once
// What the models table and the comparison view receive from their worker, as plain values (QImage copies,
// point lists, core's torch-free summary row) that may cross threads.
#include "core/compare/model_summary_row.h"
#include "ui/common/request_tag.h"
#include "ui/compare/models_table_entry.h"

#include <QImage>
#include <QMap>
#include <QMetaType>
#include <QPointF>
#include <QString>
#include <QVector>

#include <vector>

namespace latentlab::ui {

// One model's evaluation, or why it has none.
struct SummaryAnswer {
    RequestTag tag = 0;
    QString path;
    QString cacheKey; // the file as it was (size, time) and the data it was evaluated on
    ModelSummary summary;
    QString error;    // empty: summary holds the figures
};

// One model's part of the comparison. A panel with a null image (or no layout) has a note saying why.
struct ComparedModel {
    QString name;
    QImage reconstructions, samples, interpolation; // grids: a column, a square, a row
    QString reconstructionsNote, samplesNote, interpolationNote, layoutNote, perClassNote;
    std::vector<float> layout; // 2 * N interleaved, aligned onto the first model's
    double alignmentResidual = 0.0;
    QVector<int> classLabels;  // the per-class figures' classes (-1: no labels)
    QVector<double> classMse, classKl; // NaN KL for a model without one
    bool hasKl = false;
    // Every loss term the model was trained along: per step (averaged to at most ~600 points) and per epoch
    // on the validation part. Empty for a TorchScript model.
    QMap<QString, QVector<QPointF>> stepCurves, epochCurves;
};

struct ComparisonResult {
    RequestTag tag = 0;
    QString part;            // where the inputs and layouts come from: "test", "validation", "all"
    QImage inputs;           // the reconstructed inputs, a column
    int inputCount = 0;
    qint64 from = -1, to = -1;
    std::vector<int> layoutLabels;
    std::vector<qint64> layoutIndices; // the dataset sample of each scatter point
    QStringList classNames;
    QVector<ComparedModel> models;
};

} // namespace latentlab::ui

Q_DECLARE_METATYPE(latentlab::ui::SummaryAnswer)
Q_DECLARE_METATYPE(latentlab::ui::ComparisonResult)
