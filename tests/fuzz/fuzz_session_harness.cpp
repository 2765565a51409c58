// The session file (ui/shell/session_file.cpp) reads JSON with Qt strings and paths; its harness links Qt Core/Gui
// only, no widgets, so the fuzz build needs no display.
#include "tests/fuzz/fuzz_harness.h"

#include "ui/shell/session_file.h"

namespace latentlab::fuzz {

bool sessionHarness(const std::uint8_t* data, std::size_t size)
{
    const std::string path = writeScratch("session.latentlab", data, size);
    return expectCleanRefusal("session", [&] { (void)ui::readSession(QString::fromStdString(path)); });
}

} // namespace latentlab::fuzz
