#pragma once
// Text from outside (a record name in a zip, a CSV cell or column name, a decoder's complaint that quotes a chunk
// tag) as it may appear in a one-line message: control bytes become '?', and long text is cut, never inside a
// UTF-8 character (column and file names may well be Chinese).
#include <cstddef>
#include <string>

namespace latentlab {

std::string printable(const std::string& text, std::size_t maxLength = 60);

} // namespace latentlab
