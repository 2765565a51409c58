#pragma once
// The reference an anomaly threshold is drawn from, shared by `anomalies` and `export --scores`: --reference
// DATA, else the samples the model trained on (its normal classes), and the rule (--k or --percentile).
#include "app/cli/args.h"
#include "app/cli/model_input.h"
#include "core/analysis/analysis_control.h"
#include "core/analysis/anomaly_scores.h"
#include "core/analysis/anomaly_threshold.h"

#include <string>
#include <vector>

namespace latentlab::cli {

struct Reference {
    std::vector<double> scores;
    std::string description;
};

// The normal samples the threshold is drawn from: --reference, else what the model trained on (core's
// referenceSamples: its training split, restricted to its normal classes), else (TorchScript: no record of
// training) the data's train split. Re-draws the scored data's split as training drew it, so --split names
// the same samples as in training.
Reference referenceScores(const Args& args, ModelAndData& in, AnomalyScore score, const AnalysisControl& control);

// --k K (mean + K std, K = 3 by default) or --percentile P; both at once is refused.
ThresholdRule thresholdRuleFrom(const Args& args);

} // namespace latentlab::cli
