#include "core/data/load_dataset.h"
#include "tests/support/expect_error.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>

using namespace latentlab;
using namespace latentlab::testing;

namespace {
Dataset loadCsvText(const TempDir& dir, const std::string& text, const std::string& labelColumn = {},
                    const std::string& name = "table.csv")
{
    writeText(dir.file(name), text);
    LoadOptions options;
    options.labelColumn = labelColumn;
    return loadDataset(dir.file(name), options);
}
} // namespace

TEST(CsvLoader, ScalesFeaturesToUnitRangeAndKeepsOriginalUnits)
{
    TempDir dir;
    const Dataset ds = loadCsvText(dir, "a,b,kind\n1,10,x\n3,20,y\n2,30,x\n", "kind");
    ASSERT_EQ(ds.size(), 3);
    EXPECT_EQ(ds.sampleShape(), (std::vector<std::int64_t>{2}));
    EXPECT_EQ(ds.featureNames(), (std::vector<std::string>{"a", "b"}));
    EXPECT_DOUBLE_EQ(ds.featureRanges()[1].min, 10.0);
    EXPECT_DOUBLE_EQ(ds.featureRanges()[1].max, 30.0);
    float row[2];
    ds.sampleTo01(2, row);
    EXPECT_FLOAT_EQ(row[0], 0.5f);
    EXPECT_FLOAT_EQ(row[1], 1.0f);
    EXPECT_EQ(ds.classNames(), (std::vector<std::string>{"x", "y"}));
    EXPECT_EQ(ds.labels(), (std::vector<std::int32_t>{0, 1, 0}));
    EXPECT_DOUBLE_EQ(ds.valueRange().max, 30.0);
}

TEST(CsvLoader, NumericLabelsSortNumericallyAndQuotesAndTabsWork)
{
    TempDir dir;
    const Dataset ds = loadCsvText(dir, "\"x, y\"\tlabel\n1.5\t10\n2.5\t9\n", "label", "t.tsv");
    EXPECT_EQ(ds.format, "tsv");
    EXPECT_EQ(ds.featureNames()[0], "x, y");
    EXPECT_EQ(ds.classNames(), (std::vector<std::string>{"9", "10"}));
    EXPECT_EQ(ds.labels(), (std::vector<std::int32_t>{1, 0}));
}

TEST(CsvLoader, ConstantColumnMapsToZero)
{
    TempDir dir;
    const Dataset ds = loadCsvText(dir, "a,b\n5,1\n5,2\n");
    float row[2];
    ds.sampleTo01(1, row);
    EXPECT_EQ(row[0], 0.0f);
    EXPECT_DOUBLE_EQ(ds.featureRanges()[0].min, 5.0);
}

TEST(CsvLoader, RejectsRaggedRowsWithLineNumber)
{
    TempDir dir;
    const std::string msg = badInputMessage([&] { loadCsvText(dir, "a,b,c\n1,2,3\n\n4,5\n"); });
    EXPECT_NE(msg.find("table.csv: line 4 has 2 fields but the header has 3"), std::string::npos) << msg;
}

TEST(CsvLoader, RejectsNonNumericCellsNamingLineAndColumn)
{
    TempDir dir;
    const std::string msg = badInputMessage([&] { loadCsvText(dir, "a,b\n1,2\n3,abc\n"); });
    EXPECT_NE(msg.find("line 3, column 'b': 'abc' is not a number"), std::string::npos) << msg;
}

TEST(CsvLoader, BytesThatWouldBreakTheMessageLineAreShownAsQuestionMarks)
{
    // A carriage return or an escape sequence in a cell or a column name must not garble a terminal; Chinese
    // column names stay as they are.
    TempDir dir;
    const std::string msg = badInputMessage([&] { loadCsvText(dir, "\xe5\xae\xbd,b\x1b[2J\n1,2\n3,x\ry\n"); });
    EXPECT_NE(msg.find("line 3, column 'b?[2J': 'x?y' is not a number"), std::string::npos) << msg;
    const std::string first = badInputMessage([&] { loadCsvText(dir, "\xe5\xae\xbd,b\n\x07,2\n"); });
    EXPECT_NE(first.find("column '\xe5\xae\xbd': '?' is not a number"), std::string::npos) << first;
}

TEST(CsvLoader, RejectsNanAndInfinity)
{
    TempDir dir;
    EXPECT_NE(badInputMessage([&] { loadCsvText(dir, "a,b\n1,nan\n"); }).find("'nan' is not a finite number"), std::string::npos);
    EXPECT_NE(badInputMessage([&] { loadCsvText(dir, "a,b\n1,2\n-inf,3\n"); }).find("line 3, column 'a'"), std::string::npos);
}

TEST(CsvLoader, RejectsEmptyCellsMissingLabelColumnAndHeaderOnly)
{
    TempDir dir;
    EXPECT_NE(badInputMessage([&] { loadCsvText(dir, "a,b\n1,\n"); }).find("empty"), std::string::npos);
    EXPECT_NE(badInputMessage([&] { loadCsvText(dir, "a,b\n1,2\n", "target"); }).find("no column named 'target' (columns: a, b)"),
              std::string::npos);
    EXPECT_NE(badInputMessage([&] { loadCsvText(dir, "a,b\n"); }).find("no data rows"), std::string::npos);
    EXPECT_NE(badInputMessage([&] { loadCsvText(dir, ""); }).find("empty"), std::string::npos);
}
