#pragma once
// The frozen latent space (explorer_space.h) as it travels between the explorer's threads: the type is only
// forward-declared, so headers that pass it along stay free of torch.
#include <QMetaType>

#include <memory>

namespace latentlab::ui {

struct ExplorerSpace;
using SpacePtr = std::shared_ptr<const ExplorerSpace>;

} // namespace latentlab::ui

Q_DECLARE_METATYPE(latentlab::ui::SpacePtr)
