// A small bounded subject -> verdict cache, like nats-server's per-client pcache and dcache.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace nwb::auth {

/// Not thread-safe. When an insert takes it over `capacity`, `prune_count` arbitrary entries are
/// evicted (nats-server deletes in map order, 32 at a time).
class SubjectVerdictCache {
public:
    SubjectVerdictCache(std::size_t capacity, std::size_t prune_count)
        : capacity_(capacity), prune_count_(prune_count) {}

    /// The cached verdict for `subject`, if any. Owner's thread.
    std::optional<bool> find(std::string_view subject) const {
        const auto it = map_.find(subject);
        if (it == map_.end()) return std::nullopt;
        return it->second;
    }

    /// Caches `verdict` for `subject`. Owner's thread.
    void insert(std::string_view subject, bool verdict) {
        map_.insert_or_assign(std::string(subject), verdict);
        if (map_.size() <= capacity_) return;
        for (std::size_t n = 0; n < prune_count_ && !map_.empty(); ++n) map_.erase(map_.begin());
    }

    /// Number of cached subjects. Owner's thread.
    std::size_t size() const { return map_.size(); }

private:
    struct Hash {
        using is_transparent = void;
        std::size_t operator()(std::string_view s) const {
            return std::hash<std::string_view>{}(s);
        }
    };

    std::size_t capacity_;
    std::size_t prune_count_;
    std::unordered_map<std::string, bool, Hash, std::equal_to<>> map_;
};

}  // namespace nwb::auth
