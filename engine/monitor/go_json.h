// JSON text exactly as Go's encoding/json writes it (json.Marshal and json.MarshalIndent with two
// spaces), so monitoring output reads byte for byte like nats-server's.
#pragma once

#include <boost/json/value.hpp>

#include <string>

namespace nwb::monitor {

/// Objects keep their insertion order (Go writes struct fields in declaration order). Strings
/// escape <, > and & as \u003c, \u003e, \u0026; floats use Go's shortest form ("2", "0.75",
/// "1e-07"). Any thread.
std::string goJson(const boost::json::value& value, bool indent = true);

}  // namespace nwb::monitor
