#pragma once
// The fixed parts of the model.py that pytorch_export.cpp writes: the backbones of core/models/backbones.cpp
// and each family's module, as Python. Layer indices inside every nn.Sequential match the C++ Sequentials
// (ReLUs and Flatten included), so state_dict names agree one for one.
namespace latentlab::pytorch_parts {

extern const char* const kHeader;     // imports and helpers
extern const char* const kBackbones;  // MlpEncoder, ConvEncoder, MlpDecoder, ConvDecoder, SpatialEncoder, SpatialDecoder
extern const char* const kAutoencoder;
extern const char* const kVae;         // VAE and beta-VAE
extern const char* const kConditionalVae;
extern const char* const kVqVae;
extern const char* const kHierarchicalVae;

} // namespace latentlab::pytorch_parts
