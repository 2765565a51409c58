// Duplicates and leaks on data with planted copies: exact copies (a pair, a group of three, copies across the
// split) found and only they, whatever the hash says; near-duplicates planted at known latent distances through
// an autoencoder whose latent is its input's first two pixels, so distances are known exactly; groups larger
// than the neighbour search's k found whole; leaks; the default threshold; refusals; progress; the CSV.
#include "core/analysis/duplicates.h"
#include "core/analysis/duplicates_csv.h"
#include "core/analysis/exact_copies.h"

#include "tests/core/analysis/analysis_fixtures.h"
#include "tests/support/expect_error.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <random>

using namespace latentlab;
using namespace latentlab::testing;

namespace {

constexpr int kSide = 8, kPixels = kSide * kSide;

// n images of random bytes: distinct with overwhelming odds (and checked where it matters).
std::vector<std::uint8_t> randomPixels(int n, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::vector<std::uint8_t> px(static_cast<std::size_t>(n) * kPixels);
    for (auto& p : px)
        p = static_cast<std::uint8_t>(rng() & 0xff);
    return px;
}

void copySample(std::vector<std::uint8_t>& px, int from, int to)
{
    std::copy_n(px.begin() + from * kPixels, kPixels, px.begin() + to * kPixels);
}

// 40 random images with copies planted: 5 -> 17 (both train); 3 -> 20 (train) and 33 (test), a group of
// three across the split; 8 (train) -> 36 (test); 12 (train) -> 39 (in neither part). Train 0..29, test
// 30..37, 38 and 39 in neither.
Dataset plantedCopies()
{
    std::vector<std::uint8_t> px = randomPixels(40, 21);
    copySample(px, 5, 17);
    copySample(px, 3, 20);
    copySample(px, 3, 33);
    copySample(px, 8, 36);
    copySample(px, 12, 39);
    Dataset ds = Dataset::fromImages(std::move(px), 40, 1, kSide, kSide);
    Split split;
    for (std::int64_t i = 0; i < 30; ++i)
        split.train.push_back(i);
    for (std::int64_t i = 30; i < 38; ++i)
        split.validation.push_back(i);
    ds.setSplit(split);
    ds.source = "planted";
    return ds;
}

std::vector<std::int64_t> indicesOf(const DuplicateGroup& g)
{
    std::vector<std::int64_t> v;
    for (const DuplicateMember& m : g.members)
        v.push_back(m.index);
    return v;
}

DuplicateOptions exactOnly()
{
    DuplicateOptions o;
    o.nearDuplicates = false;
    return o;
}

DuplicateOptions nearWithin(double threshold)
{
    DuplicateOptions o;
    o.threshold = threshold;
    return o;
}

// An autoencoder whose latent is exactly its input's first `latent` pixels (in [0,1]): every weight zero but a
// diagonal of ones through the encoder's layers and the head, and ReLU passes the non-negative pixels as they
// are. Latent distances are then distances between those pixels / 255, known in advance.
std::shared_ptr<LatentModel> pixelReader(std::int64_t latent = 2)
{
    auto model = tinyImageModel(ModelKind::Autoencoder, 1, latent);
    torch::NoGradGuard noGrad;
    for (auto& p : model->named_parameters()) {
        p.value().zero_();
        const bool encoding = p.key().rfind("encoder.", 0) == 0 || p.key().rfind("head.", 0) == 0;
        if (encoding && p.value().dim() == 2)
            for (std::int64_t i = 0; i < latent; ++i)
                p.value()[i][i] = 1.0f;
    }
    return model;
}

// Random images whose first two pixels (the pixel reader's latent) are set: distinct samples sit on a grid 20
// apart (0.078 in latent units), far beyond any threshold used here.
struct LatentImages {
    std::vector<std::uint8_t> px;
    int n = 0;
    explicit LatentImages(int count, std::uint64_t seed) : px(randomPixels(count, seed)), n(count)
    {
        for (int i = 0; i < n; ++i)
            place(i, 20 * (i % 12), 20 * (i / 12));
    }
    void place(int i, int a, int b)
    {
        px[static_cast<std::size_t>(i) * kPixels] = static_cast<std::uint8_t>(a);
        px[static_cast<std::size_t>(i) * kPixels + 1] = static_cast<std::uint8_t>(b);
    }
    int add(int a, int b) // a new random sample at latent (a, b) / 255
    {
        const std::vector<std::uint8_t> more = randomPixels(1, 1000 + static_cast<std::uint64_t>(n));
        px.insert(px.end(), more.begin(), more.end());
        place(n, a, b);
        return n++;
    }
    int addCopyOf(int i)
    {
        px.insert(px.end(), px.begin() + i * kPixels, px.begin() + (i + 1) * kPixels);
        return n++;
    }
    Dataset dataset() const { return Dataset::fromImages(px, n, 1, kSide, kSide); }
};

double at255(double pixels)
{
    return pixels / 255.0;
}

} // namespace

TEST(Duplicates, PlantedExactCopiesAreFoundAndOnlyThey)
{
    const Dataset ds = plantedCopies();
    const DuplicateReport r = findDuplicates(nullptr, ds, {}, exactOnly());
    ASSERT_EQ(r.groups.size(), 4u);
    EXPECT_EQ(indicesOf(r.groups[0]), (std::vector<std::int64_t>{3, 20, 33}));
    EXPECT_EQ(indicesOf(r.groups[1]), (std::vector<std::int64_t>{5, 17}));
    EXPECT_EQ(indicesOf(r.groups[2]), (std::vector<std::int64_t>{8, 36}));
    EXPECT_EQ(indicesOf(r.groups[3]), (std::vector<std::int64_t>{12, 39}));
    for (const DuplicateGroup& g : r.groups) {
        EXPECT_TRUE(g.exact);
        for (const DuplicateMember& m : g.members) {
            EXPECT_TRUE(m.exact);
            EXPECT_EQ(m.distance, 0.0);
        }
    }
    EXPECT_EQ(r.exactGroups, 4);
    EXPECT_EQ(r.nearGroups, 0);
    EXPECT_EQ(r.samplesInGroups, 9);
    EXPECT_EQ(r.samplesWithExactCopy, 9);
    EXPECT_TRUE(r.nearestDistances.empty());
    EXPECT_EQ(r.threshold, 0.0);
}

TEST(Duplicates, LeaksListExactlyThePlantedCrossSplitCopies)
{
    const Dataset ds = plantedCopies();
    const DuplicateReport r = findDuplicates(nullptr, ds, {}, exactOnly());
    ASSERT_EQ(r.leaks.size(), 2u);
    EXPECT_EQ(r.leaks[0].test, 33);
    EXPECT_EQ(r.leaks[0].partners, (std::vector<std::int64_t>{3, 20}));
    EXPECT_TRUE(r.leaks[0].exact);
    EXPECT_EQ(r.leaks[1].test, 36);
    EXPECT_EQ(r.leaks[1].partners, (std::vector<std::int64_t>{8}));
    EXPECT_TRUE(r.leaks[1].exact);
    // 39 is in neither part of the split: its copy of 12 is a group, not a leak.
    EXPECT_TRUE(splitPartOf(ds, 39) == SplitPart::Neither);
    EXPECT_TRUE(splitPartOf(ds, 12) == SplitPart::Train);
    EXPECT_TRUE(splitPartOf(ds, 33) == SplitPart::Validation);

    // Scanning the test part alone finds its own copies only, and no leak without training samples.
    std::vector<std::int64_t> test;
    for (std::int64_t i = 30; i < 38; ++i)
        test.push_back(i);
    const DuplicateReport part = findDuplicates(nullptr, ds, test, exactOnly());
    EXPECT_TRUE(part.groups.empty());
    EXPECT_TRUE(part.leaks.empty());
}

TEST(Duplicates, FloatSamplesAreComparedByTheirBytes)
{
    std::mt19937_64 rng(4);
    std::uniform_real_distribution<float> u(0.0f, 1.0f);
    const int n = 30, d = 7;
    std::vector<float> v(static_cast<std::size_t>(n * d));
    for (auto& x : v)
        x = u(rng);
    std::copy_n(v.begin() + 2 * d, d, v.begin() + 11 * d);
    std::copy_n(v.begin() + 2 * d, d, v.begin() + 25 * d);
    // One value a float step away from sample 4's: the same to the eye, other bytes.
    std::copy_n(v.begin() + 4 * d, d, v.begin() + 19 * d);
    v[static_cast<std::size_t>(19 * d + 6)] = std::nextafter(v[static_cast<std::size_t>(4 * d + 6)], 2.0f);
    const Dataset ds = Dataset::fromTable(v, n, d, std::vector<ValueRange>(d), std::vector<std::string>(d, "f"));
    const DuplicateReport r = findDuplicates(nullptr, ds, {}, exactOnly());
    ASSERT_EQ(r.groups.size(), 1u);
    EXPECT_EQ(indicesOf(r.groups[0]), (std::vector<std::int64_t>{2, 11, 25}));
}

TEST(Duplicates, AHashCollisionCannotJoinDifferentSamples)
{
    const Dataset ds = plantedCopies();
    std::vector<std::int64_t> all(40);
    std::iota(all.begin(), all.end(), std::int64_t{0});
    const std::vector<std::int64_t> real = firstExactCopies(ds, all);
    // Every sample collides with every other: only the full comparison can tell them apart.
    const std::vector<std::int64_t> colliding =
        firstExactCopies(ds, all, nullptr, [](const unsigned char*, std::size_t) { return std::uint64_t{42}; });
    EXPECT_EQ(colliding, real);
    // Half of them collide (by parity of the first byte): the same classes again.
    const std::vector<std::int64_t> half =
        firstExactCopies(ds, all, nullptr, [](const unsigned char* b, std::size_t) { return std::uint64_t{b[0] & 1u}; });
    EXPECT_EQ(half, real);
    EXPECT_EQ(real[20], 3);
    EXPECT_EQ(real[33], 3);
    EXPECT_EQ(real[17], 5);
    EXPECT_EQ(real[36], 8);
    EXPECT_EQ(real[39], 12);
    for (std::int64_t p : {0, 1, 2, 4, 6, 10, 29, 30, 38})
        EXPECT_EQ(real[static_cast<std::size_t>(p)], p);
}

TEST(Duplicates, ThousandsOfSamplesOneByteApartStayApart)
{
    // 4,095 images of 63 bytes (not a multiple of the hash's 8-byte words), each the same base image with one
    // byte changed: every position, the last included, and 65 values at each. None is a copy of another.
    const int n = 63 * 65, bytes = 63;
    std::vector<std::uint8_t> px(static_cast<std::size_t>(n) * bytes, 7);
    for (int i = 0; i < n; ++i)
        px[static_cast<std::size_t>(i) * bytes + static_cast<std::size_t>(i % bytes)] = static_cast<std::uint8_t>(8 + i / bytes);
    const Dataset ds = Dataset::fromImages(std::move(px), n, 1, 7, 9);
    const DuplicateReport r = findDuplicates(nullptr, ds, {}, exactOnly());
    EXPECT_TRUE(r.groups.empty()) << r.groups.size() << " groups, the first from " << r.groups.front().members.front().index;
    const unsigned char a[3] = {1, 2, 3}, b[3] = {1, 2, 4};
    EXPECT_NE(sampleBytesHash(a, 3), sampleBytesHash(b, 3));
    EXPECT_NE(sampleBytesHash(a, 2), sampleBytesHash(a, 3)); // a prefix is another string
}

TEST(Duplicates, PlantedNearDuplicatesAreFoundWithAGivenThreshold)
{
    LatentImages images(36, 5);
    // A chain at 2/255 steps from sample 7 at (140, 0): 7 - p - q, where 7 and q are 4/255 apart, beyond the
    // threshold, so only joining transitively makes them one group. And one near copy of sample 30.
    images.place(7, 140, 0);
    const int p = images.add(142, 0), q = images.add(144, 0);
    images.place(30, 120, 40);
    const int r30 = images.add(120, 41);
    const int copy = images.addCopyOf(12); // an exact copy too: its own, exact, group
    const Dataset ds = images.dataset();
    auto model = pixelReader();
    const DuplicateReport r = findDuplicates(model.get(), ds, {}, nearWithin(at255(2.5)));
    EXPECT_DOUBLE_EQ(r.threshold, at255(2.5));
    ASSERT_EQ(r.groups.size(), 3u);
    EXPECT_TRUE(r.groups[0].exact);
    EXPECT_EQ(indicesOf(r.groups[0]), (std::vector<std::int64_t>{12, copy}));
    EXPECT_EQ(indicesOf(r.groups[1]), (std::vector<std::int64_t>{7, p, q}));
    EXPECT_FALSE(r.groups[1].exact);
    EXPECT_NEAR(r.groups[1].members[1].distance, at255(2), 1e-6);
    EXPECT_NEAR(r.groups[1].members[2].distance, at255(4), 1e-6);
    for (const DuplicateMember& m : r.groups[1].members)
        EXPECT_FALSE(m.exact);
    EXPECT_EQ(indicesOf(r.groups[2]), (std::vector<std::int64_t>{30, r30}));
    EXPECT_EQ(r.exactGroups, 1);
    EXPECT_EQ(r.nearGroups, 2);
    EXPECT_EQ(r.samplesInGroups, 7);
    // Every sample's nearest: 0 for the exact pair, 1/255 for 30's pair, 20/255 (the grid) for the others.
    ASSERT_EQ(r.nearestDistances.size(), static_cast<std::size_t>(ds.size()));
    EXPECT_NEAR(r.nearestDistances[30], at255(1), 1e-6);
    EXPECT_NEAR(r.nearestDistances[12], 0.0, 1e-9);
    EXPECT_NEAR(r.nearestDistances[0], at255(20), 1e-6);

    // Just under the step, the chain is no group; the pair at 1/255 still is.
    const DuplicateReport tight = findDuplicates(model.get(), ds, {}, nearWithin(at255(1.5)));
    ASSERT_EQ(tight.groups.size(), 2u);
    EXPECT_EQ(indicesOf(tight.groups[1]), (std::vector<std::int64_t>{30, r30}));
    // Threshold 0: identical latents only, here the exact copies.
    EXPECT_EQ(findDuplicates(model.get(), ds, {}, nearWithin(0.0)).groups.size(), 1u);
}

TEST(Duplicates, ExactCopiesInsideANearGroupAreMarked)
{
    LatentImages images(24, 6);
    images.place(3, 210, 100);
    const int near = images.add(211, 100);
    const int copy = images.addCopyOf(3);
    const Dataset ds = images.dataset();
    auto model = pixelReader();
    const DuplicateReport r = findDuplicates(model.get(), ds, {}, nearWithin(at255(1.5)));
    ASSERT_EQ(r.groups.size(), 1u);
    const DuplicateGroup& g = r.groups[0];
    EXPECT_FALSE(g.exact);
    EXPECT_EQ(r.exactGroups, 0);
    EXPECT_EQ(r.samplesWithExactCopy, 2);
    ASSERT_EQ(g.members.size(), 3u);
    // 3 first; its copy at distance 0 before the near one.
    EXPECT_EQ(g.members[0].index, 3);
    EXPECT_EQ(g.members[1].index, copy);
    EXPECT_EQ(g.members[2].index, near);
    EXPECT_TRUE(g.members[0].exact);
    EXPECT_TRUE(g.members[1].exact);
    EXPECT_FALSE(g.members[2].exact);
    EXPECT_EQ(g.members[1].distance, 0.0);
    EXPECT_NEAR(g.members[2].distance, at255(1), 1e-6);
}

TEST(Duplicates, AGroupOfMoreThanTheSearchsNeighboursIsFoundWhole)
{
    // Two clumps of 12 samples each, every clump at one latent point, 3/255 apart: each sample's 10 nearest
    // are all in its own clump, so only the search around crowded samples links the clumps under 4/255.
    LatentImages images(30, 7);
    std::vector<std::int64_t> expected;
    for (int i = 0; i < 12; ++i)
        expected.push_back(images.add(100, 230));
    for (int i = 0; i < 12; ++i)
        expected.push_back(images.add(103, 230));
    const Dataset ds = images.dataset();
    auto model = pixelReader();
    const DuplicateReport r = findDuplicates(model.get(), ds, {}, nearWithin(at255(4)));
    ASSERT_EQ(r.groups.size(), 1u);
    EXPECT_EQ(indicesOf(r.groups[0]).size(), 24u);
    std::vector<std::int64_t> found = indicesOf(r.groups[0]);
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, expected);
    // The first clump at distance 0 from the first member, the other at 3/255.
    for (std::size_t m = 1; m < 24; ++m)
        EXPECT_NEAR(r.groups[0].members[m].distance, m < 12 ? 0.0 : at255(3), 1e-6) << m;
}

TEST(Duplicates, NearLeaksAcrossTheSplit)
{
    LatentImages images(30, 8);
    const int testNear = images.add(20, 0);   // beside sample 1 (20, 0)
    const int testNear2 = images.add(41, 0);  // beside sample 2 (40, 0)
    const int testAlone = images.add(250, 250);
    Dataset ds = images.dataset();
    Split split;
    for (std::int64_t i = 0; i < 30; ++i)
        split.train.push_back(i);
    split.validation = {testNear, testNear2, testAlone};
    ds.setSplit(split);
    auto model = pixelReader();
    const DuplicateReport r = findDuplicates(model.get(), ds, {}, nearWithin(at255(1.5)));
    ASSERT_EQ(r.leaks.size(), 2u);
    EXPECT_EQ(r.leaks[0].test, testNear);
    EXPECT_EQ(r.leaks[0].partners, (std::vector<std::int64_t>{1}));
    EXPECT_FALSE(r.leaks[0].exact); // the same latent, other bytes
    EXPECT_EQ(r.leaks[1].test, testNear2);
    EXPECT_EQ(r.leaks[1].partners, (std::vector<std::int64_t>{2}));
}

TEST(Duplicates, DefaultThresholdIsATenthOfTheMedianPositiveNearestDistance)
{
    EXPECT_DOUBLE_EQ(defaultNearThreshold({0.0, 0.0, 1.0, 5.0, 3.0, 2.0, 4.0}), 0.3);
    EXPECT_DOUBLE_EQ(defaultNearThreshold({2.0, std::nan(""), 2.0, 2.0}), 0.2);
    EXPECT_EQ(defaultNearThreshold({}), 0.0);
    EXPECT_EQ(defaultNearThreshold({0.0, 0.0}), 0.0);

    // Through findDuplicates: the grid's nearest distances are 20/255 for most samples, so the default is
    // 2/255, which takes in a pair at 1/255 and not one at 3/255.
    LatentImages images(36, 9);
    const int close = images.add(0, 1);  // 1/255 from sample 0
    images.add(63, 20);                  // 3/255 from sample 15 (60, 20)
    const Dataset ds = images.dataset();
    auto model = pixelReader();
    const DuplicateReport r = findDuplicates(model.get(), ds, {}, {});
    EXPECT_NEAR(r.threshold, at255(2), 1e-6);
    ASSERT_EQ(r.groups.size(), 1u);
    EXPECT_EQ(indicesOf(r.groups[0]), (std::vector<std::int64_t>{0, close}));
}

TEST(Duplicates, RefusesBadThresholdsIndicesAndAMissingModel)
{
    const Dataset ds = plantedCopies();
    auto model = pixelReader();
    for (const double t : {-0.5, -2.0, std::nan(""), std::numeric_limits<double>::infinity()}) {
        const std::string message = badInputMessage([&] { findDuplicates(model.get(), ds, {}, nearWithin(t)); });
        EXPECT_NE(message.find("threshold must be a latent distance of 0 or more"), std::string::npos) << t << ": " << message;
    }
    EXPECT_NE(badInputMessage([&] { findDuplicates(nullptr, ds, {}, {}); }).find("no model was given"), std::string::npos);
    EXPECT_NE(badInputMessage([&] { findDuplicates(nullptr, ds, {1, 40}, exactOnly()); }).find("outside"), std::string::npos);
    EXPECT_NE(badInputMessage([&] { findDuplicates(nullptr, ds, {-1}, exactOnly()); }).find("outside"), std::string::npos);
    EXPECT_NE(badInputMessage([&] { findDuplicates(nullptr, ds, {4, 9, 4}, exactOnly()); }).find("listed twice"),
              std::string::npos);
}

TEST(Duplicates, FewerThanTwoSamplesHaveNoNeighbours)
{
    const Dataset ds = plantedCopies();
    auto model = pixelReader();
    const DuplicateReport one = findDuplicates(model.get(), ds, {4}, {});
    EXPECT_TRUE(one.groups.empty());
    EXPECT_TRUE(one.nearestDistances.empty());
    const DuplicateReport two = findDuplicates(model.get(), ds, {3, 20}, {});
    ASSERT_EQ(two.groups.size(), 1u);
    EXPECT_TRUE(two.groups[0].exact);
}

TEST(Duplicates, ReportsProgressAndCanBeCancelled)
{
    const Dataset ds = plantedCopies();
    auto model = pixelReader();
    std::vector<double> fractions;
    const AnalysisControl control([&](double f, const std::string&) { fractions.push_back(f); });
    findDuplicates(model.get(), ds, {}, {}, &control);
    ASSERT_FALSE(fractions.empty());
    for (const double f : fractions) {
        EXPECT_GE(f, 0.0);
        EXPECT_LE(f, 1.0);
    }
    EXPECT_EQ(fractions.back(), 1.0);

    AnalysisControl cancelled;
    cancelled.cancel();
    EXPECT_THROW(findDuplicates(model.get(), ds, {}, {}, &cancelled), AnalysisCancelled);
    EXPECT_THROW(findDuplicates(nullptr, ds, {}, exactOnly(), &cancelled), AnalysisCancelled);
    // Cancelled once the exact pass is done, during encoding.
    AnalysisControl late([&](double, const std::string& what) {
        if (what == "exact duplicates")
            late.cancel();
    });
    EXPECT_THROW(findDuplicates(model.get(), ds, {}, {}, &late), AnalysisCancelled);
}

TEST(DuplicatesCsv, OneRowPerMemberWithTheDocumentedColumns)
{
    Dataset ds = plantedCopies();
    ds.sampleNames.resize(40);
    for (int i = 0; i < 40; ++i)
        ds.sampleNames[static_cast<std::size_t>(i)] = "img/" + std::to_string(i) + ".png";
    ds.sampleNames[33] = "odd, name.png";
    const DuplicateReport r = findDuplicates(nullptr, ds, {}, exactOnly());
    const std::string csv = duplicateGroupsCsv(ds, r);
    EXPECT_EQ(csv, "group,index,split,file,distance,exact\n"
                   "1,3,train,img/3.png,0,1\n"
                   "1,20,train,img/20.png,0,1\n"
                   "1,33,test,\"odd, name.png\",0,1\n"
                   "2,5,train,img/5.png,0,1\n"
                   "2,17,train,img/17.png,0,1\n"
                   "3,8,train,img/8.png,0,1\n"
                   "3,36,test,img/36.png,0,1\n"
                   "4,12,train,img/12.png,0,1\n"
                   "4,39,none,img/39.png,0,1\n");
}

TEST(DuplicatesCsv, NeverWritesOverAFileOfTheDataset)
{
    const TempDir dir;
    Dataset ds = plantedCopies();
    const DuplicateReport r = findDuplicates(nullptr, ds, {}, exactOnly());
    // A dataset read from one file.
    ds.source = dir.file("data.csv");
    writeText(ds.source, "a,b\n1,2\n");
    EXPECT_NE(badInputMessage([&] { writeDuplicateGroupsCsv(ds.source, ds, r); }).find("is a file of the dataset"),
              std::string::npos);
    std::ifstream in(ds.source);
    EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "a,b\n1,2\n");
    // A dataset read from a folder: its existing files are refused, a new file beside them is written.
    const TempDir folder;
    ds.source = folder.path();
    writeText(folder.file("train-images-idx3-ubyte"), "images");
    EXPECT_TRUE(isDatasetFile(ds, folder.file("train-images-idx3-ubyte")));
    EXPECT_THROW(writeDuplicateGroupsCsv(folder.file("train-images-idx3-ubyte"), ds, r), BadInputError);
    writeDuplicateGroupsCsv(folder.file("groups.csv"), ds, r);
    writeDuplicateGroupsCsv(dir.file("groups.csv"), ds, r);
    std::ifstream out(dir.file("groups.csv"));
    std::string header;
    std::getline(out, header);
    EXPECT_EQ(header, "group,index,split,file,distance,exact");
}
