// Ports-file content and location, following nats-server's logPorts / portFile.
#include "engine/monitor/ports_file.h"

#include "engine/monitor/go_json.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <fmt/format.h>

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <ifaddrs.h>
#include <net/if.h>
#include <netinet/in.h>

namespace nwb::monitor {
namespace {

std::string hostPort(const std::string& host, int port) {
    return host.find(':') != std::string::npos ? fmt::format("[{}]:{}", host, port)
                                               : fmt::format("{}:{}", host, port);
}

/// Every interface address, in interface order, IPv4 before IPv6 within an interface.
std::vector<std::string> interfaceAddresses() {
    std::vector<std::pair<std::pair<unsigned, int>, std::string>> found;
    ifaddrs* list = nullptr;
    if (::getifaddrs(&list) != 0) return {};
    for (ifaddrs* a = list; a != nullptr; a = a->ifa_next) {
        if (a->ifa_addr == nullptr) continue;
        char text[INET6_ADDRSTRLEN] = {};
        const int family = a->ifa_addr->sa_family;
        if (family == AF_INET) {
            ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in*>(a->ifa_addr)->sin_addr, text,
                        sizeof text);
        } else if (family == AF_INET6) {
            ::inet_ntop(AF_INET6, &reinterpret_cast<sockaddr_in6*>(a->ifa_addr)->sin6_addr, text,
                        sizeof text);
        } else {
            continue;
        }
        found.push_back({{::if_nametoindex(a->ifa_name), family == AF_INET ? 0 : 1}, text});
    }
    ::freeifaddrs(list);
    std::stable_sort(found.begin(), found.end(),
                     [](const auto& x, const auto& y) { return x.first < y.first; });
    std::vector<std::string> out;
    for (auto& f : found) out.push_back(std::move(f.second));
    return out;
}

}  // namespace

std::vector<std::string> listenerUrls(std::string_view scheme, const std::string& host, int port) {
    std::vector<std::string> urls;
    if (host.empty() || host == "0.0.0.0" || host == "::" || host == "[::]") {
        for (const std::string& address : interfaceAddresses()) {
            urls.push_back(fmt::format("{}://{}", scheme, hostPort(address, port)));
        }
    } else {
        urls.push_back(fmt::format("{}://{}", scheme, hostPort(host, port)));
    }
    return urls;
}

std::string portsJson(const std::vector<std::string>& nats,
                      const std::vector<std::string>& monitoring) {
    boost::json::object o;
    const auto add = [&](const char* key, const std::vector<std::string>& urls) {
        if (urls.empty()) return;
        boost::json::array a;
        for (const std::string& u : urls) a.emplace_back(u);
        o[key] = std::move(a);
    };
    add("nats", nats);
    add("monitoring", monitoring);
    return goJson(o, false);
}

std::string portsFilePath(const std::string& dir, std::string_view exe, long pid) {
    const std::string base = std::filesystem::path(exe).filename().string();
    return (std::filesystem::path(dir) / fmt::format("{}_{}.ports", base, pid)).string();
}

std::string writePortsFile(const std::string& path, const std::string& content) {
    std::ofstream out(path, std::ios::trunc);
    if (out) out << content;
    if (!out) return fmt::format("open {}: {}", path, std::strerror(errno));
    return {};
}

}  // namespace nwb::monitor
