#include "core/util/atomic_file.h"

#include "core/util/errors.h"
#include "core/util/file_io.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace latentlab {
namespace {

std::string directoryOf(const std::string& path)
{
    const auto slash = path.find_last_of('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : path.substr(0, slash);
}

[[noreturn]] void fail(const std::string& path, const std::string& tmp, int fd, int err)
{
    if (fd >= 0)
        ::close(fd);
    if (!tmp.empty())
        ::unlink(tmp.c_str());
    throw IoError("could not save " + displayName(path) + ": " + std::strerror(err)
                  + " (any previous version of the file is unchanged)");
}

// Writes the bytes to a temporary file beside path and flushes them to disk; returns its name.
std::string writeTemporary(const std::string& path, const char* data, std::size_t size)
{
    // Same directory, so the rename or link stays within one file system and is atomic.
    const std::string tmp = path + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        fail(path, {}, -1, errno);
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, data + done, size - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            fail(path, tmp, fd, n < 0 ? errno : ENOSPC);
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0)
        fail(path, tmp, fd, errno);
    if (::close(fd) != 0)
        fail(path, tmp, -1, errno);
    return tmp;
}

// Makes the rename or link itself durable; failing here cannot lose data, so it is not an error.
void syncDirectoryOf(const std::string& path)
{
    const int dir = ::open(directoryOf(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
}

} // namespace

void writeFileAtomically(const std::string& path, const char* data, std::size_t size)
{
    const std::string tmp = writeTemporary(path, data, size);
    if (::rename(tmp.c_str(), path.c_str()) != 0)
        fail(path, tmp, -1, errno);
    syncDirectoryOf(path);
}

void writeNewFileAtomically(const std::string& path, const char* data, std::size_t size)
{
    const std::string tmp = writeTemporary(path, data, size);
    int err = ::link(tmp.c_str(), path.c_str()) == 0 ? 0 : errno;
    if (err == EPERM || err == EOPNOTSUPP || err == ENOSYS) {
        // A file system without hard links (FAT, some network mounts): look, then rename, which leaves only
        // the moment between the two for another program to create the file.
        err = ::access(path.c_str(), F_OK) == 0 ? EEXIST : (::rename(tmp.c_str(), path.c_str()) == 0 ? 0 : errno);
    }
    ::unlink(tmp.c_str()); // the link's second name, or what is left after a failure
    if (err == EEXIST)
        throw BadInputError(displayName(path) + " already exists, and LatentLab does not replace it");
    if (err != 0)
        fail(path, {}, -1, err);
    syncDirectoryOf(path);
}

} // namespace latentlab
