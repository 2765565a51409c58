#include "core/util/printable.h"

#include <gtest/gtest.h>

using latentlab::printable;

TEST(Printable, ControlBytesBecomeQuestionMarksAndUtf8Stays)
{
    EXPECT_EQ(printable("a\nb\rc\x1b[0m\x7f"), "a?b?c?[0m?");
    EXPECT_EQ(printable("\xe5\xae\xbd\xe5\xba\xa6"), "\xe5\xae\xbd\xe5\xba\xa6");
}

TEST(Printable, LongTextIsCutBetweenCharacters)
{
    EXPECT_EQ(printable("abcdef", 4), "abcd...");
    // Three 3-byte characters cut at 4 bytes keep one whole character, not one and a third.
    EXPECT_EQ(printable("\xe5\xae\xbd\xe5\xba\xa6\xe5\xae\xbd", 4), "\xe5\xae\xbd...");
    EXPECT_EQ(printable("short", 60), "short");
}
