#pragma once
// What the attribute panel and the decode thread tell each other (plain Qt values, as explorer_reports.h):
// the attribute vector v = mean(B) - mean(A) between two sets of samples (White 2016, "Sampling Generative
// Networks"), a sample's latent moved along it, and how well it separates the two sets.
#include "ui/common/request_tag.h"
#include "ui/explorer/explorer_reports.h"
#include "ui/explorer/latest_request.h"
#include "ui/explorer/set_choice.h"

#include <QImage>
#include <QMetaType>
#include <QPointF>
#include <QVector>

namespace latentlab::ui {

struct AttributeRequest {
    SetChoice from, to;  // A and B, resolved to their samples
    qint64 index = -1;   // the sample whose latent moves; -1: none (the separation alone)
    double range = 2.0;  // the strip runs over amounts -range..+range
    int steps = 9;
};

// The strip and the separation: the answer to ExplorerController::attributeStrip().
struct AttributeReport {
    RequestTag tag = 0;
    qint64 index = -1;
    ImageSet strip;                 // decodes of latent + t v across the range (empty without a sample)
    QVector<double> amounts;        // t of each image
    QVector<double> fromPositions;  // where each sample of A lies along v: mean(A) at 0, mean(B) at 1
    QVector<double> toPositions;    // ... of B
    double auroc = 0.5;             // how often a sample of B lies further along v than one of A
    double length = 0.0;            // |v|
    double samplePosition = 0.0;    // where the sample itself lies along v (when index >= 0)
};

// One amount decoded live (the slider): the answer to ExplorerController::probeAttribute(), latest wins.
struct AttributeFrame {
    RequestTag tag = 0;
    qint64 index = -1;
    double amount = 0.0;
    QImage image;
    QPointF position; // the moved latent on the scatter, where the layout can place it
};

// The slider's newest amount waiting for the decode thread; a drag replaces it rather than queueing.
struct AttributeProbe {
    RequestTag tag = 0;
    AttributeRequest request;
    double amount = 0.0;
};
using AttributeMailbox = LatestRequest<AttributeProbe>;

} // namespace latentlab::ui

Q_DECLARE_METATYPE(latentlab::ui::AttributeRequest)
Q_DECLARE_METATYPE(latentlab::ui::AttributeReport)
Q_DECLARE_METATYPE(latentlab::ui::AttributeFrame)
