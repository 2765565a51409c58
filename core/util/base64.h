#pragma once
// Base64 (RFC 4648, with padding), for images embedded in a page as data: URLs.
#include <string>

namespace latentlab {

std::string base64Encode(const std::string& bytes);

} // namespace latentlab
