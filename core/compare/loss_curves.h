#pragma once
// A model's training curves as points to draw, for the comparison's overlaid curves (the report and the window).
#include "core/training/loss_history.h"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace latentlab {

// (step, value) of one term per step, averaged over bins of consecutive steps so there are at most maxPoints;
// empty when the model has no term of that name.
std::vector<std::pair<double, double>> stepCurve(const LossHistory& history, const std::string& term,
                                                 std::size_t maxPoints = 600);
// (step at the epoch's end, value on the validation part) of one term, one point an epoch.
std::vector<std::pair<double, double>> epochCurve(const LossHistory& history, const std::string& term);

} // namespace latentlab
