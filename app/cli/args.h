#pragma once
// A small argument list: positional values and --name [value] options, checked against what a command accepts.
#include <map>
#include <set>
#include <string>
#include <vector>

namespace latentlab::cli {

class Args {
public:
    // flags take no value; options take one. Anything else starting with "--" is refused.
    Args(const std::vector<std::string>& argv, const std::set<std::string>& flags, const std::set<std::string>& options);

    const std::vector<std::string>& positional() const { return positional_; }
    bool has(const std::string& name) const { return values_.count(name) > 0; }
    std::string value(const std::string& name, const std::string& fallback = {}) const;
    // Integer/real options: a value that is not a number, or outside [lo, hi], is refused naming the option.
    long long integer(const std::string& name, long long fallback, long long lo, long long hi) const;
    double real(const std::string& name, double fallback, double lo, double hi) const;

private:
    std::vector<std::string> positional_;
    std::map<std::string, std::string> values_;
};

} // namespace latentlab::cli
