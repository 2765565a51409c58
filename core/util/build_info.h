#pragma once
// What this build runs on, for the About box and `latentlab-cli info`: no torch header needed to ask.
#include <string>

namespace latentlab {

// "1.13.0": the LibTorch the program was built against.
std::string libtorchVersion();
// "cpu" or "cpu, cuda": where it can train.
std::string libtorchDevices();

} // namespace latentlab
