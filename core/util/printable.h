#pragma once
// Bytes from outside (a record name in a zip, a decoder's complaint that quotes a chunk tag) as they may appear
// in a one-line message: control and non-ASCII bytes become '?', and long text is cut.
#include <cstddef>
#include <string>

namespace latentlab {

std::string printable(const std::string& text, std::size_t maxLength = 60);

} // namespace latentlab
