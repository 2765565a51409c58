#pragma once
// Reading whole numbers from JSON that came from outside (checkpoints, sessions, model configs).
// nlohmann::json turns a float into an integer with a plain static_cast, which is undefined behaviour when the
// value does not fit (1e300 read as an int64), and silently wraps 2^40 into an int: every integer field read
// from a file goes through jsonInteger instead of get<>(), and a value out of range is a BadInputError.
#include "core/util/errors.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <type_traits>
#include <vector>

#include <nlohmann/json.hpp>

namespace latentlab {

// `what` names the field; the message reads "<what> must be a whole number from MIN to MAX".
template <class Int>
Int jsonInteger(const nlohmann::json& v, const std::string& what)
{
    static_assert(std::is_integral_v<Int> && !std::is_same_v<Int, bool>);
    using L = std::numeric_limits<Int>;
    bool ok = false;
    Int out{};
    if (v.is_number_unsigned()) {
        const auto u = v.get<std::uint64_t>();
        ok = u <= static_cast<std::uint64_t>(L::max());
        out = static_cast<Int>(u);
    } else if (v.is_number_integer()) {
        const auto s = v.get<std::int64_t>();
        if constexpr (L::is_signed)
            ok = s >= static_cast<std::int64_t>(L::min()) && s <= static_cast<std::int64_t>(L::max());
        else
            ok = s >= 0 && static_cast<std::uint64_t>(s) <= static_cast<std::uint64_t>(L::max());
        out = static_cast<Int>(s);
    } else if (v.is_number_float()) {
        // 1e3 is a whole number; 2^digits is the first value that no longer fits (exactly representable).
        const double d = v.get<double>();
        ok = std::isfinite(d) && d == std::trunc(d) && d >= static_cast<double>(L::min())
             && d < std::ldexp(1.0, L::digits);
        if (ok)
            out = static_cast<Int>(d);
    }
    if (!ok)
        throw BadInputError(what + " must be a whole number from " + std::to_string(L::min()) + " to "
                            + std::to_string(L::max()));
    return out;
}

template <class Int>
std::vector<Int> jsonIntegers(const nlohmann::json& v, const std::string& what)
{
    if (!v.is_array())
        throw BadInputError(what + " must be a list of whole numbers");
    std::vector<Int> out;
    out.reserve(v.size());
    for (const auto& e : v)
        out.push_back(jsonInteger<Int>(e, what));
    return out;
}

template <class T>
struct IsIntegerList : std::false_type {};
template <class I, class A>
struct IsIntegerList<std::vector<I, A>> : std::bool_constant<std::is_integral_v<I> && !std::is_same_v<I, bool>> {};

// Reads `v` into `out`: integers and lists of integers through the checks above, anything else with get_to
// (whose type errors are nlohmann::json::exception, left to the caller to word).
template <class T>
void readJsonInto(const nlohmann::json& v, T& out, const std::string& what)
{
    if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
        out = jsonInteger<T>(v, what);
    } else if constexpr (IsIntegerList<T>::value) {
        out = jsonIntegers<typename T::value_type>(v, what);
    } else {
        v.get_to(out);
    }
}

// The optional field `key` of object `j` into `out`; `out` keeps its default when the key is absent.
template <class T>
void readJsonField(const nlohmann::json& j, const char* key, T& out, const std::string& what)
{
    if (j.contains(key))
        readJsonInto(j.at(key), out, what);
}

} // namespace latentlab
