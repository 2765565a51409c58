#pragma once
#include "core/util/errors.h"

#include <gtest/gtest.h>

#include <string>

namespace latentlab::testing {

// Runs fn and returns the BadInputError message; fails the test if nothing (or something else) is thrown.
template <typename Fn>
std::string badInputMessage(Fn&& fn)
{
    try {
        fn();
    } catch (const BadInputError& e) {
        return e.what();
    } catch (const std::exception& e) {
        ADD_FAILURE() << "expected BadInputError, got: " << e.what();
        return {};
    }
    ADD_FAILURE() << "expected BadInputError, nothing was thrown";
    return {};
}

} // namespace latentlab::testing
