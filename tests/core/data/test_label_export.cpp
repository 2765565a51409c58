// What a label review writes: the suspects CSV, and relabelled copies of the labels in each dataset's own
// format that load back through the loaders with exactly the changes, while the dataset's own files are
// refused as destinations (under any spelling) and stay as they were.
#include "core/data/label_export.h"

#include "core/data/csv_loader.h"
#include "core/data/idx_loader.h"
#include "core/data/image_folder_loader.h"
#include "core/data/load_dataset.h"
#include "tests/support/expect_error.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

using namespace latentlab;
using namespace latentlab::testing;
namespace fs = std::filesystem;

namespace {

std::string fileText(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A class folder per class (cat, dog, owl) of tiny PNGs: cat/a,b  dog/c,d  owl/e.
std::string writeImageFolder(const TempDir& dir)
{
    const std::string root = dir.file("pets");
    int seed = 0;
    for (const auto& [cls, files] : std::vector<std::pair<std::string, std::vector<std::string>>>{
             {"cat", {"a.png", "b.png"}}, {"dog", {"c.png", "d.png"}}, {"owl", {"e.png"}}}) {
        fs::create_directories(root + "/" + cls);
        for (const auto& f : files)
            writePng(root + "/" + cls + "/" + f, 4, 3, 1, ++seed);
    }
    return root;
}

std::vector<std::int32_t> withChanges(std::vector<std::int32_t> labels, const std::map<std::int64_t, std::int32_t>& changes)
{
    for (const auto& [i, l] : changes)
        labels[static_cast<std::size_t>(i)] = l;
    return labels;
}

} // namespace

TEST(LabelExport, SuspectsCsvNamesFilesClassesAndDecisions)
{
    const TempDir dir;
    const Dataset ds = loadDataset(writeImageFolder(dir));
    const std::vector<LabelSuspect> suspects{{3, 1, 0, 0.8}, {0, 0, 2, 0.25}, {4, 2, 2, 0.0}};
    const std::string text = labelSuspectsCsv(ds, suspects, {{3, LabelDecision::Relabel}, {4, LabelDecision::Keep}});
    EXPECT_EQ(text, "index,file,given,suggested,score,decision\n"
                    "3,pets/dog/d.png,dog,cat,0.8,relabel\n"
                    "0,pets/cat/a.png,cat,owl,0.25,\n"
                    "4,pets/owl/e.png,owl,owl,0,keep\n");
    const std::string out = dir.file("suspects.csv");
    writeLabelSuspectsCsv(out, ds, suspects);
    EXPECT_EQ(fileText(out), labelSuspectsCsv(ds, suspects));
    for (const LabelDecision d : {LabelDecision::Undecided, LabelDecision::Keep, LabelDecision::Relabel})
        EXPECT_TRUE(labelDecisionFromString(toString(d)) == d);
    EXPECT_NE(badInputMessage([] { labelDecisionFromString("maybe"); }).find("not one of keep, relabel"),
              std::string::npos);
}

TEST(LabelExport, IdxLabelsLoadBackWithExactlyTheChanges)
{
    const TempDir dir;
    const std::string images = writeIdxPair(dir.path(), "train", 20, 4, 4, 3, false);
    const std::string own = dir.file("train-labels-idx1-ubyte");
    const std::string ownBytes = fileText(own);
    const Dataset ds = loadDataset(images);
    const RelabelTarget target = relabelTarget(ds);
    EXPECT_EQ(target.what, "an IDX labels file");
    EXPECT_EQ(target.suggestedFileName, "train-labels-relabelled-idx1-ubyte");
    EXPECT_FALSE(target.folder);

    const std::map<std::int64_t, std::int32_t> changes{{2, 0}, {5, 1}, {7, ds.labels()[7]}}; // the last changes nothing
    for (const std::string name : {"fixed-idx1-ubyte", "fixed-idx1-ubyte.gz"}) {
        const std::string out = dir.file(name);
        EXPECT_EQ(writeRelabelledLabels(out, ds, changes), 2);
        const Dataset back = loadIdxImages(images, out);
        EXPECT_EQ(back.labels(), withChanges(ds.labels(), changes)) << name;
        EXPECT_EQ(back.classNames(), ds.classNames());
    }
    EXPECT_EQ(fileText(dir.file("fixed-idx1-ubyte.gz")).substr(0, 2), "\x1f\x8b"); // gzipped, as asked
    EXPECT_EQ(fileText(own), ownBytes);
}

TEST(LabelExport, IdxFolderGetsOneLabelsFilePerPartInAFolder)
{
    const TempDir dir;
    const std::string folder = dir.file("mnist");
    fs::create_directories(folder);
    const std::string train = writeIdxPair(folder, "train", 12, 4, 4, 4, true);
    const std::string test = writeIdxPair(folder, "t10k", 8, 4, 4, 4, true);
    const Dataset ds = loadDataset(folder);
    ASSERT_EQ(ds.size(), 20);
    EXPECT_TRUE(relabelTarget(ds).folder);
    const std::map<std::int64_t, std::int32_t> changes{{1, 3}, {15, 0}}; // one in each part
    const std::string out = dir.file("relabelled");
    EXPECT_EQ(writeRelabelledLabels(out, ds, changes), 2);
    const std::vector<std::int32_t> expected = withChanges(ds.labels(), changes);
    const Dataset backTrain = loadIdxImages(train, out + "/train-labels-idx1-ubyte.gz");
    const Dataset backTest = loadIdxImages(test, out + "/t10k-labels-idx1-ubyte.gz");
    EXPECT_EQ(backTrain.labels(), std::vector<std::int32_t>(expected.begin(), expected.begin() + 12));
    EXPECT_EQ(backTest.labels(), std::vector<std::int32_t>(expected.begin() + 12, expected.end()));
    // A file where the folder should be, and the dataset's folder itself, are refused.
    writeText(dir.file("a-file"), "x");
    EXPECT_NE(badInputMessage([&] { writeRelabelledLabels(dir.file("a-file"), ds, changes); }).find("name a folder"),
              std::string::npos);
    const std::string before = fileText(folder + "/train-labels-idx1-ubyte.gz");
    EXPECT_NE(badInputMessage([&] { writeRelabelledLabels(folder, ds, changes); }).find("is one of the files"),
              std::string::npos);
    EXPECT_EQ(fileText(folder + "/train-labels-idx1-ubyte.gz"), before);
}

TEST(LabelExport, CsvCopyReplacesOnlyTheLabelCells)
{
    const TempDir dir;
    const std::string path = dir.file("animals.csv");
    // A byte-order mark, CRLF line ends, a quoted label with a comma, spaces around a cell and a blank line.
    const std::string text = "\xEF\xBB\xBF" "x,kind,y\r\n"
                             "1.5,cat,2\r\n"
                             "2, dog ,3\r\n"
                             "\r\n"
                             "3,\"owl, barn\",4\r\n"
                             "4,cat,\"5\"\r\n";
    writeText(path, text);
    const Dataset ds = loadCsv(path, "kind");
    ASSERT_EQ(ds.classNames(), (std::vector<std::string>{"cat", "dog", "owl, barn"}));
    EXPECT_EQ(ds.labelColumn, "kind");
    EXPECT_EQ(relabelTarget(ds).suggestedFileName, "animals-relabelled.csv");
    const std::string out = dir.file("animals-relabelled.csv");
    // Row 1 becomes an owl (quoted now, as it holds a comma), row 2 (quoted) a dog, row 3 stays.
    EXPECT_EQ(writeRelabelledLabels(out, ds, {{1, 2}, {2, 1}, {3, 0}}), 2);
    EXPECT_EQ(fileText(out), "\xEF\xBB\xBF" "x,kind,y\r\n"
                             "1.5,cat,2\r\n"
                             "2, \"owl, barn\" ,3\r\n"
                             "\r\n"
                             "3,\"dog\",4\r\n"
                             "4,cat,\"5\"\r\n");
    const Dataset back = loadCsv(out, "kind");
    ASSERT_EQ(back.size(), 4);
    std::vector<std::string> names;
    for (const auto l : back.labels())
        names.push_back(back.classNames()[static_cast<std::size_t>(l)]);
    EXPECT_EQ(names, (std::vector<std::string>{"cat", "owl, barn", "dog", "cat"}));
    EXPECT_EQ(fileText(path), text);

    // A tab-separated table keeps its tabs.
    const std::string tsv = dir.file("t.tsv");
    writeText(tsv, "kind\tv\na\t1\nb\t2\n");
    const Dataset t = loadCsv(tsv, "kind");
    writeRelabelledLabels(dir.file("t2.tsv"), t, {{0, 1}});
    EXPECT_EQ(fileText(dir.file("t2.tsv")), "kind\tv\nb\t1\nb\t2\n");

    // A file that changed since it was loaded is not rewritten from stale rows.
    writeText(path, "x,kind,y\n1,dog,2\n");
    EXPECT_NE(badInputMessage([&] { writeRelabelledLabels(dir.file("again.csv"), ds, {{0, 1}}); })
                  .find("has changed since it was loaded"),
              std::string::npos);
    EXPECT_FALSE(fs::exists(dir.file("again.csv")));
}

TEST(LabelExport, ImageFolderMovesApplyBackToTheLabels)
{
    const TempDir dir;
    const std::string root = writeImageFolder(dir);
    const Dataset ds = loadDataset(root);
    EXPECT_EQ(relabelTarget(ds).what, "a CSV of file moves");
    const std::string moves = dir.file("moves.csv");
    EXPECT_EQ(writeRelabelledLabels(moves, ds, {{1, 2}, {3, 0}, {4, 2}}), 2);
    EXPECT_EQ(fileText(moves), "file,from,to\npets/cat/b.png,cat,owl\npets/dog/d.png,dog,cat\n");

    // Doing the moves and loading the folder again gives exactly the relabelled classes.
    std::ifstream in(moves);
    std::string line;
    std::getline(in, line);
    while (std::getline(in, line)) {
        const auto a = line.find(','), b = line.rfind(',');
        const fs::path file = fs::path(dir.path()) / line.substr(0, a);
        fs::rename(file, fs::path(root) / line.substr(b + 1) / file.filename());
    }
    const Dataset back = loadImageFolder(root);
    std::map<std::string, std::string> classOf;
    for (std::int64_t i = 0; i < back.size(); ++i)
        classOf[fs::path(back.sampleNames[static_cast<std::size_t>(i)]).filename().string()] =
            back.classNames()[static_cast<std::size_t>(back.labels()[static_cast<std::size_t>(i)])];
    EXPECT_EQ(classOf, (std::map<std::string, std::string>{
                           {"a.png", "cat"}, {"b.png", "owl"}, {"c.png", "dog"}, {"d.png", "cat"}, {"e.png", "owl"}}));
}

TEST(LabelExport, NeverWritesOverTheDatasetsOwnFiles)
{
    const TempDir dir;
    // The CSV itself, by another spelling and through a symbolic link.
    const std::string csv = dir.file("table.csv");
    const std::string text = "v,kind\n1,a\n2,b\n3,a\n";
    writeText(csv, text);
    const Dataset table = loadCsv(csv, "kind");
    fs::create_symlink(csv, dir.file("link.csv"));
    for (const std::string& target : {csv, dir.path() + "/./table.csv", dir.file("link.csv")}) {
        EXPECT_NE(badInputMessage([&] { writeRelabelledLabels(target, table, {{0, 1}}); }).find("is one of the files"),
                  std::string::npos)
            << target;
        EXPECT_NE(badInputMessage([&] { writeLabelSuspectsCsv(target, table, {{0, 0, 1, 1.0}}); }).find("is one of the files"),
                  std::string::npos)
            << target;
    }
    EXPECT_EQ(fileText(csv), text);

    // IDX: the labels file beside the images, and the images file.
    const std::string images = writeIdxPair(dir.path(), "train", 6, 2, 2, 2, false);
    const std::string labels = dir.file("train-labels-idx1-ubyte");
    const std::string labelBytes = fileText(labels), imageBytes = fileText(images);
    const Dataset idx = loadDataset(images);
    fs::create_hard_link(labels, dir.file("hard-link"));
    for (const std::string& target : {labels, images, dir.file("hard-link")})
        EXPECT_NE(badInputMessage([&] { writeRelabelledLabels(target, idx, {{0, 1}}); }).find("is one of the files"),
                  std::string::npos)
            << target;
    EXPECT_NE(badInputMessage([&] { checkRelabelDestination(labels, idx); }).find("is one of the files"), std::string::npos);
    EXPECT_EQ(fileText(labels), labelBytes);
    EXPECT_EQ(fileText(images), imageBytes);

    // An image of an image folder.
    const std::string root = writeImageFolder(dir);
    const Dataset folder = loadDataset(root);
    const std::string png = root + "/dog/c.png", pngBytes = fileText(png);
    EXPECT_NE(badInputMessage([&] { writeRelabelledLabels(png, folder, {{0, 1}}); }).find("is one of the files"),
              std::string::npos);
    EXPECT_EQ(fileText(png), pngBytes);
}

TEST(LabelExport, RefusesWhatCannotBeWrittenBack)
{
    const TempDir dir;
    // Labels beside a .npy have no format of their own to write back in.
    writeNpy(dir.file("x.npy"), "|u1", {4, 2, 2}, std::vector<std::uint8_t>(16, 7));
    writeNpy(dir.file("x_labels.npy"), "<i8", {4}, rawBytes(std::vector<std::int64_t>{0, 1, 0, 1}));
    const Dataset npy = loadDataset(dir.file("x.npy"));
    ASSERT_TRUE(npy.hasLabels());
    EXPECT_NE(badInputMessage([&] { relabelTarget(npy); }).find("cannot be written back in their own format"),
              std::string::npos);
    // No labels at all.
    writeNpy(dir.file("y.npy"), "|u1", {4, 2, 2}, std::vector<std::uint8_t>(16, 7));
    const Dataset unlabelled = loadDataset(dir.file("y.npy"));
    EXPECT_EQ(badInputMessage([&] { writeRelabelledLabels(dir.file("out"), unlabelled, {}); }),
              "y.npy has no labels, so there is nothing to relabel");
    // A class the data does not have, and a sample it does not hold.
    const std::string images = writeIdxPair(dir.path(), "train", 6, 2, 2, 2, false);
    const Dataset idx = loadDataset(images);
    EXPECT_NE(badInputMessage([&] { writeRelabelledLabels(dir.file("l"), idx, {{0, 2}}); }).find("has 2 classes"),
              std::string::npos);
    EXPECT_NE(badInputMessage([&] { writeRelabelledLabels(dir.file("l"), idx, {{6, 0}}); }).find("sample 6 is not in"),
              std::string::npos);
    EXPECT_FALSE(fs::exists(dir.file("l")));
}
