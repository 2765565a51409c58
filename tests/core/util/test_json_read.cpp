#include "core/models/model_config.h"
#include "core/training/training_config.h"
#include "core/util/json_read.h"

#include <gtest/gtest.h>

using latentlab::BadInputError;
using latentlab::jsonInteger;
using latentlab::jsonIntegers;
using nlohmann::json;

TEST(JsonRead, ReadsWholeNumbersWrittenAsIntegersOrFloats)
{
    EXPECT_EQ(jsonInteger<int>(json::parse("42"), "x"), 42);
    EXPECT_EQ(jsonInteger<int>(json::parse("-7"), "x"), -7);
    EXPECT_EQ(jsonInteger<int>(json::parse("1e3"), "x"), 1000);
    EXPECT_EQ(jsonInteger<std::int64_t>(json::parse("-9223372036854775808"), "x"),
              std::numeric_limits<std::int64_t>::min());
    EXPECT_EQ(jsonInteger<std::uint64_t>(json::parse("18446744073709551615"), "x"),
              std::numeric_limits<std::uint64_t>::max());
    EXPECT_EQ(jsonIntegers<std::int64_t>(json::parse("[1, 28, 28]"), "shape"), (std::vector<std::int64_t>{1, 28, 28}));
}

TEST(JsonRead, RefusesWhatDoesNotFitInsteadOfCastingIt)
{
    // Each of these is undefined behaviour or a silent wrap through nlohmann's own get<int>().
    for (const char* text : {"1e300", "-1e300", "2147483648", "-2147483649", "1.5", "9223372036854775807.0", "true",
                             "\"3\"", "null", "[1]"}) {
        SCOPED_TRACE(text);
        try {
            jsonInteger<int>(json::parse(text), "latent_dim");
            ADD_FAILURE() << "accepted";
        } catch (const BadInputError& e) {
            EXPECT_STREQ(e.what(), "latent_dim must be a whole number from -2147483648 to 2147483647");
        }
    }
    EXPECT_THROW(jsonInteger<std::int64_t>(json::parse("9.3e18"), "x"), BadInputError);
    EXPECT_THROW(jsonInteger<std::uint64_t>(json::parse("-1"), "x"), BadInputError);
    EXPECT_THROW(jsonIntegers<std::int64_t>(json::parse("[1, 1e300]"), "shape"), BadInputError);
    EXPECT_THROW(jsonIntegers<std::int64_t>(json::parse("{}"), "shape"), BadInputError);
}

TEST(JsonRead, ConfigsFromFilesRefuseHugeNumbersByName)
{
    try {
        latentlab::ModelConfig::fromJson(json::parse(R"({"latent_dim": 1e300})"));
        ADD_FAILURE() << "accepted";
    } catch (const BadInputError& e) {
        EXPECT_NE(std::string(e.what()).find("model config: latent_dim must be a whole number"), std::string::npos)
            << e.what();
    }
    try {
        latentlab::TrainingConfig::fromJson(json::parse(R"({"threads": 1e20})"));
        ADD_FAILURE() << "accepted";
    } catch (const BadInputError& e) {
        EXPECT_NE(std::string(e.what()).find("training settings: threads must be a whole number"), std::string::npos)
            << e.what();
    }
}
