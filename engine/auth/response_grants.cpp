// allow_responses: one-shot publish rights to the reply subjects of requests a client received.
#include "engine/auth/response_grants.h"

#include <algorithm>

namespace nwb::auth {
namespace {

constexpr std::size_t kReplyPermLimit = 4096;  // nats-server replyPermLimit

}  // namespace

ResponseGrants::ResponseGrants(const ResponsePermission& limits)
    : limits_(limits), prune_above_(kReplyPermLimit) {}

bool ResponseGrants::isStale(const Grant& grant, TimePoint now) const {
    if (limits_.max_msgs > 0 && grant.used >= limits_.max_msgs) return true;
    return limits_.expires.count() > 0 && now - grant.granted > limits_.expires;
}

void ResponseGrants::record(std::string_view reply, TimePoint now) {
    const std::lock_guard lock(mutex_);
    auto it = grants_.find(reply);
    if (it == grants_.end()) {
        grants_.emplace(std::string(reply), Grant{now, 0});
    } else {
        it->second = Grant{now, 0};
    }
    if (grants_.size() > prune_above_) prune(now);
}

bool ResponseGrants::consume(std::string_view subject, TimePoint now) {
    const std::lock_guard lock(mutex_);
    auto it = grants_.find(subject);
    if (it == grants_.end()) return false;
    Grant& grant = it->second;
    ++grant.used;
    const bool over = limits_.max_msgs > 0 && grant.used > limits_.max_msgs;
    const bool expired = limits_.expires.count() > 0 && now - grant.granted > limits_.expires;
    if (over || expired) {
        grants_.erase(it);
        return false;
    }
    return true;
}

std::size_t ResponseGrants::size() const {
    const std::lock_guard lock(mutex_);
    return grants_.size();
}

void ResponseGrants::prune(TimePoint now) {
    std::erase_if(grants_, [&](const auto& entry) { return isStale(entry.second, now); });
    // nats-server prunes on every insert above the limit; pruning again only after the map has
    // doubled keeps inserts O(1) amortized. A stale grant is refused by consume() anyway.
    prune_above_ = std::max(kReplyPermLimit, grants_.size() * 2);
}

}  // namespace nwb::auth
