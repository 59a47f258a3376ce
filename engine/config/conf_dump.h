// A canonical text form of a ConfValue tree, one line per value, for tests and debugging.
#pragma once

#include <string>

#include "engine/config/conf_value.h"

namespace nwb::config {

/// One line per value: `path kind value @file:line:column`, e.g.
/// `authorization.users[0].user string "derek" @a.conf:4:20`. Maps and arrays get a line of
/// their own (`authorization map @a.conf:3:16`); the root map is not printed.
std::string dumpConfValue(const ConfValue& root);

}  // namespace nwb::config
