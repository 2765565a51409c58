#include "core/training/loss_history.h"

#include "core/util/errors.h"
#include "core/util/json_read.h"
#include "core/util/printable.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>

namespace latentlab {
namespace {

nlohmann::json termsJson(const TermValues& terms)
{
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [name, value] : terms)
        j[name] = value;
    return j;
}

// JSON has no NaN: nlohmann writes it as null, and null reads back as NaN.
double numberOrNan(const nlohmann::json& v)
{
    return v.is_null() ? std::numeric_limits<double>::quiet_NaN() : v.get<double>();
}

std::vector<double> numbersOrNan(const nlohmann::json& a)
{
    std::vector<double> out;
    for (const auto& v : a)
        out.push_back(numberOrNan(v));
    return out;
}

TermValues termsFromJson(const nlohmann::json& j)
{
    TermValues out;
    for (auto it = j.begin(); it != j.end(); ++it)
        out.emplace_back(it.key(), numberOrNan(it.value()));
    // "total" first, as the trainer reports them.
    std::stable_partition(out.begin(), out.end(), [](const auto& t) { return t.first == "total"; });
    return out;
}

} // namespace

void LossHistory::addStep(std::int64_t step, const TermValues& terms)
{
    if (names_.empty())
        for (const auto& t : terms)
            names_.push_back(t.first);
    StepRecord r{step, std::vector<double>(names_.size(), 0.0)};
    for (const auto& [name, value] : terms) {
        const auto it = std::find(names_.begin(), names_.end(), name);
        if (it != names_.end())
            r.values[static_cast<std::size_t>(it - names_.begin())] = value;
    }
    steps_.push_back(std::move(r));
}

void LossHistory::addEpoch(EpochRecord record)
{
    epochs_.push_back(std::move(record));
}

void LossHistory::truncateAfter(std::int64_t step)
{
    steps_.erase(std::remove_if(steps_.begin(), steps_.end(), [&](const StepRecord& r) { return r.step > step; }),
                 steps_.end());
    epochs_.erase(std::remove_if(epochs_.begin(), epochs_.end(), [&](const EpochRecord& r) { return r.step > step; }),
                  epochs_.end());
}

nlohmann::json LossHistory::toJson() const
{
    // Columns rather than one object per step: ten thousand steps stay a compact, fast array.
    nlohmann::json stepCol = nlohmann::json::array();
    std::vector<nlohmann::json> cols(names_.size(), nlohmann::json::array());
    for (const auto& r : steps_) {
        stepCol.push_back(r.step);
        for (std::size_t i = 0; i < names_.size(); ++i)
            cols[i].push_back(r.values[i]);
    }
    nlohmann::json terms = nlohmann::json::object();
    for (std::size_t i = 0; i < names_.size(); ++i)
        terms[names_[i]] = std::move(cols[i]);
    nlohmann::json epochs = nlohmann::json::array();
    for (const auto& e : epochs_)
        epochs.push_back({{"epoch", e.epoch}, {"step", e.step}, {"seconds", e.seconds}, {"train", termsJson(e.train)},
                          {"validation", termsJson(e.validation)}, {"kl_per_dim", e.klPerDim}});
    return {{"term_names", names_}, {"steps", stepCol}, {"terms", terms}, {"epochs", epochs}};
}

LossHistory LossHistory::fromJson(const nlohmann::json& j)
{
    LossHistory h;
    try {
        if (j.is_null())
            return h;
        h.names_ = j.at("term_names").get<std::vector<std::string>>();
        const auto steps = jsonIntegers<std::int64_t>(j.at("steps"), "loss history: steps");
        std::vector<std::vector<double>> cols;
        for (const auto& name : h.names_) {
            cols.push_back(numbersOrNan(j.at("terms").at(name)));
            if (cols.back().size() != steps.size())
                throw BadInputError("loss history: the column '" + printable(name) + "' has the wrong length");
        }
        for (std::size_t s = 0; s < steps.size(); ++s) {
            StepRecord r{steps[s], {}};
            for (const auto& c : cols)
                r.values.push_back(c[s]);
            h.steps_.push_back(std::move(r));
        }
        for (const auto& e : j.at("epochs")) {
            EpochRecord r;
            r.epoch = jsonInteger<std::int64_t>(e.at("epoch"), "loss history: epoch");
            r.step = jsonInteger<std::int64_t>(e.at("step"), "loss history: step");
            r.seconds = numberOrNan(e.at("seconds"));
            r.train = termsFromJson(e.at("train"));
            r.validation = termsFromJson(e.at("validation"));
            r.klPerDim = numbersOrNan(e.at("kl_per_dim"));
            h.epochs_.push_back(std::move(r));
        }
    } catch (const nlohmann::json::exception& e) {
        throw BadInputError(std::string("loss history: ") + e.what());
    }
    return h;
}

} // namespace latentlab
