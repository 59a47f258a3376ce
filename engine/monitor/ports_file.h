// The ports file nats-server writes into ports_file_dir (<exe>_<pid>.ports) so that test
// harnesses learn the ports the server picked: {"nats":[...],"monitoring":[...]}.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace nwb::monitor {

/// "<scheme>://host:port" for a listener; an unspecified host (0.0.0.0, ::) becomes one URL per
/// address of every network interface, as nats-server's resolveHostPorts does.
std::vector<std::string> listenerUrls(std::string_view scheme, const std::string& host, int port);

/// {"nats":[...],"monitoring":[...]} with empty lists left out, as Go's omitempty does.
std::string portsJson(const std::vector<std::string>& nats,
                      const std::vector<std::string>& monitoring);

/// `<dir>/<basename of exe>_<pid>.ports`.
std::string portsFilePath(const std::string& dir, std::string_view exe, long pid);

/// Writes `content` to `path`; returns an error text, empty on success. Any thread.
std::string writePortsFile(const std::string& path, const std::string& content);

}  // namespace nwb::monitor
