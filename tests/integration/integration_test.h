// Qt Test helpers shared by the integration tests: start a server, connect, PING barriers.
#pragma once

#include "tests/integration/nats_test_support.h"
#include "tests/integration/server_process.h"

#include <nats/nats.h>

#include <QtTest/QtTest>

#include <initializer_list>
#include <string>

namespace nwb::test {

inline constexpr int64_t kWaitMs = 5000;  ///< deadline for anything that should happen promptly

/// Text of the calling thread's last libnats error without the "(file.c:123): " location prefix.
inline std::string lastErrorText() {
    const char* text = nats_GetLastError(nullptr);
    std::string_view view = text == nullptr ? "" : text;
    if (view.starts_with('(')) {
        if (const auto end = view.find("): "); end != std::string_view::npos) {
            view.remove_prefix(end + 3);
        }
    }
    return std::string(view);
}

/// PING/PONG round trip on each connection, in order. After barrier({pub, sub}) everything pub
/// sent has been routed and delivered into sub's pending queues.
inline bool barrier(std::initializer_list<natsConnection*> connections) {
    for (natsConnection* nc : connections) {
        if (natsConnection_FlushTimeout(nc, kWaitMs) != NATS_OK) return false;
    }
    return true;
}

/// The version in the server's startup banner ("  Version:  2.10.22"; nwb-server and nats-server
/// print the same line), or "" when the output has none.
inline std::string bannerVersion(const ServerProcess& server) {
    const std::string out = server.output();
    const auto at = out.find("Version:");
    if (at == std::string::npos) return {};
    auto begin = out.find_first_not_of(' ', at + 8);
    const auto end = out.find_first_of("\r\n", begin);
    return begin == std::string::npos ? std::string() : out.substr(begin, end - begin);
}

/// Whether the server under test behaves as nats-server 2.10 (nwb-server advertises 2.10.22;
/// the reference peer is Debian's 2.9.10). Tests expect each server's own version's behaviour.
inline bool behavesAs210(const ServerProcess& server) {
    return !bannerVersion(server).starts_with("2.9.");
}

template <typename T>
std::string describe(const std::expected<T, natsStatus>& result) {
    if (result.has_value()) return {};
    return std::string(natsStatus_GetText(result.error())) + ": " + lastErrorText();
}

template <typename T>
std::string describe(const std::expected<T, std::string>& result) {
    return result.has_value() ? std::string() : result.error();
}

}  // namespace nwb::test

/// Starts a server for this test function, or fails the test with the server's output.
#define NWB_START_SERVER(name, ...)                                                      \
    auto name##_started = ::nwb::test::ServerProcess::start(__VA_ARGS__);                \
    QVERIFY2(name##_started.has_value(), ::nwb::test::describe(name##_started).c_str()); \
    [[maybe_unused]] ::nwb::test::ServerProcess& name = **name##_started

/// Connects (url[, configure]) as a natsConnection* named `name`, or fails the test.
#define NWB_CONNECT(name, ...)                                                       \
    auto name##_owner = ::nwb::test::connect(__VA_ARGS__);                           \
    QVERIFY2(name##_owner.has_value(), ::nwb::test::describe(name##_owner).c_str()); \
    [[maybe_unused]] natsConnection* name = name##_owner->get()

/// Synchronous subscription (nc, subject[, queue]) as a natsSubscription* named `name`.
#define NWB_SUBSCRIBE(name, ...)                                                     \
    auto name##_owner = ::nwb::test::subscribeSync(__VA_ARGS__);                     \
    QVERIFY2(name##_owner.has_value(), ::nwb::test::describe(name##_owner).c_str()); \
    [[maybe_unused]] natsSubscription* name = name##_owner->get()
