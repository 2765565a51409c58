#include "core/compare/loss_curves.h"

#include <algorithm>
#include <cmath>

namespace latentlab {

std::vector<std::pair<double, double>> stepCurve(const LossHistory& h, const std::string& term, std::size_t maxPoints)
{
    std::vector<std::pair<double, double>> out;
    const auto& names = h.termNames();
    const auto it = std::find(names.begin(), names.end(), term);
    if (it == names.end())
        return out;
    const auto k = static_cast<std::size_t>(it - names.begin());
    const auto& steps = h.steps();
    const std::size_t bin = std::max<std::size_t>(1, (steps.size() + maxPoints - 1) / std::max<std::size_t>(1, maxPoints));
    for (std::size_t i = 0; i < steps.size(); i += bin) {
        double x = 0, y = 0;
        std::size_t n = 0;
        for (std::size_t j = i; j < std::min(steps.size(), i + bin); ++j)
            if (k < steps[j].values.size() && std::isfinite(steps[j].values[k])) {
                x += static_cast<double>(steps[j].step);
                y += steps[j].values[k];
                ++n;
            }
        if (n)
            out.emplace_back(x / static_cast<double>(n), y / static_cast<double>(n));
    }
    return out;
}

std::vector<std::pair<double, double>> epochCurve(const LossHistory& h, const std::string& term)
{
    std::vector<std::pair<double, double>> out;
    for (const EpochRecord& e : h.epochs())
        for (const auto& [name, v] : e.validation)
            if (name == term)
                out.emplace_back(static_cast<double>(e.step), v);
    return out;
}

} // namespace latentlab
