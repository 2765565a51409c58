#pragma once
// The explorer's one line about its layout ("PCA of 32-d latents (41.2% of variance), all 70,000 points"), in
// the window's language: core's Projection::describe() says the same in English for the CLI and logs.
#include <QString>

namespace latentlab {
struct Projection;
}

namespace latentlab::ui {

QString projectionText(const Projection& projection);

} // namespace latentlab::ui
