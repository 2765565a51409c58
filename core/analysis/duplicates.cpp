#include "core/analysis/duplicates.h"

#include "core/analysis/encode_all.h"
#include "core/analysis/exact_copies.h"
#include "core/analysis/parallel_chunks.h"
#include "core/analysis/tsne_affinities.h"
#include "core/util/errors.h"

#include <torch/torch.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

namespace latentlab {
namespace {

// Neighbours searched for every sample; a sample whose k-th is still within the threshold (a group of more than
// k copies) gets a search of all samples within it (withinRadius), so a group is found whole at any size.
constexpr std::int64_t kNearNeighbours = 10;

// Disjoint sets over scan positions, by size, with path halving.
class DuplicateUnion {
public:
    explicit DuplicateUnion(std::size_t n) : parent_(n), size_(n, 1)
    {
        std::iota(parent_.begin(), parent_.end(), std::size_t{0});
    }
    std::size_t find(std::size_t a)
    {
        while (parent_[a] != a)
            a = parent_[a] = parent_[parent_[a]];
        return a;
    }
    void join(std::size_t a, std::size_t b)
    {
        a = find(a);
        b = find(b);
        if (a == b)
            return;
        if (size_[a] < size_[b])
            std::swap(a, b);
        parent_[b] = a;
        size_[a] += size_[b];
    }

private:
    std::vector<std::size_t> parent_;
    std::vector<std::size_t> size_;
};

double latentDistance(const float* latents, std::int64_t dim, std::int64_t a, std::int64_t b)
{
    double s = 0.0;
    for (std::int64_t c = 0; c < dim; ++c) {
        const double d = static_cast<double>(latents[a * dim + c]) - static_cast<double>(latents[b * dim + c]);
        s += d * d;
    }
    return std::sqrt(s);
}

void checkScan(const Dataset& data, const std::vector<std::int64_t>& indices, const DuplicateOptions& options,
               const LatentModel* model)
{
    std::vector<std::uint8_t> seen(static_cast<std::size_t>(data.size()), 0);
    for (const std::int64_t i : indices) {
        if (i < 0 || i >= data.size())
            throw BadInputError("sample index " + std::to_string(i) + " is outside " + data.source + " ("
                                + std::to_string(data.size()) + " samples)");
        if (seen[static_cast<std::size_t>(i)]++)
            throw BadInputError("sample index " + std::to_string(i)
                                + " is listed twice; a sample cannot be a duplicate of itself");
    }
    const double t = options.threshold;
    if (t != DuplicateOptions::kDefaultThreshold && !(std::isfinite(t) && t >= 0.0))
        throw BadInputError("the near-duplicate threshold must be a latent distance of 0 or more, not "
                            + std::to_string(t));
    if (options.nearDuplicates && !model)
        throw BadInputError("near-duplicates are found in a model's latent space, and no model was given "
                            "(exact duplicates need none)");
}

// Pairs (a, b) of scan positions whose latents are at most `threshold` apart, for the rows `rows` of x:
// by blocks of rows against all of them, the expanded form picking candidates with room for its rounding and
// each candidate then measured exactly.
void joinWithinRadius(const torch::Tensor& x, const std::vector<std::int64_t>& rows, double threshold,
                      DuplicateUnion& sets, const AnalysisControl* control)
{
    const std::int64_t n = x.size(0), dim = x.size(1);
    const float* xs = x.data_ptr<float>();
    const torch::Tensor sq = x.pow(2).sum(1);
    // Few rows a block: the candidate mask of a block is rows x n, and a huge threshold makes most of it true.
    const auto block = static_cast<std::size_t>(std::clamp<std::int64_t>((std::int64_t{1} << 22) / n, 1, 1024));
    const double t2 = threshold * threshold;
    for (std::size_t b = 0; b < rows.size(); b += block) {
        if (control && control->cancelled())
            throw AnalysisCancelled{};
        const std::vector<std::int64_t> part(rows.begin() + static_cast<std::ptrdiff_t>(b),
                                             rows.begin() + static_cast<std::ptrdiff_t>(std::min(rows.size(), b + block)));
        const torch::Tensor idx = torch::tensor(part, torch::kInt64);
        const torch::Tensor sqRows = sq.index_select(0, idx);
        const torch::Tensor d = torch::addmm(sq.unsqueeze(0), x.index_select(0, idx), x.t(), 1.0, -2.0) + sqRows.unsqueeze(1);
        // float32 rounding of |a|^2 - 2ab + |b|^2 is a few ulps of |a|^2 + |b|^2.
        const torch::Tensor slack = (sqRows.unsqueeze(1) + sq.unsqueeze(0)) * 1e-5f + 1e-12f;
        const torch::Tensor pairs = torch::nonzero(d <= slack + static_cast<float>(t2)).contiguous();
        const std::int64_t* p = pairs.data_ptr<std::int64_t>();
        for (std::int64_t r = 0; r < pairs.size(0); ++r) {
            const std::int64_t a = part[static_cast<std::size_t>(p[2 * r])], c = p[2 * r + 1];
            if (a != c && latentDistance(xs, dim, a, c) <= threshold)
                sets.join(static_cast<std::size_t>(a), static_cast<std::size_t>(c));
        }
    }
}

// Latents of the scanned samples, every one's nearest other distance, and the near pairs joined in `sets`.
void joinNearDuplicates(LatentModel& model, const Dataset& data, const std::vector<std::int64_t>& indices,
                        const DuplicateOptions& options, const AnalysisControl* control, DuplicateUnion& sets,
                        DuplicateReport& report, torch::Tensor& latents)
{
    EncodeOptions encode;
    encode.choice = LatentChoice::Mean;
    encode.batchSize = options.batchSize;
    latents = encodeDataset(model, data, indices, encode, control).latents.contiguous();
    const std::int64_t n = latents.size(0);
    report.threshold = options.threshold == DuplicateOptions::kDefaultThreshold ? 0.0 : options.threshold;
    if (n < 2) // no other sample to be near
        return;
    const std::int64_t k = std::min(kNearNeighbours, n - 1);
    tsne::ChunkRunner runner(at::get_num_threads());
    const tsne::Neighbours nn = tsne::nearestNeighbours(latents, k, runner, [&](double f) {
        if (control && control->cancelled())
            throw AnalysisCancelled{};
        if (control)
            control->report(f, "near duplicates: nearest neighbours");
    });
    const double* d2 = nn.distances.data_ptr<double>();
    const std::int64_t* nb = nn.indices.data_ptr<std::int64_t>();
    report.nearestDistances.resize(static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i)
        report.nearestDistances[static_cast<std::size_t>(i)] = std::sqrt(d2[i * k]);
    if (options.threshold == DuplicateOptions::kDefaultThreshold)
        report.threshold = defaultNearThreshold(report.nearestDistances);
    const double t = report.threshold;

    std::vector<std::int64_t> crowded; // rows whose k-th neighbour is still within t: more may be
    for (std::int64_t i = 0; i < n; ++i) {
        for (std::int64_t j = 0; j < k; ++j) {
            // The search measures its chosen neighbours exactly, in double, as latentDistance does: a pair is
            // judged by the same number whichever end finds it.
            if (std::sqrt(d2[i * k + j]) > t)
                break;
            sets.join(static_cast<std::size_t>(i), static_cast<std::size_t>(nb[i * k + j]));
        }
        if (k < n - 1 && std::sqrt(d2[i * k + k - 1]) <= t)
            crowded.push_back(i);
    }
    joinWithinRadius(latents, crowded, t, sets, control);
}

} // namespace

// A tenth of the median nearest distance (over the samples whose nearest is not an exact copy, distance 0, so
// copies do not pull the scale down). Relative to the median because latent scales differ from model to model
// (a VAE's prior keeps mu near unit scale, a plain AE's codes have none); the median, not a low quantile,
// because a quantile flags the same share of every dataset, duplicates or not, where most samples of a set
// without copies sit near the median and none falls to a tenth of it. The fraction was read off Fashion-MNIST
// with the default VAE (MLP 512-512, latent 32) after 5 epochs (bench_duplicates --pairs: each sample beside
// its nearest, by bands of the distance): below 0.1 x the median (0.040 of 0.404) the pairs are the same
// garment in the same pose, a faint print at most telling them apart; from 0.1 to 0.3 more and more pairs are
// merely alike (another print, another collar); above 0.3 they are different items of the same kind. At 0.1 it
// flags 32 of 70,000 samples in 15 groups, at 0.2 already 64, at 0.3 160.
double defaultNearThreshold(const std::vector<double>& nearestDistances)
{
    constexpr double kFractionOfMedian = 0.1;
    std::vector<double> d;
    d.reserve(nearestDistances.size());
    for (const double v : nearestDistances)
        if (std::isfinite(v) && v > 0.0)
            d.push_back(v);
    if (d.empty()) // every sample has an exact copy in latent space (or there are none): identical latents only
        return 0.0;
    const auto mid = d.begin() + static_cast<std::ptrdiff_t>(d.size() / 2);
    std::nth_element(d.begin(), mid, d.end());
    return kFractionOfMedian * *mid;
}

SplitPart splitPartOf(const Dataset& data, std::int64_t index)
{
    const Split& s = data.split();
    if (std::find(s.train.begin(), s.train.end(), index) != s.train.end())
        return SplitPart::Train;
    if (std::find(s.validation.begin(), s.validation.end(), index) != s.validation.end())
        return SplitPart::Validation;
    return SplitPart::Neither;
}

DuplicateReport findDuplicates(LatentModel* model, const Dataset& data, const std::vector<std::int64_t>& indicesIn,
                               const DuplicateOptions& options, const AnalysisControl* control)
{
    std::vector<std::int64_t> all;
    if (indicesIn.empty()) {
        all.resize(static_cast<std::size_t>(data.size()));
        std::iota(all.begin(), all.end(), std::int64_t{0});
    }
    const std::vector<std::int64_t>& indices = indicesIn.empty() ? all : indicesIn;
    checkScan(data, indices, options, model);
    const std::size_t n = indices.size();

    DuplicateReport report;
    const std::vector<std::int64_t> firstCopy = firstExactCopies(data, indices, control);
    DuplicateUnion sets(n);
    for (std::size_t p = 0; p < n; ++p)
        sets.join(p, static_cast<std::size_t>(firstCopy[p]));
    std::vector<std::int64_t> copies(n, 0); // scan positions sharing each one's bytes
    for (std::size_t p = 0; p < n; ++p)
        ++copies[static_cast<std::size_t>(firstCopy[p])];

    torch::Tensor latents;
    if (options.nearDuplicates)
        joinNearDuplicates(*model, data, indices, options, control, sets, report, latents);

    // Components of two or more, each as its scan positions in scan order.
    std::map<std::size_t, std::vector<std::size_t>> components;
    for (std::size_t p = 0; p < n; ++p)
        components[sets.find(p)].push_back(p);
    // Split parts by dataset index, looked up once rather than searched per member.
    std::vector<std::uint8_t> part(static_cast<std::size_t>(data.size()), static_cast<std::uint8_t>(SplitPart::Neither));
    for (const std::int64_t i : data.split().train)
        part[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(SplitPart::Train);
    for (const std::int64_t i : data.split().validation)
        part[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(SplitPart::Validation);
    auto partOf = [&](std::size_t p) { return static_cast<SplitPart>(part[static_cast<std::size_t>(indices[p])]); };

    const float* xs = latents.defined() ? latents.data_ptr<float>() : nullptr;
    const std::int64_t dim = latents.defined() ? latents.size(1) : 0;
    for (auto& [root, members] : components) {
        if (members.size() < 2)
            continue;
        std::sort(members.begin(), members.end(), [&](std::size_t a, std::size_t b) { return indices[a] < indices[b]; });
        const std::size_t head = members.front();
        DuplicateGroup g;
        g.exact = std::all_of(members.begin(), members.end(), [&](std::size_t p) { return firstCopy[p] == firstCopy[head]; });
        for (const std::size_t p : members) {
            DuplicateMember m;
            m.index = indices[p];
            m.exact = copies[static_cast<std::size_t>(firstCopy[p])] > 1;
            m.distance = xs && firstCopy[p] != firstCopy[head]
                             ? latentDistance(xs, dim, static_cast<std::int64_t>(head), static_cast<std::int64_t>(p))
                             : 0.0;
            g.members.push_back(m);
        }
        std::stable_sort(g.members.begin() + 1, g.members.end(), [](const DuplicateMember& a, const DuplicateMember& b) {
            return a.distance < b.distance || (a.distance == b.distance && a.index < b.index);
        });

        // Leaks: each validation member against the training members of its group.
        std::vector<std::size_t> train;
        for (const std::size_t p : members)
            if (partOf(p) == SplitPart::Train)
                train.push_back(p);
        if (!train.empty())
            for (const std::size_t p : members) {
                if (partOf(p) != SplitPart::Validation)
                    continue;
                Leak leak;
                leak.test = indices[p];
                for (const std::size_t q : train) {
                    leak.partners.push_back(indices[q]);
                    leak.exact = leak.exact || firstCopy[q] == firstCopy[p];
                }
                report.leaks.push_back(std::move(leak));
            }
        report.samplesInGroups += static_cast<std::int64_t>(g.members.size());
        report.samplesWithExactCopy +=
            std::count_if(g.members.begin(), g.members.end(), [](const DuplicateMember& m) { return m.exact; });
        (g.exact ? report.exactGroups : report.nearGroups) += 1;
        report.groups.push_back(std::move(g));
    }
    std::stable_sort(report.groups.begin(), report.groups.end(), [](const DuplicateGroup& a, const DuplicateGroup& b) {
        if (a.exact != b.exact)
            return a.exact;
        return a.members.front().index < b.members.front().index;
    });
    std::sort(report.leaks.begin(), report.leaks.end(), [](const Leak& a, const Leak& b) { return a.test < b.test; });
    if (control)
        control->report(1.0, "duplicates");
    return report;
}

} // namespace latentlab
