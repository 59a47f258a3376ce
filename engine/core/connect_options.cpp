// Parses CONNECT JSON the way Go's encoding/json fills nats-server's ClientOpts.
#include "engine/core/connect_options.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cctype>

namespace nwb::core {
namespace {

bool iequals(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

bool readBool(const boost::json::value& v, bool& out) {
    if (v.is_null()) return true;
    if (!v.is_bool()) return false;
    out = v.get_bool();
    return true;
}

bool readString(const boost::json::value& v, std::string& out) {
    if (v.is_null()) return true;
    if (!v.is_string()) return false;
    out.assign(v.get_string().data(), v.get_string().size());
    return true;
}

bool readInt(const boost::json::value& v, int& out) {
    if (v.is_null()) return true;
    if (v.is_int64()) {
        out = static_cast<int>(v.get_int64());
        return true;
    }
    if (v.is_uint64()) {
        out = static_cast<int>(v.get_uint64());
        return true;
    }
    return false;  // Go rejects floats and strings for an int field
}

}  // namespace

bool applyConnectJson(std::string_view json, ConnectOptions& opts) {
    boost::json::error_code ec;
    const boost::json::value root = boost::json::parse(json, ec);
    if (ec || !root.is_object()) return false;
    for (const auto& [key, value] : root.get_object()) {
        bool ok = true;
        const std::string_view k(key.data(), key.size());
        if (iequals(k, "verbose")) ok = readBool(value, opts.verbose);
        else if (iequals(k, "pedantic")) ok = readBool(value, opts.pedantic);
        else if (iequals(k, "echo")) ok = readBool(value, opts.echo);
        else if (iequals(k, "headers")) ok = readBool(value, opts.headers);
        else if (iequals(k, "no_responders")) ok = readBool(value, opts.no_responders);
        else if (iequals(k, "tls_required")) ok = readBool(value, opts.tls_required);
        else if (iequals(k, "protocol")) ok = readInt(value, opts.protocol);
        else if (iequals(k, "user")) ok = readString(value, opts.user);
        else if (iequals(k, "pass")) ok = readString(value, opts.pass);
        else if (iequals(k, "auth_token")) ok = readString(value, opts.auth_token);
        else if (iequals(k, "name")) ok = readString(value, opts.name);
        else if (iequals(k, "lang")) ok = readString(value, opts.lang);
        else if (iequals(k, "version")) ok = readString(value, opts.version);
        else if (iequals(k, "account")) ok = readString(value, opts.account);
        else if (iequals(k, "new_account")) ok = readBool(value, opts.new_account);
        else if (iequals(k, "jwt")) ok = readString(value, opts.jwt);
        else if (iequals(k, "nkey")) ok = readString(value, opts.nkey);
        else if (iequals(k, "sig")) ok = readString(value, opts.sig);
        if (!ok) return false;
    }
    return true;
}

}  // namespace nwb::core
