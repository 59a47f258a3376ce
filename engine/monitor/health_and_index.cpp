// /healthz, the "/" index page, and the base-path arithmetic of nats-server's HTTP mux.
#include "engine/core/server.h"
#include "engine/monitor/endpoints.h"

#include <fmt/format.h>

#include <vector>

namespace nwb::monitor {
namespace {

/// Go's path.Clean for absolute paths.
std::string cleanPath(std::string_view p) {
    std::vector<std::string_view> parts;
    std::size_t i = 0;
    while (i <= p.size()) {
        const std::size_t slash = p.find('/', i);
        const std::size_t end = slash == std::string_view::npos ? p.size() : slash;
        const std::string_view part = p.substr(i, end - i);
        if (part == "..") {
            if (!parts.empty()) parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
        if (slash == std::string_view::npos) break;
        i = slash + 1;
    }
    std::string out;
    for (const auto part : parts) {
        out += '/';
        out += part;
    }
    return out.empty() ? "/" : out;
}

}  // namespace

std::string cleanRequestPath(std::string_view path) {
    if (path.empty()) return "/";
    std::string p(path);
    if (p.front() != '/') p.insert(p.begin(), '/');
    std::string clean = cleanPath(p);
    if (p.back() == '/' && clean != "/") clean += '/';
    return clean;
}

std::string normalizeBasePath(std::string_view path) {
    if (path.empty()) return "/";
    std::string p(path);
    if (p.front() != '/') p.insert(p.begin(), '/');
    return cleanPath(p);
}

std::string joinPath(std::string_view base_path, std::string_view endpoint) {
    return cleanPath(std::string(base_path) + "/" + std::string(endpoint));
}

EndpointResult healthz(MonitorContext& ctx, const QueryParams& query) {
    ctx.count("/healthz");
    const auto js_enabled = query.decodeBool("js-enabled");
    if (!js_enabled) return std::unexpected(js_enabled.error());
    if (*js_enabled) {
        ctx.server.logger().warn("Healthcheck: js-enabled deprecated, use js-enabled-only instead");
    }
    for (const char* flag : {"js-enabled-only", "js-server-only"}) {
        if (const auto b = query.decodeBool(flag); !b) return std::unexpected(b.error());
    }
    // Without JetStream nats-server checks only that it accepts connections, which it does
    // whenever this monitor runs.
    return boost::json::object{{"status", "ok"}};
}

std::string indexPage(MonitorContext& ctx, std::string_view base_path) {
    ctx.count("/");
    struct Link {
        const char* path;
        const char* title;
    };
    static constexpr Link kLinks[] = {
        {"/varz", "General"},         {"/jsz", "JetStream"},          {"/connz", "Connections"},
        {"/accountz", "Accounts"},    {"/accstatz", "Account Stats"}, {"/subsz", "Subscriptions"},
        {"/routez", "Routes"},        {"/leafz", "LeafNodes"},        {"/gatewayz", "Gateways"},
        {"/healthz", "Health Probe"},
    };
    std::string links;
    for (const Link& l : kLinks) {
        // As nats-server: hrefs are "." followed by the joined path.
        links += fmt::format("\t<a href=.{}>{}</a>\n", joinPath(base_path, l.path), l.title);
    }
    return fmt::format(R"(<html lang="en">
	<head>
	<title>nwb-server monitoring</title>
	<style type="text/css">
		body {{ font-family: ui-sans-serif,system-ui,sans-serif; font-size: 18px; margin-left: 32px }}
		a {{ display:block; margin-left: 7px; padding-bottom: 6px; color: rgb(72 72 92); text-decoration: none }}
		a:hover {{ font-weight: 600; color: rgb(59 50 202) }}
	</style>
	</head>
	<body>
	<h2>nwb-server <a href=https://github.com/nats-io/nats-server class='version'>v{}</a></h2>
{}	<a href=https://docs.nats.io/running-a-nats-service/nats_admin/monitoring class="help">Help</a>
  </body>
</html>)",
                       core::kAdvertisedVersion, links);
}

}  // namespace nwb::monitor
