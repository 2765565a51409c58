#pragma once
// A LatentLab model as ONNX files (opset 13, a dynamic batch "N"): the encoder, the decoder and, for anomaly
// detection, a scorer that gives LatentLab's anomaly score and a flag against a threshold.
//   encoder: x [N, ...input] (and label_onehot [N, classes] for the conditional VAE) -> mu, logvar for the
//            Gaussian models (the top layer of the hierarchical VAE); z for the autoencoder; z and codes
//            [N, positions] for the VQ-VAE. Inputs in the model's own units: [0, 1], as it trained.
//   decoder: z [N, latent] (and label_onehot) -> reconstruction [N, ...input] (Bernoulli means after the sigmoid).
//   scorer:  x [N, ...input] in the data's own units (0-255 pixels, a table's values: the graph scales them as
//            LatentLab's loaders do) -> score [N, 1], flagged [N, 1] (1 where score > threshold).
// Every family and backbone exports; a TorchScript model has no weights of its own and is refused.
#include "core/analysis/anomaly_scores.h"
#include "core/data/dataset.h"
#include "core/models/latent_model.h"

#include <string>
#include <utility>
#include <vector>

namespace latentlab {

struct OnnxScorerSpec {
    AnomalyScore score = AnomalyScore::Mse;
    double threshold = 0.0;
    std::string thresholdRule;        // how it was chosen, in words, for the metadata ("mean + 3 std of ...")
    std::vector<ValueRange> ranges;   // the training data's units: one range for images, one per table feature
};

struct OnnxExport {
    std::string encoder, decoder, scorer; // ModelProto bytes; scorer empty unless asked for
};

// BadInputError for a TorchScript model and for a scorer the model cannot give (-ELBO without a KL).
OnnxExport exportOnnx(LatentModel& model, const std::string& producerVersion, const OnnxScorerSpec* scorer = nullptr);

// The metadata each file carries: LatentLab's version, the family, the config JSON, and the scorer's terms.
std::vector<std::pair<std::string, std::string>> onnxMetadata(const LatentModel& model, const std::string& producerVersion,
                                                              const OnnxScorerSpec* scorer);

} // namespace latentlab
