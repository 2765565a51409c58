#include "ui/shell/allocator_settings.h"

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace latentlab::ui {

bool returnLargeBlocksWhenFreed()
{
#if defined(__GLIBC__)
    // Setting M_MMAP_THRESHOLD also switches off glibc's dynamic raising of it (mallopt(3)).
    const bool threshold = mallopt(M_MMAP_THRESHOLD, kOwnMappingFromBytes) == 1;
    const bool arenas = mallopt(M_ARENA_MAX, kArenas) == 1;
    return threshold && arenas;
#else
    return false;
#endif
}

} // namespace latentlab::ui
