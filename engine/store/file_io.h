// POSIX file helpers for the file store: whole writes and reads, fsync, directory sync.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "engine/store/store_error.h"

namespace nwb::store {

/// An owned file descriptor; closes on destruction.
class FileHandle {
public:
    FileHandle() = default;
    explicit FileHandle(int fd) : fd_(fd) {}
    FileHandle(FileHandle&& other) noexcept : fd_(other.release()) {}
    FileHandle& operator=(FileHandle&& other) noexcept;
    FileHandle(const FileHandle&) = delete;
    FileHandle& operator=(const FileHandle&) = delete;
    ~FileHandle();

    int get() const { return fd_; }
    bool valid() const { return fd_ >= 0; }
    int release();

private:
    int fd_ = -1;
};

/// Opens (flags as open(2)); the error names the path.
Result<FileHandle> openFile(const std::filesystem::path& path, int flags);
/// Writes all of `data` at `offset`, retrying short writes and EINTR.
Result<void> writeAt(int fd, std::string_view data, std::uint64_t offset);
/// Reads `size` bytes at `offset`; fewer only at end of file.
Result<std::string> readAt(int fd, std::uint64_t offset, std::uint64_t size);
Result<std::uint64_t> fileSize(int fd);
/// fdatasync(2).
Result<void> syncData(int fd);
/// fsync(2) of a directory, so that created, renamed and removed names are durable.
Result<void> syncDirectory(int dir_fd);
/// Writes a whole small file (no fsync): used for index files, which are checked on read.
Result<void> writeWholeFile(const std::filesystem::path& path, std::string_view data);
Result<std::string> readWholeFile(const std::filesystem::path& path);

}  // namespace nwb::store
