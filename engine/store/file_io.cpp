// POSIX file helpers for the file store.
#include "engine/store/file_io.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace nwb::store {
namespace {

std::unexpected<Error> ioError(std::string_view what, const std::filesystem::path& path = {}) {
    std::string detail(what);
    if (!path.empty()) detail += " " + path.string();
    detail += ": ";
    detail += std::strerror(errno);
    return makeError(Errc::Io, std::move(detail));
}

}  // namespace

FileHandle& FileHandle::operator=(FileHandle&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = other.release();
    }
    return *this;
}

FileHandle::~FileHandle() {
    if (fd_ >= 0) ::close(fd_);
}

int FileHandle::release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
}

Result<FileHandle> openFile(const std::filesystem::path& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
    if (fd < 0) return ioError("open", path);
    return FileHandle(fd);
}

Result<void> writeAt(int fd, std::string_view data, std::uint64_t offset) {
    while (!data.empty()) {
        const ssize_t n = ::pwrite(fd, data.data(), data.size(), static_cast<off_t>(offset));
        if (n < 0) {
            if (errno == EINTR) continue;
            return ioError("pwrite");
        }
        data.remove_prefix(static_cast<std::size_t>(n));
        offset += static_cast<std::uint64_t>(n);
    }
    return {};
}

Result<std::string> readAt(int fd, std::uint64_t offset, std::uint64_t size) {
    std::string out(static_cast<std::size_t>(size), '\0');
    std::size_t done = 0;
    while (done < out.size()) {
        const ssize_t n = ::pread(fd, out.data() + done, out.size() - done,
                                  static_cast<off_t>(offset + done));
        if (n < 0) {
            if (errno == EINTR) continue;
            return ioError("pread");
        }
        if (n == 0) break;
        done += static_cast<std::size_t>(n);
    }
    out.resize(done);
    return out;
}

Result<std::uint64_t> fileSize(int fd) {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return ioError("fstat");
    return static_cast<std::uint64_t>(st.st_size);
}

Result<void> syncData(int fd) {
    while (::fdatasync(fd) != 0) {
        if (errno != EINTR) return ioError("fdatasync");
    }
    return {};
}

Result<void> syncDirectory(int dir_fd) {
    while (::fsync(dir_fd) != 0) {
        if (errno != EINTR) return ioError("fsync directory");
    }
    return {};
}

Result<void> writeWholeFile(const std::filesystem::path& path, std::string_view data) {
    auto file = openFile(path, O_WRONLY | O_CREAT | O_TRUNC);
    if (!file) return std::unexpected(file.error());
    return writeAt(file->get(), data, 0);
}

Result<std::string> readWholeFile(const std::filesystem::path& path) {
    auto file = openFile(path, O_RDONLY);
    if (!file) return std::unexpected(file.error());
    auto size = fileSize(file->get());
    if (!size) return std::unexpected(size.error());
    return readAt(file->get(), 0, *size);
}

}  // namespace nwb::store
