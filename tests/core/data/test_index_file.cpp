// Lists of sample indices read from plain text and from the CSV files the CLI writes.
#include "core/data/index_file.h"

#include "tests/support/expect_error.h"
#include "tests/support/fixtures.h"

#include <gtest/gtest.h>

using namespace latentlab;
using latentlab::testing::badInputMessage;

TEST(IndexFile, ReadsOnePerLineAndTheIndexColumnOfACsv)
{
    EXPECT_EQ(parseIndexText("3\n 7\n\n# chosen by hand\n0\r\n7", "list"), (std::vector<std::int64_t>{3, 7, 0, 7}));
    EXPECT_EQ(parseIndexText("sample,index,label\n1,12,\"Ankle, boot\"\n2,5,Bag\n", "scores.csv"),
              (std::vector<std::int64_t>{12, 5}));
    EXPECT_EQ(parseIndexText("index,x,y\n4,0.5,1\n", "layout.csv"), (std::vector<std::int64_t>{4}));

    const latentlab::testing::TempDir dir;
    const std::string path = dir.file("set.txt");
    latentlab::testing::writeText(path, "9\n8\n");
    EXPECT_EQ(readIndexFile(path), (std::vector<std::int64_t>{9, 8}));
}

TEST(IndexFile, RefusesWhatIsNotAListOfIndices)
{
    std::string m = badInputMessage([] { parseIndexText("3\n-1\n", "set.txt"); });
    EXPECT_NE(m.find("set.txt: line 2"), std::string::npos) << m;
    m = badInputMessage([] { parseIndexText("x,y\n1,2\n", "layout.csv"); });
    EXPECT_NE(m.find("\"index\" column"), std::string::npos) << m;
    m = badInputMessage([] { parseIndexText("index,x\n1,2\n,3\n", "t.csv"); });
    EXPECT_NE(m.find("line 3"), std::string::npos) << m;
    m = badInputMessage([] { parseIndexText("# nothing\n\n", "empty.txt"); });
    EXPECT_NE(m.find("lists no sample indices"), std::string::npos) << m;
    m = badInputMessage([] { parseIndexText("2.5\n", "f.txt"); });
    EXPECT_NE(m.find("line 1"), std::string::npos) << m;
    const latentlab::testing::TempDir dir;
    m = badInputMessage([&] { readIndexFile(dir.file("missing.txt")); });
    EXPECT_NE(m.find("missing.txt"), std::string::npos) << m;
}
