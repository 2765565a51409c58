#pragma once
// What the explorer's workers and the GUI thread tell each other, as plain Qt values: every one is a copy
// its receiver owns (images are QImages with their own pixels, positions plain floats), never a tensor.
#include "core/analysis/latent_neighbours.h"
#include "core/analysis/projection_method.h"
#include "ui/common/request_tag.h"
#include "ui/explorer/set_choice.h"

#include <QImage>
#include <QMetaType>
#include <QPointF>
#include <QString>
#include <QStringList>
#include <QVector>

#include <vector>

namespace latentlab::ui {

// How the scatter lays out the latents.
struct ProjectionSettings {
    ProjectionMethod method = ProjectionMethod::Pca;
    int dimX = 0, dimY = 1;                 // dims: the latent dimensions across and up
    double perplexity = 30.0;               // tsne
    int iterations = 1000;                  // tsne
    int neighbours = 15;                    // umap: n_neighbors, the point itself counted
    double minDist = 0.1;                   // umap
    QString layoutFile;                     // imported: the file read (File > Import Layout), kept by sessions
    AxesChoice axes;                        // axes: the sets at the ends of x and y, resolved before sending
};

// One layout of every sample: the final one, or one of the frames a t-SNE streams while it converges.
struct ProjectionFrame {
    RequestTag tag = 0;           // the request it answers: frames of an older request are dropped
    std::vector<float> xy;        // x, y per sample, in dataset order (every sample: nothing is subsampled)
    ProjectionMethod method = ProjectionMethod::Pca;
    QString description;          // core's describe(): "PCA of 32-d latents (41.2% of variance), all 70000 points"
    bool invertible = true;       // a plot point maps back to one latent (all but t-SNE and UMAP)
    bool final = true;            // false for t-SNE's and UMAP's intermediate layouts
    int iteration = 0, iterations = 0;
    qint64 modelStep = -1;        // the training step of the model that made it (-1: unknown)
    int latentDim = 0;
    QVector<double> codeUsage;    // VQ-VAE: share of all code positions using each code; empty otherwise
};

// A decoded probe position (or interpolation point): what the view shows beside the scatter.
struct ProbeImage {
    RequestTag tag = 0;            // the request it answers
    QPointF position;              // on the scatter
    double t = -1.0;               // interpolation: the slider's position in [0, 1]; -1 for a probe
    QImage image;
    QVector<QImage> perClass;      // conditional VAE: the same latent under every class, in class order
    QVector<qint64> neighbours;    // the nearest samples on the scatter, nearest first
    QVector<QImage> neighbourImages;
    QString note;                  // how the latent was found, when not exactly ("t-SNE has no inverse: ...")
};

// The selected sample: its input beside its reconstruction, and for a VQ-VAE its codes.
struct SampleDetail {
    RequestTag tag = 0;
    qint64 index = -1;
    QString label;
    QImage input, reconstruction, error; // error: per-pixel squared error as a heat map
    double meanSquaredError = 0.0;
    QVector<int> codes;                  // VQ-VAE: code index per position, row-major codeRows x codeColumns
    int codeRows = 0, codeColumns = 0;
};

// The decode worker's kinds of job; each kind has its own request tags, so a new grid makes older grids
// stale but leaves the interpolation strip alone.
enum class DecodeJob { Probe, Sample, Grid, Interpolation, Traversal, Bottom, Neighbours, Attribute, AttributeStrip };
constexpr int kDecodeJobCount = static_cast<int>(DecodeJob::AttributeStrip) + 1;

// A set of decoded images laid out as a grid: prior samples, an interpolation strip, a traversal.
struct ImageSet {
    RequestTag tag = 0;
    DecodeJob job = DecodeJob::Grid; // Grid, Interpolation, Traversal or Bottom
    QVector<QImage> images;
    int columns = 0;
    QStringList rowLabels, columnLabels;
    QVector<QPointF> positions;   // each image's latent on the scatter; empty where the model draws its own
    QStringList notes;
};

// The samples nearest to one sample in latent space (core's nearestNeighbours), nearest first.
struct NeighbourList {
    RequestTag tag = 0;
    qint64 index = -1;            // the sample they are the neighbours of
    NeighbourMetric metric = NeighbourMetric::Euclidean;
    QVector<qint64> indices;
    QVector<double> distances;    // in the metric's units, one per index
};

struct GridRequest {
    int side = 8;                 // side x side samples, 2..16
    double temperature = 1.0;
    quint64 seed = 0;
    int label = -1;               // conditional VAE: the class; -1 shows one row per class
    bool manifold = false;        // a regular grid over the scatter's plane instead of random draws
};

struct InterpolationRequest {
    qint64 from = -1, to = -1;    // dataset indices
    int steps = 10;
    bool spherical = false;
};

// What File > Export > Model asks for: the format and, for ONNX, the anomaly detector to include.
struct ModelExportChoice {
    QString format;         // "pytorch" or "onnx"
    QString score;          // "mse", "bce" or "elbo": also write scorer.onnx; empty: no scorer
    double threshold = 0.0; // the Anomalies tab's threshold, stored in the scorer
    QString rule;           // how it was chosen, for the scorer's metadata
};

} // namespace latentlab::ui

Q_DECLARE_METATYPE(latentlab::ui::ProjectionSettings)
Q_DECLARE_METATYPE(latentlab::ui::ProjectionFrame)
Q_DECLARE_METATYPE(latentlab::ui::ProbeImage)
Q_DECLARE_METATYPE(latentlab::ui::SampleDetail)
Q_DECLARE_METATYPE(latentlab::ui::ImageSet)
Q_DECLARE_METATYPE(latentlab::ui::DecodeJob)
Q_DECLARE_METATYPE(latentlab::ui::NeighbourList)
