#include "core/util/cpu_features.h"

namespace latentlab {

bool cpuHasAvx2Fma()
{
#if LATENTLAB_X86_DISPATCH
    static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    return has;
#else
    return false;
#endif
}

} // namespace latentlab
