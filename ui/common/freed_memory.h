#pragma once
// Hands the pages malloc holds free back to the system after a worker's job. The large blocks of a job (a
// dataset's worth of latents or scores) are mapped on their own and go back when freed (allocator_settings.h),
// but the many smaller ones a layout or a scoring pass frees stay in the worker's arena: in the hour's soak the
// resident size rose 200 MiB over the first minutes while malloc had 40 MiB more in use. malloc_trim gives
// those pages back (MADV_DONTNEED on every free page of every arena, glibc 2.8 and later).
namespace latentlab::ui {

// At most once a second in the whole process (a probe decodes at 60 Hz), on the calling worker thread, never
// the GUI's: a trim takes each arena's lock for a few milliseconds. A no-op where the C library is not glibc.
void returnFreedPagesNowAndThen();

} // namespace latentlab::ui
