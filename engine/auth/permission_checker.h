// One connection's publish and subscribe permissions, compiled for checking (nats-server client.go
// perms).
#pragma once

#include "engine/auth/auth_config.h"
#include "engine/auth/permission_list.h"
#include "engine/auth/response_grants.h"
#include "engine/auth/subject_verdict_cache.h"

#include <atomic>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace nwb::auth {

/// Built when a user with permissions authenticates; owned by its connection. Not thread-safe
/// in general: the publish and subscribe checks belong to the connection's I/O thread, and the
/// delivery side (deliveryDenied, recordRequestReply) to whichever thread delivers to this
/// connection, holding the connection's outbound lock (nats-server holds client.mu for these).
/// The two sides share only an atomic flag and the response grants, which lock internally.
/// The reserved reply, subject and queue rules (reserved_subjects.h) apply to every client, so
/// the caller checks them too; canSubscribe() already includes the `_sys_` queue rule.
class PermissionChecker {
public:
    /// Compiles `permissions` after applyResponseDefaults(). Any thread (before it is shared).
    explicit PermissionChecker(Permissions permissions);
    PermissionChecker(const PermissionChecker&) = delete;
    PermissionChecker& operator=(const PermissionChecker&) = delete;

    /// False when there is no publish allow or deny list, so canPublish() is always true.
    /// Any thread.
    bool restrictsPublish() const { return pub_allow_.has_value() || pub_deny_.has_value(); }

    /// May this client publish to `subject`? Deny wins over allow; no publish section allows all.
    /// A subject the lists refuse may still be allowed once per allow_responses grant, which this
    /// call uses up. Static verdicts are cached (128 subjects). Connection's thread; takes the
    /// grants' lock only when the lists refuse and allow_responses is set.
    bool canPublish(std::string_view subject, TimePoint now);

    /// May this client subscribe to `subject` (in `queue` when not empty)? nats-server's rules:
    /// allow/deny entries are matched token-wise against the subscription subject, a queue-scoped
    /// entry ("foo grp") decides queue subscriptions when one matches, and `_sys_` is refused.
    /// An allowed wildcard subscription that a deny entry overlaps turns on deliveryDenied()
    /// for the whole connection. Connection's thread.
    bool canSubscribe(std::string_view subject, std::string_view queue = {});

    /// Would a wildcard subscription to `subject` overlap a subscribe deny entry (one whose
    /// subjects it covers), so that deliveries to it need deliveryDenied()? Any thread.
    bool subscriptionNeedsDeliveryCheck(std::string_view subject) const;

    /// True once canSubscribe() allowed an overlapping wildcard subscription. From then on
    /// nats-server checks every delivery to this connection, whatever the subscription.
    /// Any thread.
    bool deliveryFilterActive() const {
        return delivery_filter_active_.load(std::memory_order_acquire);
    }

    /// Must a message on `msg_subject` be dropped instead of delivered to this client? Always false
    /// until deliveryFilterActive(); then true when a plain subscribe deny entry matches.
    /// Results are cached (256 subjects). The delivering thread, under the connection's outbound
    /// lock.
    bool deliveryDenied(std::string_view msg_subject);

    /// True when allow_responses is set. Any thread.
    bool tracksResponses() const { return grants_.has_value(); }

    /// A message with reply subject `reply` was delivered to this client (after deliveryDenied()
    /// and echo checks passed): grant a response to it. No-op without allow_responses or reply.
    /// The delivering thread, under the connection's outbound lock.
    void recordRequestReply(std::string_view reply, TimePoint now);

private:
    std::optional<PermissionList> pub_allow_;
    std::optional<PermissionList> pub_deny_;
    std::optional<PermissionList> sub_allow_;
    std::optional<PermissionList> sub_deny_;
    std::vector<std::string> sub_deny_raw_;  ///< as configured, queue suffix included
    PermissionList delivery_deny_;           ///< the raw deny entries as whole patterns
    std::atomic<bool> delivery_filter_active_{false};
    SubjectVerdictCache pub_cache_;
    SubjectVerdictCache delivery_cache_;
    std::optional<ResponseGrants> grants_;
};

}  // namespace nwb::auth
