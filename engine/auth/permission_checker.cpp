// One connection's publish and subscribe permissions, compiled for checking (nats-server client.go
// perms).
#include "engine/auth/permission_checker.h"

#include "engine/auth/reserved_subjects.h"
#include "engine/protocol/subject.h"

namespace nwb::auth {
namespace {

constexpr std::size_t kMaxPermCacheSize = 128;      // nats-server maxPermCacheSize
constexpr std::size_t kMaxDenyPermCacheSize = 256;  // nats-server maxDenyPermCacheSize
constexpr std::size_t kPruneSize = 32;              // nats-server pruneSize

Permissions withDefaults(Permissions permissions) {
    applyResponseDefaults(permissions);
    return permissions;
}

std::vector<std::string> subscribeDenyEntries(const Permissions& permissions) {
    if (!permissions.subscribe) return {};
    return permissions.subscribe->deny;
}

}  // namespace

PermissionChecker::PermissionChecker(Permissions permissions_in)
    : sub_deny_raw_(subscribeDenyEntries(permissions_in)),
      delivery_deny_(sub_deny_raw_, PermissionList::QueueEntries::Literal),
      pub_cache_(kMaxPermCacheSize, kPruneSize),
      delivery_cache_(kMaxDenyPermCacheSize, kPruneSize) {
    const Permissions permissions = withDefaults(std::move(permissions_in));
    using Mode = PermissionList::QueueEntries;
    if (const auto& pub = permissions.publish) {
        // A publish allow list exists when given, even empty; subscribe lists only when non-empty.
        if (pub->allow_set || !pub->allow.empty()) pub_allow_.emplace(pub->allow, Mode::Literal);
        if (!pub->deny.empty()) pub_deny_.emplace(pub->deny, Mode::Literal);
    }
    if (const auto& sub = permissions.subscribe) {
        if (!sub->allow.empty()) sub_allow_.emplace(sub->allow, Mode::Split);
        if (!sub->deny.empty()) sub_deny_.emplace(sub->deny, Mode::Split);
    }
    if (permissions.response) grants_.emplace(*permissions.response);
}

bool PermissionChecker::canPublish(std::string_view subject, TimePoint now) {
    if (!restrictsPublish()) return true;
    std::optional<bool> allowed = pub_cache_.find(subject);
    if (!allowed) {
        bool verdict = !pub_allow_ || pub_allow_->matchesPlain(subject);
        if (verdict && pub_deny_) verdict = !pub_deny_->matchesPlain(subject);
        pub_cache_.insert(subject, verdict);
        allowed = verdict;
    }
    if (!*allowed && grants_) return grants_->consume(subject, now);
    return *allowed;
}

bool PermissionChecker::canSubscribe(std::string_view subject, std::string_view queue) {
    bool allowed = true;
    if (sub_allow_) {
        const ListMatch m = sub_allow_->match(subject);
        allowed = m.plain;
        // A matching queue-scoped entry decides, even over a matching plain entry.
        if (!queue.empty() && !m.queues.empty()) allowed = queueMatches(queue, m.queues);
    }
    if (allowed && sub_deny_) {
        const ListMatch m = sub_deny_->match(subject);
        allowed = !m.plain;
        if (!queue.empty() && !m.queues.empty()) allowed = !queueMatches(queue, m.queues);
        if (allowed && !deliveryFilterActive() && subscriptionNeedsDeliveryCheck(subject)) {
            delivery_filter_active_.store(true, std::memory_order_release);
        }
    }
    return allowed && !isReservedQueue(queue);
}

bool PermissionChecker::subscriptionNeedsDeliveryCheck(std::string_view subject) const {
    if (!protocol::hasWildcard(subject)) return false;
    for (const std::string& deny : sub_deny_raw_) {
        if (protocol::subjectIsSubsetOf(deny, subject)) return true;
    }
    return false;
}

bool PermissionChecker::deliveryDenied(std::string_view msg_subject) {
    if (!deliveryFilterActive()) return false;
    if (const auto cached = delivery_cache_.find(msg_subject)) return *cached;
    const bool denied = delivery_deny_.matchesPlain(msg_subject);
    delivery_cache_.insert(msg_subject, denied);
    return denied;
}

void PermissionChecker::recordRequestReply(std::string_view reply, TimePoint now) {
    if (grants_ && !reply.empty()) grants_->record(reply, now);
}

}  // namespace nwb::auth
