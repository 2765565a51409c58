#include "core/models/make_model.h"
#include "core/models/model_config.h"
#include "tests/support/expect_error.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace latentlab;
using namespace latentlab::testing;

TEST(ModelConfig, RoundTripsThroughJson)
{
    ModelConfig c = ModelConfig::defaultsFor({1, 28, 28}, ModelKind::VqVae);
    c.backbone = Backbone::Conv;
    c.codebookSize = 64;
    c.commitment = 0.5;
    c.hidden = {300, 100};
    const ModelConfig back = ModelConfig::fromJson(nlohmann::json::parse(c.toJson().dump()));
    EXPECT_EQ(back, c);
    EXPECT_EQ(back.codebookSize, 64);
    EXPECT_EQ(back.backbone, Backbone::Conv);
}

TEST(ModelConfig, TheClassPriorIsOnForNewConditionalVaesAndRoundTrips)
{
    ModelConfig c = ModelConfig::defaultsFor({1, 28, 28}, ModelKind::ConditionalVae);
    EXPECT_TRUE(c.classPrior);
    EXPECT_FALSE(ModelConfig::defaultsFor({1, 28, 28}, ModelKind::Vae).classPrior);
    c.numClasses = 10;
    EXPECT_TRUE(ModelConfig::fromJson(nlohmann::json::parse(c.toJson().dump())).classPrior);
    c.classPrior = false;
    EXPECT_EQ(ModelConfig::fromJson(nlohmann::json::parse(c.toJson().dump())), c);
    nlohmann::json j = c.toJson();
    j["class_prior"] = "yes";
    EXPECT_NE(badInputMessage([&] { ModelConfig::fromJson(j); }).find("class_prior"), std::string::npos);
}

TEST(ModelConfig, DefaultsAreTheClassicVaeForImagesAndGaussianForTables)
{
    const ModelConfig img = ModelConfig::defaultsFor({1, 28, 28});
    EXPECT_EQ(img.hidden, (std::vector<std::int64_t>{512, 512}));
    EXPECT_EQ(img.latentDim, 32);
    EXPECT_EQ(img.likelihood, Likelihood::Bernoulli);
    const ModelConfig table = ModelConfig::defaultsFor({12});
    EXPECT_EQ(table.likelihood, Likelihood::Gaussian);
    EXPECT_NO_THROW(table.validate());
    EXPECT_NO_THROW(makeModel(ModelConfig::defaultsFor({12}, ModelKind::VqVae)));
}

TEST(ModelConfig, InvalidConfigsNameTheFieldAndWhy)
{
    ModelConfig c = ModelConfig::defaultsFor({1, 28, 28});
    c.latentDim = 0;
    EXPECT_NE(badInputMessage([&] { makeModel(c); }).find("latent_dim must be between 1 and 4096, not 0"), std::string::npos);

    c = ModelConfig::defaultsFor({20});
    c.backbone = Backbone::Conv;
    EXPECT_NE(badInputMessage([&] { c.validate(); }).find("conv needs image data"), std::string::npos);

    c = ModelConfig::defaultsFor({1, 30, 30});
    c.backbone = Backbone::Conv;
    EXPECT_NE(badInputMessage([&] { c.validate(); }).find("multiples of 4"), std::string::npos);

    c = ModelConfig::defaultsFor({1, 28, 28}, ModelKind::ConditionalVae);
    EXPECT_NE(badInputMessage([&] { c.validate(); }).find("num_classes"), std::string::npos);

    c = ModelConfig::defaultsFor({1, 28, 28}, ModelKind::VqVae);
    c.latentDim = 30;
    EXPECT_NE(badInputMessage([&] { c.validate(); }).find("multiple of code_dim"), std::string::npos);

    c = ModelConfig::defaultsFor({1, 28, 28});
    c.beta = -1;
    EXPECT_NE(badInputMessage([&] { c.validate(); }).find("beta"), std::string::npos);
}

TEST(ModelConfig, JsonWithWrongTypesOrNamesIsBadInput)
{
    EXPECT_NE(badInputMessage([] { ModelConfig::fromJson(nlohmann::json::parse(R"({"kind": "gan"})")); })
                  .find("'gan' is not one of ae, vae, beta-vae, cvae, vq-vae, hvae"),
              std::string::npos);
    EXPECT_NE(badInputMessage([] { ModelConfig::fromJson(nlohmann::json::parse(R"({"latent_dim": "big"})")); })
                  .find("model config: latent_dim must be a whole number"),
              std::string::npos);
    EXPECT_NE(badInputMessage([] { ModelConfig::fromJson(nlohmann::json::parse("[1, 2]")); }).find("JSON object"),
              std::string::npos);
}
