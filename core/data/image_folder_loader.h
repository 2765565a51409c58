#pragma once
// A folder of images laid out as root/<class>/*.png|jpg|jpeg|bmp (class = sub-folder name, as torchvision's
// ImageFolder), or images directly in root (no labels).
//
// Policy, chosen so nothing is changed behind the user's back:
// - Every image must have the same width and height; a different size is refused with a message naming
//   the file and both sizes (resizing would silently change the data the model sees).
// - All grayscale -> 1 channel; any colour image -> every image is read as RGB (3 channels). Alpha is dropped.
// - Files with other extensions and hidden files are skipped and listed in the dataset's notes; a file with an
//   image extension that does not decode is an error naming it.
#include "core/data/dataset.h"

#include <string>

namespace latentlab {

Dataset loadImageFolder(const std::string& root);
bool isImageFileName(const std::string& name);

} // namespace latentlab
