#pragma once
// What the train/eval/encode tests share: tiny data sets, a quickly trained checkpoint made once per test
// process, and the argument lists and output parsing they all use.
#include "tests/support/fixtures.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace latentlab::testing {

// An IDX folder of 8x8 images in 4 classes with a predefined split: kIdxTrain train + kIdxTest t10k images.
constexpr int kIdxTrain = 96;
constexpr int kIdxTest = 32;
const std::string& sharedIdxFolder();
// A VAE (MLP 32,32, latent kLatent) trained one epoch on sharedIdxFolder(); trained on first use.
constexpr int kLatent = 4;
const std::string& sharedCheckpoint();

// An IDX folder of n h x w images; with test > 0 a t10k part too. Labelled in 4 classes unless labels is false.
std::string writeIdxFolder(const std::string& dir, int n, int test, int h, int w, bool labels = true);
// A table of `rows` rows: 5 numeric features and a text column "kind" with three values.
std::string writeTable(const std::string& path, int rows);

// `train` on a small, fast model: MLP 32,32, latent 4, one thread, batches of 32, then `extra`.
std::vector<std::string> quickTrain(const std::string& data, const std::string& out,
                                    const std::vector<std::string>& extra = {});

// Rows of a CSV file split at commas, keeping a trailing empty field (an unlabelled row ends in a comma).
std::vector<std::vector<std::string>> readCsv(const std::string& path);

// Every line of `text` that is a JSON object; a line that is not JSON fails the calling test.
std::vector<nlohmann::json> jsonLines(const std::string& text);

} // namespace latentlab::testing
