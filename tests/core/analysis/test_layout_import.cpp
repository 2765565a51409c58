// Layouts made elsewhere, read back for the explorer: CSV rows in any order with extra columns, TSV, .npy
// of float32 and float64; and every refusal in one sentence naming the file: the row count, an index out of
// range, twice or not a number, a missing column, a cell that is not a finite number, the wrong shape or dtype.
#include "core/analysis/layout_import.h"

#include "core/analysis/projection.h"
#include "tests/support/expect_error.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>
#include <torch/torch.h>

#include <limits>

using namespace latentlab;
using latentlab::testing::TempDir;
namespace lt = latentlab::testing;

namespace {

std::string refusal(const std::string& path, std::int64_t samples)
{
    const std::string message = lt::badInputMessage([&] { readLayout(path, samples); });
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    return message;
}

std::string csvRefusal(const TempDir& dir, const std::string& text, std::int64_t samples = 3)
{
    lt::writeText(dir.file("layout.csv"), text);
    return refusal(dir.file("layout.csv"), samples);
}

} // namespace

TEST(LayoutImport, CsvRowsInAnyOrderWithExtraColumns)
{
    const TempDir dir;
    // What `latentlab-cli project` writes has a label column after x and y; here the columns are shuffled too.
    lt::writeText(dir.file("layout.csv"), "y,label,index,x\n"
                                              "5.5,b,2,-1.25\n"
                                              "\n"
                                              "0.5,a,0,1e3\n"
                                              " 2 ,\"c, quoted\",1,+3\n");
    const torch::Tensor xy = readLayout(dir.file("layout.csv"), 3);
    ASSERT_EQ(xy.sizes(), (std::vector<std::int64_t>{3, 2}));
    EXPECT_EQ(xy.scalar_type(), torch::kFloat32);
    EXPECT_TRUE(torch::equal(xy, torch::tensor({{1000.0f, 0.5f}, {3.0f, 2.0f}, {-1.25f, 5.5f}})));

    lt::writeText(dir.file("layout.tsv"), "index\tx\ty\n1\t1\t2\n0\t3\t4\n");
    EXPECT_TRUE(torch::equal(readLayout(dir.file("layout.tsv"), 2), torch::tensor({{3.0f, 4.0f}, {1.0f, 2.0f}})));
}

TEST(LayoutImport, CsvRefusalsNameTheFileAndTheLine)
{
    const TempDir dir;
    EXPECT_EQ(csvRefusal(dir, "index,x,y\n0,1,2\n1,1,2\n"), "layout.csv has 2 rows but the dataset has 3 samples");
    EXPECT_EQ(csvRefusal(dir, "index,x,y\n0,1,2\n1,1,2\n2,0,0\n3,0,0\n"), "layout.csv has 4 rows but the dataset has 3 samples");
    EXPECT_EQ(csvRefusal(dir, "index,x,y\n0,1,2\n1,1,2\n3,0,0\n"),
              "layout.csv line 4: index 3 is out of range (the dataset's samples are 0..2)");
    EXPECT_EQ(csvRefusal(dir, "index,x,y\n0,1,2\n-1,1,2\n2,0,0\n"),
              "layout.csv line 3: index -1 is out of range (the dataset's samples are 0..2)");
    EXPECT_EQ(csvRefusal(dir, "index,x,y\n0,1,2\n1,1,2\n0,0,0\n"),
              "layout.csv line 4: index 0 is given twice (also on line 2)");
    EXPECT_EQ(csvRefusal(dir, "index,x,y\n0,1,2\n1.5,1,2\n2,0,0\n"), "layout.csv line 3: index '1.5' is not a whole number");
    EXPECT_EQ(csvRefusal(dir, "index,x,y\n0,1,2\n1,abc,2\n2,0,0\n"), "layout.csv line 3, column x: 'abc' is not a number");
    EXPECT_EQ(csvRefusal(dir, "index,x,y\n0,1,2\n1,1,\n2,0,0\n"), "layout.csv line 3, column y: '' is not a number");
    EXPECT_EQ(csvRefusal(dir, "index,x,y\n0,1,2\n1,1,nan\n2,0,0\n"), "layout.csv line 3, column y: 'nan' is not a finite number");
    EXPECT_EQ(csvRefusal(dir, "index,x,y\n0,-inf,2\n1,1,2\n2,0,0\n"), "layout.csv line 2, column x: '-inf' is not a finite number");
    EXPECT_EQ(csvRefusal(dir, "index,x,y\n0,1e39,2\n1,1,2\n2,0,0\n"), "layout.csv line 2, column x: '1e39' is too large for a layout");
    EXPECT_EQ(csvRefusal(dir, "index,x,y\n0,1,2\n1,1\n2,0,0\n"), "layout.csv line 3 has 2 fields but the header has 3");
    EXPECT_EQ(csvRefusal(dir, "index,x,z\n0,1,2\n1,1,2\n2,0,0\n"),
              "layout.csv has no column named y (a layout's header names index, x and y; this one reads 'index,x,z')");
    EXPECT_EQ(csvRefusal(dir, ""), "layout.csv: the file is empty");
    EXPECT_EQ(refusal(dir.file("gone.csv"), 3), "gone.csv: no such file");
}

TEST(LayoutImport, NpyOfFloat32AndFloat64)
{
    const TempDir dir;
    const std::vector<float> f{1.0f, 2.0f, -3.5f, 4.0f, 0.0f, 1e-3f};
    lt::writeNpy(dir.file("f4.npy"), "<f4", {3, 2}, lt::rawBytes(f));
    EXPECT_TRUE(torch::equal(readLayout(dir.file("f4.npy"), 3), torch::tensor(f).reshape({3, 2})));
    const std::vector<double> d{0.25, -8.0, 1e10, 2.0};
    lt::writeNpy(dir.file("f8.NPY"), "<f8", {2, 2}, lt::rawBytes(d));
    EXPECT_TRUE(torch::equal(readLayout(dir.file("f8.NPY"), 2), torch::tensor({0.25f, -8.0f, 1e10f, 2.0f}).reshape({2, 2})));
}

TEST(LayoutImport, NpyRefusals)
{
    const TempDir dir;
    lt::writeNpy(dir.file("layout.npy"), "<f4", {2, 2}, lt::rawBytes(std::vector<float>(4, 1.0f)));
    EXPECT_EQ(refusal(dir.file("layout.npy"), 3), "layout.npy has 2 rows but the dataset has 3 samples");
    lt::writeNpy(dir.file("wide.npy"), "<f4", {3, 3}, lt::rawBytes(std::vector<float>(9, 1.0f)));
    EXPECT_EQ(refusal(dir.file("wide.npy"), 3), "wide.npy has shape (3, 3) but a layout is (N, 2): one x, y row per sample");
    lt::writeNpy(dir.file("flat.npy"), "<f4", {6}, lt::rawBytes(std::vector<float>(6, 1.0f)));
    EXPECT_EQ(refusal(dir.file("flat.npy"), 3), "flat.npy has shape (6,) but a layout is (N, 2): one x, y row per sample");
    lt::writeNpy(dir.file("ints.npy"), "<i8", {3, 2}, lt::rawBytes(std::vector<std::int64_t>(6, 1)));
    EXPECT_EQ(refusal(dir.file("ints.npy"), 3), "ints.npy: dtype '<i8' is not a layout's (save it as float32 or float64)");
    std::vector<double> bad(6, 1.0);
    bad[3] = std::numeric_limits<double>::quiet_NaN();
    lt::writeNpy(dir.file("nan.npy"), "<f8", {3, 2}, lt::rawBytes(bad));
    EXPECT_EQ(refusal(dir.file("nan.npy"), 3), "nan.npy row 1: y is not a finite number");
    lt::writeText(dir.file("text.npy"), "index,x,y\n");
    EXPECT_NE(refusal(dir.file("text.npy"), 3).find("text.npy: not a NumPy .npy file"), std::string::npos);
}

TEST(LayoutImport, AProjectionShowsTheImportedLayoutAndSaysWhereItCameFrom)
{
    ProjectionRequest request;
    request.method = ProjectionMethod::Imported;
    request.layout = torch::tensor({{1.0f, 2.0f}, {3.0f, 4.0f}, {5.0f, 6.0f}});
    request.layoutName = "umap.csv";
    const Projection p = project(torch::randn({3, 5}), request);
    EXPECT_TRUE(torch::equal(p.xy, request.layout));
    EXPECT_EQ(p.describe(), "the layout imported from umap.csv, all 3 points");
    EXPECT_FALSE(hasInverse(ProjectionMethod::Imported));
    EXPECT_EQ(projectionMethodFromString("imported"), ProjectionMethod::Imported);
    request.rows = {2, 0};
    EXPECT_TRUE(torch::equal(project(torch::randn({3, 5}), request).xy, torch::tensor({{5.0f, 6.0f}, {1.0f, 2.0f}})));
    request.rows.clear();
    EXPECT_NE(lt::badInputMessage([&] { project(torch::randn({4, 5}), request); }).find("each of the 4 latents"),
              std::string::npos);
}
