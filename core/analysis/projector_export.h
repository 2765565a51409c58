#pragma once
// Files for TensorBoard's Embedding Projector (projector.tensorflow.org, or the projector tab of a
// TensorBoard whose logdir is the folder), so a latent space explored here can be shown, searched and shared
// there: tensors.tsv (one latent per line), metadata.tsv (index, label, class, and the anomaly score and file
// name where there are some), sprite.png (the thumbnails, for image data) and projector_config.pbtxt naming
// them. The GUI's File > Export and `latentlab-cli encode --projector` both write it through this one function.
#include "core/data/dataset.h"

#include <torch/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace latentlab {

// The Projector loads the sprite as one WebGL texture; 8192 pixels a side is what it accepts.
constexpr int kMaxSpriteSide = 8192;

// A square grid of cellsPerSide x cellsPerSide thumbnails, filled row by row in the order of the rows.
struct SpriteLayout {
    int cellsPerSide = 0;
    int thumbWidth = 0, thumbHeight = 0;
    int width() const { return cellsPerSide * thumbWidth; }
    int height() const { return cellsPerSide * thumbHeight; }
};

// How `count` images of width x height fit one sprite: at full size where they fit in kMaxSpriteSide, else
// all shrunk by the same factor (70,000 28x28 images fit at full size in 265 x 265 cells, 7420 pixels).
// BadInputError when even one-pixel thumbnails would not fit.
SpriteLayout spriteLayoutFor(std::int64_t count, int width, int height);

struct ProjectorExport {
    std::string directory;
    std::vector<std::string> files; // the names written, in the order written
    std::int64_t rows = 0, dims = 0;
    bool scores = false;
    std::optional<SpriteLayout> sprite; // image data only
};

// The four names the export writes; a folder holding any of them is refused.
const std::vector<std::string>& projectorFileNames();

// Refuses, as writeProjectorExport would, a path that is a file or a folder already holding any of the four
// files; creates nothing. For callers that have minutes of encoding to do before they write.
void checkProjectorFolder(const std::string& directory);

// latents: [R, d], row r the latent of dataset sample rows[r] (rows empty: R is data.size(), in order).
// scores: empty, or one anomaly score per row. tensorName: how the Projector lists the embedding.
// Creates the folder if needed; refuses (BadInputError, one sentence) a folder that already holds any of the
// four files, and writes each file atomically and only where none was. If a write fails, the files this
// call already wrote are removed again and IoError says what failed.
ProjectorExport writeProjectorExport(const std::string& directory, const torch::Tensor& latents, const Dataset& data,
                                     const std::vector<std::int64_t>& rows = {},
                                     const std::vector<float>& scores = {},
                                     const std::string& tensorName = "latents");

} // namespace latentlab
