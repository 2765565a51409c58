#pragma once
// Resident memory of this process over a run, read from /proc/self/statm (Linux), so a test or a benchmark
// can tell memory that settles from memory that keeps growing. Shared by the monkey test and the soak
// benchmark; sample() is cheap (one small read) and may be called from a timer.
#include <cmath>
#include <cstdio>
#include <malloc.h>
#include <unistd.h>
#include <vector>

namespace latentlab::ui::monkey {

// Resident set size now, in MiB (-1 when /proc cannot be read).
inline double residentMb()
{
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    if (!f)
        return -1.0;
    long size = 0, resident = 0;
    const int read = std::fscanf(f, "%ld %ld", &size, &resident);
    std::fclose(f);
    return read == 2 ? resident * static_cast<double>(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0) : -1.0;
}

// What the program holds from malloc now, in MiB, over all of glibc's arenas (chunks in use and mmapped
// blocks): unlike the resident size it does not count memory freed but kept by the allocator, so the two
// together tell a leak (both grow) from retention (only the resident size grows).
inline double heapInUseMb()
{
    const struct mallinfo2 info = mallinfo2();
    return static_cast<double>(info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
}

// The resident set split as the kernel counts it (/proc/self/status, in MiB): anonymous pages (malloc's heap,
// thread stacks, libraries' own mmapped buffers) and file pages (code and data of the libraries as they are
// paged in). A resident size that grows in file pages is code met for the first time, not memory held.
struct ResidentSplit {
    double anonMb = -1;
    double fileMb = -1;
    double threads = -1;
};

inline ResidentSplit residentSplit()
{
    ResidentSplit split;
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (!f)
        return split;
    char line[256];
    while (std::fgets(line, sizeof line, f)) {
        long kb = 0;
        if (std::sscanf(line, "RssAnon: %ld kB", &kb) == 1)
            split.anonMb = kb / 1024.0;
        else if (std::sscanf(line, "RssFile: %ld kB", &kb) == 1)
            split.fileMb = kb / 1024.0;
        else if (std::sscanf(line, "Threads: %ld", &kb) == 1)
            split.threads = static_cast<double>(kb);
    }
    std::fclose(f);
    return split;
}

class RssSampler {
public:
    struct Sample {
        double atS = 0; // seconds from the caller's start
        double mb = 0;
        double heapMb = 0;
    };
    void sample(double atS) { samples_.push_back({atS, residentMb(), heapInUseMb()}); }
    const std::vector<Sample>& samples() const { return samples_; }
    double first() const { return samples_.empty() ? 0.0 : samples_.front().mb; }
    double last() const { return samples_.empty() ? 0.0 : samples_.back().mb; }
    double peak() const
    {
        double p = 0;
        for (const Sample& s : samples_)
            p = s.mb > p ? s.mb : p;
        return p;
    }
    // The sample nearest to the middle of the run (by time): the second half's growth is last() - middle().
    double middle() const { return middleSample().mb; }
    double heapFirst() const { return samples_.empty() ? 0.0 : samples_.front().heapMb; }
    double heapMiddle() const { return middleSample().heapMb; }
    double heapLast() const { return samples_.empty() ? 0.0 : samples_.back().heapMb; }

private:
    Sample middleSample() const
    {
        if (samples_.empty())
            return {};
        const double half = samples_.back().atS / 2.0;
        const Sample* best = &samples_.front();
        for (const Sample& s : samples_)
            if (std::abs(s.atS - half) < std::abs(best->atS - half))
                best = &s;
        return *best;
    }

    std::vector<Sample> samples_;
};

} // namespace latentlab::ui::monkey
