#include "app/cli/args.h"

#include "core/util/errors.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace latentlab::cli {
namespace {

// std::to_string prints 1e-12 as 0.000000, which would make "--lr: 0 is outside 0.000000..100.000000".
std::string shortNumber(double v)
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

} // namespace

Args::Args(const std::vector<std::string>& argv, const std::set<std::string>& flags, const std::set<std::string>& options)
{
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string& a = argv[i];
        if (a.rfind("--", 0) != 0 || a == "--") {
            positional_.push_back(a);
            continue;
        }
        std::string name = a.substr(2), val;
        const auto eq = name.find('=');
        const bool inlineValue = eq != std::string::npos;
        if (inlineValue) {
            val = name.substr(eq + 1);
            name.resize(eq);
        }
        if (flags.count(name)) {
            if (inlineValue)
                throw BadInputError("--" + name + " takes no value");
            values_[name] = "1";
        } else if (options.count(name)) {
            if (!inlineValue) {
                if (i + 1 >= argv.size())
                    throw BadInputError("--" + name + " needs a value");
                val = argv[++i];
            }
            values_[name] = val;
        } else {
            throw BadInputError("unknown option --" + name);
        }
    }
}

std::string Args::value(const std::string& name, const std::string& fallback) const
{
    const auto it = values_.find(name);
    return it == values_.end() ? fallback : it->second;
}

long long Args::integer(const std::string& name, long long fallback, long long lo, long long hi) const
{
    const auto it = values_.find(name);
    if (it == values_.end())
        return fallback;
    long long v = 0;
    const std::string& s = it->second;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size())
        throw BadInputError("--" + name + ": '" + s + "' is not a whole number");
    if (v < lo || v > hi)
        throw BadInputError("--" + name + ": " + s + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
    return v;
}

double Args::real(const std::string& name, double fallback, double lo, double hi) const
{
    const auto it = values_.find(name);
    if (it == values_.end())
        return fallback;
    double v = 0;
    const std::string& s = it->second;
    const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || p != s.data() + s.size() || !std::isfinite(v))
        throw BadInputError("--" + name + ": '" + s + "' is not a number");
    if (v < lo || v > hi)
        throw BadInputError("--" + name + ": " + s + " is outside " + shortNumber(lo) + ".." + shortNumber(hi));
    return v;
}

} // namespace latentlab::cli
