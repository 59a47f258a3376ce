// Users and permissions as configured (authorization { ... }), before they are compiled for
// checking.
#include "engine/auth/auth_config.h"

namespace nwb::auth {

void applyResponseDefaults(Permissions& permissions) {
    if (!permissions.response) return;
    if (!permissions.publish) permissions.publish.emplace();
    SubjectPermission& publish = *permissions.publish;
    if (!publish.allow_set && publish.allow.empty()) publish.allow_set = true;
    ResponsePermission& response = *permissions.response;
    const ResponsePermission defaults;
    if (response.max_msgs == 0) response.max_msgs = defaults.max_msgs;
    if (response.expires.count() == 0) response.expires = defaults.expires;
}

}  // namespace nwb::auth
