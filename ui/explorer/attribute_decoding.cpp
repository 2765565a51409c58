#include "ui/explorer/attribute_decoding.h"

#include "core/analysis/generation.h"
#include "core/analysis/latent_geometry.h"
#include "core/models/latent_model.h"
#include "core/util/errors.h"
#include "ui/common/tensor_image.h"
#include "ui/explorer/explorer_space.h"

namespace latentlab::ui {
namespace {

LatentSet latentSetOf(const SetChoice& c)
{
    return {c.label.toStdString(), std::vector<std::int64_t>(c.rows.begin(), c.rows.end())};
}

torch::Tensor latentOf(const ExplorerSpace& space, qint64 index)
{
    if (index < 0 || index >= space.latents.size(0))
        throw BadInputError("sample " + std::to_string(index) + " is not in the data (it has "
                            + std::to_string(space.latents.size(0)) + ")");
    return space.latents[index];
}

QVector<QPointF> pointsOf(const torch::Tensor& xy)
{
    const torch::Tensor c = xy.to(torch::kFloat32).contiguous();
    const float* p = c.data_ptr<float>();
    QVector<QPointF> out;
    for (std::int64_t i = 0; i < c.size(0); ++i)
        out << QPointF(p[2 * i], p[2 * i + 1]);
    return out;
}

} // namespace

const Separation& AttributeDecoder::separationFor(const SpacePtr& space, const AttributeRequest& request)
{
    if (!space)
        throw BadInputError("the latent space is still being computed");
    // The latents are the same in every layout of one model, but a new space is cheap to recognise and rare.
    if (!cached_ || cached_->space != space || cached_->from != request.from.rows || cached_->to != request.to.rows)
        cached_ = Cached{space, request.from.rows, request.to.rows,
                         separation(space->latents, latentSetOf(request.from), latentSetOf(request.to))};
    return cached_->separation;
}

AttributeReport AttributeDecoder::strip(LatentModel& model, const SpacePtr& space, const AttributeRequest& request,
                                        const torch::Tensor& y)
{
    const Separation& s = separationFor(space, request);
    AttributeReport out;
    out.index = request.index;
    out.fromPositions = QVector<double>(s.fromPositions.begin(), s.fromPositions.end());
    out.toPositions = QVector<double>(s.toPositions.begin(), s.toPositions.end());
    out.auroc = s.auroc;
    out.length = s.vector.vector.norm().item<double>();
    out.strip.job = DecodeJob::AttributeStrip;
    if (request.index < 0)
        return out;
    if (request.steps < 1 || request.steps > 25)
        throw BadInputError("the strip takes 1 to 25 steps, not " + std::to_string(request.steps));
    const torch::Tensor base = latentOf(*space, request.index);
    out.samplePosition = alongVector(s.vector, base.view({1, -1})).at(0);
    const torch::Tensor z = attributeStrip(base, s.vector, request.range, request.steps);
    out.strip.images = tensorToImages(decodeLatents(model, z, y));
    out.strip.columns = request.steps;
    out.strip.positions = pointsOf(space->positionsOf(z));
    for (double t : evenlySpaced(-request.range, request.range, request.steps)) {
        out.amounts << t;
        out.strip.columnLabels << QString::number(t, 'g', 3);
    }
    return out;
}

AttributeFrame AttributeDecoder::frame(LatentModel& model, const SpacePtr& space, const AttributeRequest& request,
                                       double amount, const torch::Tensor& y)
{
    const Separation& s = separationFor(space, request);
    const torch::Tensor z = (latentOf(*space, request.index) + amount * s.vector.vector).view({1, -1});
    AttributeFrame out;
    out.index = request.index;
    out.amount = amount;
    out.image = tensorToImage(decodeLatents(model, z, y)[0]);
    out.position = pointsOf(space->positionsOf(z)).value(0);
    return out;
}

} // namespace latentlab::ui
