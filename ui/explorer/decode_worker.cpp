#include "ui/explorer/decode_worker.h"

#include "core/analysis/anomaly_scores.h"
#include "core/analysis/generation.h"
#include "core/analysis/inference_scope.h"
#include "core/analysis/latent_geometry.h"
#include "core/analysis/latent_neighbours.h"
#include "core/analysis/latent_walks.h"
#include "core/models/latent_model.h"
#include "core/models/model_snapshot.h"
#include "core/util/errors.h"
#include "ui/common/tensor_image.h"
#include "ui/explorer/attribute_decoding.h"
#include "ui/explorer/explorer_space.h"


#include <optional>

namespace latentlab::ui {

struct DecodeWorker::State {
    std::shared_ptr<LatentModel> model; // this thread's own copy of the snapshot
    DatasetPtr data;
    SpacePtr space;
    std::optional<std::vector<DimensionKl>> dimsByKl; // per model, computed on first traversal
    AttributeDecoder attributes;

    bool conditional() const { return model && model->kind() == ModelKind::ConditionalVae; }
    std::int64_t labelOf(std::int64_t index) const
    {
        return data && data->hasLabels() ? data->labels()[static_cast<std::size_t>(index)] : 0;
    }
    QString labelName(std::int64_t index) const
    {
        if (!data || !data->hasLabels())
            return {};
        return QString::fromStdString(data->classNames()[static_cast<std::size_t>(labelOf(index))]);
    }
    void requireModel() const
    {
        if (!model || !data)
            throw BadInputError("there is no model to explore yet: train one or open one");
    }
    void requireSpace() const
    {
        requireModel();
        if (!space)
            throw BadInputError("the latent space is still being computed");
    }
    void requireIndex(qint64 index) const
    {
        if (index < 0 || index >= data->size())
            throw BadInputError("sample " + std::to_string(index) + " is not in the data (it has " +
                                std::to_string(data->size()) + ")");
    }
    // Plot positions of latents under the current projection, when both exist.
    QVector<QPointF> positionsOf(const torch::Tensor& latents) const
    {
        QVector<QPointF> out;
        if (!space || !latents.defined() || latents.size(1) != space->latents.size(1))
            return out;
        const torch::Tensor xy = space->positionsOf(latents).contiguous();
        const float* p = xy.data_ptr<float>();
        for (std::int64_t i = 0; i < xy.size(0); ++i)
            out << QPointF(p[2 * i], p[2 * i + 1]);
        return out;
    }
};

DecodeWorker::DecodeWorker(QObject* parent) : QObject(parent), state_(std::make_unique<State>()) {}

DecodeWorker::~DecodeWorker() = default;

void DecodeWorker::setModel(ModelPtr model, DatasetPtr data)
{
    state_->model = snapshotModel(model);
    state_->data = std::move(data);
    state_->space.reset();
    state_->dimsByKl.reset();
    state_->attributes.reset();
}

void DecodeWorker::setSpace(SpacePtr space)
{
    state_->space = std::move(space);
}

void DecodeWorker::drainProbes(const std::shared_ptr<ProbeMailbox>& mailbox)
{
    while (std::optional<ProbeRequest> request = mailbox->take()) {
        try {
            state_->requireSpace();
            const ProbeRequest& r = *request;
            State& s = *state_;
            ProbeImage out;
            out.tag = r.tag;
            out.t = r.t;
            torch::Tensor z, y;
            if (r.t >= 0.0) {
                s.requireIndex(r.path.from);
                s.requireIndex(r.path.to);
                const torch::Tensor a = s.space->latents[r.path.from], b = s.space->latents[r.path.to];
                z = r.path.spherical ? slerp(a, b, r.t) : lerp(a, b, r.t);
                const QVector<QPointF> at = s.positionsOf(z.view({1, -1}));
                out.position = at.isEmpty() ? QPointF() : at[0];
                if (s.conditional())
                    y = torch::full({1}, s.labelOf(r.path.from), torch::kInt64);
            } else {
                out.position = r.position;
                z = s.space->latentAt(r.position.x(), r.position.y());
                const std::vector<std::int64_t> near = s.space->nearest(r.position.x(), r.position.y(),
                                                                        s.space->neighbourCount);
                for (std::int64_t i : near)
                    out.neighbours << i;
                if (!near.empty())
                    out.neighbourImages = tensorToImages(s.data->batch(near));
                if (s.model->kind() == ModelKind::VqVae)
                    out.note = tr("Decoded at (%1, %2) after snapping to the nearest codes, as a VQ-VAE does.")
                                   .arg(r.position.x(), 0, 'g', 3)
                                   .arg(r.position.y(), 0, 'g', 3);
                if (!s.space->invertible())
                    out.note = (s.space->method == ProjectionMethod::Imported
                                    ? tr("An imported layout has no inverse: this is the distance-weighted mean latent of "
                                         "the %1 nearest samples.")
                                    : tr("%1 has no inverse: this is the distance-weighted mean latent of the %2 nearest "
                                         "samples.")
                                          .arg(s.space->method == ProjectionMethod::Umap ? QStringLiteral("UMAP")
                                                                                          : QStringLiteral("t-SNE")))
                                   .arg(near.size());
                if (s.conditional() && !near.empty())
                    y = torch::full({1}, s.labelOf(near.front()), torch::kInt64);
            }
            const torch::Tensor z1 = z.view({1, -1}).to(torch::kFloat32);
            if (s.conditional()) {
                const std::int64_t classes = s.model->config().numClasses;
                const torch::Tensor all = decodeLatents(*s.model, z1.expand({classes, -1}).contiguous(),
                                                        torch::arange(classes, torch::kInt64));
                out.perClass = tensorToImages(all);
                const std::int64_t shown = y.defined() ? y.item<std::int64_t>() : 0;
                out.image = out.perClass.value(static_cast<int>(shown));
            } else {
                out.image = tensorToImage(decodeLatents(*s.model, z1)[0]);
            }
            Q_EMIT probeDecoded(out);
        } catch (const std::exception& e) {
            Q_EMIT failed(DecodeJob::Probe, request->tag, QString::fromStdString(e.what()));
        }
    }
}

void DecodeWorker::describeSample(RequestTag tag, qint64 index)
{
    try {
        State& s = *state_;
        s.requireModel();
        s.requireIndex(index);
        SampleDetail d;
        d.tag = tag;
        d.index = index;
        d.label = s.labelName(index);
        const torch::Tensor x = s.data->batch({index});
        const torch::Tensor y = s.conditional() ? s.data->labelBatch({index}) : torch::Tensor();
        torch::Tensor recon;
        {
            InferenceScope scope(*s.model);
            recon = meanReconstruction(*s.model, x.to(modelDevice(*s.model)), y).reconstruction.to(torch::kCPU);
        }
        recon = recon.reshape_as(x);
        d.input = tensorToImage(x[0]);
        d.reconstruction = tensorToImage(recon[0]);
        const torch::Tensor err = (recon[0] - x[0]).pow(2);
        d.meanSquaredError = err.mean().item<double>();
        d.error = heatmapImage(err.dim() == 3 ? err.mean(0) : err);
        if (s.space && s.space->codes.defined()) {
            const torch::Tensor codes = s.space->codes[index].contiguous();
            const auto* p = codes.data_ptr<std::int64_t>();
            for (std::int64_t i = 0; i < codes.numel(); ++i)
                d.codes << static_cast<int>(p[i]);
            const CodeGrid grid = s.model->codeGrid();
            const bool laidOut = grid.positions() == codes.numel();
            d.codeRows = laidOut ? static_cast<int>(grid.rows) : 1;
            d.codeColumns = laidOut ? static_cast<int>(grid.columns) : static_cast<int>(codes.numel());
        }
        Q_EMIT sampleDescribed(d);
    } catch (const std::exception& e) {
        Q_EMIT failed(DecodeJob::Sample, tag, QString::fromStdString(e.what()));
    }
}

namespace {

ImageSet fromGenerated(const GeneratedImages& g, DecodeJob job, RequestTag tag, int columns)
{
    ImageSet out;
    out.job = job;
    out.tag = tag;
    out.images = tensorToImages(g.images);
    out.columns = g.columns > 0 ? static_cast<int>(g.columns) : columns;
    for (const auto& note : g.notes)
        out.notes << QString::fromStdString(note);
    return out;
}

} // namespace

void DecodeWorker::sampleGrid(RequestTag tag, const GridRequest& request)
{
    try {
        State& s = *state_;
        s.requireModel();
        if (request.side < 2 || request.side > 16)
            throw BadInputError("the grid side must be from 2 to 16, not " + std::to_string(request.side));
        const std::int64_t side = request.side;
        const torch::Tensor y = s.conditional() && request.label >= 0 ? torch::full({1}, request.label, torch::kInt64)
                                                                       : torch::Tensor();
        ImageSet out;
        torch::Tensor latents;
        if (request.manifold) {
            s.requireSpace();
            const ExplorerSpace& sp = *s.space;
            DecodedLatents grid;
            const std::vector<double> q = gaussianQuantiles(side);
            if (sp.method == ProjectionMethod::Latent) {
                // The prior's quantiles: N(0, I)'s, or under a CVAE's class prior the label's own Gaussian.
                const torch::Tensor noise = planeGrid(torch::zeros({2}), axis(2, sp.dims[0]), axis(2, sp.dims[1]), q, q);
                grid.latents = priorLatentsFor(*s.model, noise, y);
                grid.images = decodeLatents(*s.model, grid.latents, y);
            } else if (sp.method == ProjectionMethod::Dims) {
                grid = decodePlane(*s.model, sp.base, axis(sp.base.size(0), sp.dims[0]), axis(sp.base.size(0), sp.dims[1]),
                                   q, q, y);
            } else if (sp.method == ProjectionMethod::Pca) {
                // Quantiles of each component's own spread, so the grid covers where the data lies.
                std::vector<double> u = q, v = q;
                const double su = std::sqrt(sp.pca->explainedVariance[0].item<double>());
                const double sv = std::sqrt(sp.pca->explainedVariance[1].item<double>());
                for (auto& x : u)
                    x *= su;
                for (auto& x : v)
                    x *= sv;
                grid = decodePlane(*s.model, sp.pca->mean, sp.pca->components[0], sp.pca->components[1], u, v, y);
            } else if (sp.method == ProjectionMethod::Axes) {
                // The same over the custom axes: each axis's quantiles around where the data lies on it.
                const torch::Tensor centre = sp.xy.mean(0), spread = sp.xy.std(0);
                std::vector<double> u = q, v = q;
                for (auto& x : u)
                    x = centre[0].item<double>() + x * spread[0].item<double>();
                for (auto& x : v)
                    x = centre[1].item<double>() + x * spread[1].item<double>();
                grid = decodePlane(*s.model, sp.axes->origin, sp.axes->basis[0], sp.axes->basis[1], u, v, y);
            } else {
                throw BadInputError(toString(sp.method) + " has no plane to lay a grid over: choose latent, dims, PCA or custom axes");
            }
            out.job = DecodeJob::Grid;
            out.tag = tag;
            out.images = tensorToImages(grid.images);
            out.columns = request.side;
            latents = grid.latents;
        } else if (s.conditional() && request.label < 0) {
            const GeneratedImages g = classGrid(*s.model, side, request.temperature, request.seed);
            out = fromGenerated(g, DecodeJob::Grid, tag, request.side);
            for (const auto& name : s.data->classNames())
                out.rowLabels << QString::fromStdString(name);
            latents = g.latents;
        } else {
            SampleOptions o;
            o.n = side * side;
            o.temperature = request.temperature;
            o.seed = request.seed;
            o.label = request.label;
            const GeneratedImages g = samplePrior(*s.model, o);
            out = fromGenerated(g, DecodeJob::Grid, tag, request.side);
            latents = g.latents;
        }
        out.positions = s.positionsOf(latents);
        Q_EMIT imagesReady(out);
    } catch (const std::exception& e) {
        Q_EMIT failed(DecodeJob::Grid, tag, QString::fromStdString(e.what()));
    }
}

void DecodeWorker::interpolate(RequestTag tag, const InterpolationRequest& request)
{
    try {
        State& s = *state_;
        s.requireModel();
        s.requireIndex(request.from);
        s.requireIndex(request.to);
        const DecodedLatents d = interpolateSamples(*s.model, *s.data, request.from, request.to, request.steps,
                                                    request.spherical ? Interpolation::Spherical : Interpolation::Linear);
        ImageSet out;
        out.job = DecodeJob::Interpolation;
        out.tag = tag;
        out.images = tensorToImages(d.images);
        out.columns = request.steps;
        out.positions = s.positionsOf(d.latents);
        Q_EMIT imagesReady(out);
    } catch (const std::exception& e) {
        Q_EMIT failed(DecodeJob::Interpolation, tag, QString::fromStdString(e.what()));
    }
}

void DecodeWorker::traverse(RequestTag tag, qint64 index, double lo, double hi, int steps)
{
    try {
        State& s = *state_;
        s.requireSpace();
        s.requireIndex(index);
        if (!s.dimsByKl) {
            // An even spread of up to 2,000 samples ranks the dimensions as well as all of them would.
            std::vector<std::int64_t> probe;
            const std::int64_t n = s.data->size(), m = std::min<std::int64_t>(n, 2000);
            for (std::int64_t i = 0; i < m; ++i)
                probe.push_back(i * n / m);
            s.dimsByKl = dimensionsByKl(*s.model, *s.data, probe);
        }
        TraversalOptions o;
        o.lo = lo;
        o.hi = hi;
        o.steps = steps;
        constexpr std::int64_t maxRows = 32; // a conv VQ-VAE's flattened latent has thousands of dims
        ImageSet out;
        out.job = DecodeJob::Traversal;
        out.tag = tag;
        const std::int64_t d = s.space->latents.size(1);
        for (const DimensionKl& k : *s.dimsByKl) {
            if (static_cast<std::int64_t>(o.dims.size()) == maxRows)
                break;
            o.dims.push_back(k.dim);
            out.rowLabels << tr("z%1  KL %2").arg(k.dim).arg(k.kl, 0, 'f', 2);
        }
        for (std::int64_t k = 0; o.dims.empty() && k < std::min(d, maxRows); ++k) {
            // No per-dimension KL (autoencoder, VQ-VAE): in their own order.
            o.dims.push_back(k);
        }
        if (out.rowLabels.isEmpty())
            for (std::int64_t k : o.dims)
                out.rowLabels << tr("z%1").arg(k);
        if (d > maxRows)
            out.notes << tr("The first %1 of %2 dimensions.").arg(maxRows).arg(d);
        const torch::Tensor y = s.conditional() ? torch::full({1}, s.labelOf(index), torch::kInt64) : torch::Tensor();
        const Traversal t = latentlab::traverse(*s.model, s.space->latents[index], o, y);
        out.images = tensorToImages(t.decoded.images);
        out.columns = steps;
        for (double v : t.values)
            out.columnLabels << QString::number(v, 'g', 3);
        Q_EMIT imagesReady(out);
    } catch (const std::exception& e) {
        Q_EMIT failed(DecodeJob::Traversal, tag, QString::fromStdString(e.what()));
    }
}

void DecodeWorker::resampleBottom(RequestTag tag, qint64 index, int count, quint64 seed)
{
    try {
        State& s = *state_;
        s.requireSpace();
        s.requireIndex(index);
        const GeneratedImages g = latentlab::resampleBottom(*s.model, s.space->latents[index].view({1, -1}), count,
                                                            1.0, seededGenerator(seed));
        Q_EMIT imagesReady(fromGenerated(g, DecodeJob::Bottom, tag, count));
    } catch (const std::exception& e) {
        Q_EMIT failed(DecodeJob::Bottom, tag, QString::fromStdString(e.what()));
    }
}

void DecodeWorker::attributeStrip(RequestTag tag, const AttributeRequest& request)
{
    try {
        State& s = *state_;
        s.requireSpace();
        if (request.index >= 0)
            s.requireIndex(request.index);
        const torch::Tensor y = s.conditional() && request.index >= 0
                                    ? torch::full({1}, s.labelOf(request.index), torch::kInt64)
                                    : torch::Tensor();
        AttributeReport out = s.attributes.strip(*s.model, s.space, request, y);
        out.tag = tag;
        out.strip.tag = tag;
        Q_EMIT attributeReady(out);
    } catch (const std::exception& e) {
        Q_EMIT failed(DecodeJob::AttributeStrip, tag, QString::fromStdString(e.what()));
    }
}

void DecodeWorker::drainAttributes(const std::shared_ptr<AttributeMailbox>& mailbox)
{
    while (std::optional<AttributeProbe> probe = mailbox->take()) {
        try {
            State& s = *state_;
            s.requireSpace();
            s.requireIndex(probe->request.index);
            const torch::Tensor y = s.conditional()
                                        ? torch::full({1}, s.labelOf(probe->request.index), torch::kInt64)
                                        : torch::Tensor();
            AttributeFrame out = s.attributes.frame(*s.model, s.space, probe->request, probe->amount, y);
            out.tag = probe->tag;
            Q_EMIT attributeDecoded(out);
        } catch (const std::exception& e) {
            Q_EMIT failed(DecodeJob::Attribute, probe->tag, QString::fromStdString(e.what()));
        }
    }
}

void DecodeWorker::neighbours(RequestTag tag, qint64 index, int k, NeighbourMetric metric)
{
    try {
        State& s = *state_;
        s.requireSpace();
        s.requireIndex(index);
        const torch::Tensor z = s.space->latents.to(torch::kFloat32).contiguous();
        const std::vector<Neighbour> found = nearestNeighbours(z.data_ptr<float>(), z.size(0), z.size(1), index, k, metric);
        NeighbourList out;
        out.tag = tag;
        out.index = index;
        out.metric = metric;
        for (const Neighbour& n : found) {
            out.indices << n.index;
            out.distances << n.distance;
        }
        Q_EMIT neighboursFound(out);
    } catch (const std::exception& e) {
        Q_EMIT failed(DecodeJob::Neighbours, tag, QString::fromStdString(e.what()));
    }
}

} // namespace latentlab::ui
