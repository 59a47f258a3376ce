// An in-process core::Server with the JetStream service on a temporary store_dir, a libnats
// connection and its JetStream context; plus raw $JS.API requests for exact JSON checks.
#pragma once

#include <QTemporaryDir>
#include <QtTest>

#include <memory>
#include <string>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include "engine/core/server.h"
#include "engine/jetstream/jetstream_service.h"
#include "tests/integration/nats_test_support.h"

namespace nwb::test {

struct JsDeleter {
    void operator()(jsCtx* p) const noexcept { jsCtx_Destroy(p); }
    void operator()(jsStreamInfo* p) const noexcept { jsStreamInfo_Destroy(p); }
    void operator()(jsPubAck* p) const noexcept { jsPubAck_Destroy(p); }
    void operator()(jsAccountInfo* p) const noexcept { jsAccountInfo_Destroy(p); }
    void operator()(jsStreamNamesList* p) const noexcept { jsStreamNamesList_Destroy(p); }
    void operator()(jsStreamInfoList* p) const noexcept { jsStreamInfoList_Destroy(p); }
};
using JsCtxPtr = std::unique_ptr<jsCtx, JsDeleter>;
using StreamInfoPtr = std::unique_ptr<jsStreamInfo, JsDeleter>;
using PubAckPtr = std::unique_ptr<jsPubAck, JsDeleter>;

inline core::ServerOptions jsServerOptions() {
    core::ServerOptions o;
    o.host = "127.0.0.1";
    o.port = 0;
    o.io_threads = 2;
    o.server_name = "nwb-js-test";
    return o;
}

/// Server + service + client. `stop()` then `start()` again reopens on the same store_dir.
class JsFixture {
public:
    explicit JsFixture(std::string domain = {}, const QString& dir = {}) : domain_(std::move(domain)) {
        store_dir_ = dir.isEmpty() ? tmp_.path().toStdString() : dir.toStdString();
        start();
    }
    ~JsFixture() { stop(); }

    void start() {
        server_ = std::make_unique<core::Server>(jsServerOptions());
        server_->start();
        jetstream::JetStreamConfig config;
        config.store_dir = store_dir_;
        config.domain = domain_;
        service_ = std::make_unique<jetstream::JetStreamService>(*server_, config);
        auto nc = connect("nats://127.0.0.1:" + std::to_string(server_->port()));
        if (nc) nc_ = std::move(*nc);
        jsOptions options;
        jsOptions_Init(&options);
        if (!domain_.empty()) options.Domain = domain_.c_str();
        jsCtx* js = nullptr;
        if (nc_ && natsConnection_JetStream(&js, nc_.get(), &options) == NATS_OK) js_.reset(js);
    }

    void stop() {
        js_.reset();
        nc_.reset();
        if (service_) service_->stop();
        if (server_) server_->shutdown();
        service_.reset();
        server_.reset();
    }

    natsConnection* nc() { return nc_.get(); }
    jsCtx* js() { return js_.get(); }
    core::Server& server() { return *server_; }
    jetstream::JetStreamService& service() { return *service_; }
    const std::string& storeDir() const { return store_dir_; }

    /// A raw request; the reply's payload, or "" on failure.
    std::string request(const std::string& subject, const std::string& body = {}) {
        natsMsg* reply = nullptr;
        if (natsConnection_Request(&reply, nc(), subject.c_str(), body.data(),
                                   static_cast<int>(body.size()), 5000) != NATS_OK) {
            return {};
        }
        MsgPtr owned(reply);
        return msgData(reply);
    }
    /// A raw request parsed as JSON (null on failure).
    boost::json::value requestJson(const std::string& subject, const std::string& body = {}) {
        boost::system::error_code ec;
        auto v = boost::json::parse(request(subject, body), ec);
        return ec ? boost::json::value() : v;
    }

private:
    QTemporaryDir tmp_;
    std::string domain_;
    std::string store_dir_;
    std::unique_ptr<core::Server> server_;
    std::unique_ptr<jetstream::JetStreamService> service_;
    ConnectionPtr nc_;
    JsCtxPtr js_;
};

/// Creates a stream with these subjects and optional tweaks; returns the libnats status.
inline natsStatus addStream(jsCtx* js, const char* name, std::initializer_list<const char*> subjects,
                            const std::function<void(jsStreamConfig&)>& tweak = {},
                            jsErrCode* err = nullptr, StreamInfoPtr* info = nullptr) {
    jsStreamConfig cfg;
    jsStreamConfig_Init(&cfg);
    cfg.Name = name;
    std::vector<const char*> subs(subjects);
    cfg.Subjects = subs.data();
    cfg.SubjectsLen = static_cast<int>(subs.size());
    if (tweak) tweak(cfg);
    jsStreamInfo* si = nullptr;
    const natsStatus s = js_AddStream(&si, js, &cfg, nullptr, err);
    if (info != nullptr) {
        info->reset(si);
    } else if (si != nullptr) {
        jsStreamInfo_Destroy(si);
    }
    return s;
}

/// Publishes and returns the ack's sequence, or 0 on error (with `err` set).
inline std::uint64_t publish(jsCtx* js, const char* subject, const std::string& data,
                             jsPubOptions* options = nullptr, jsErrCode* err = nullptr,
                             bool* duplicate = nullptr) {
    jsPubAck* ack = nullptr;
    jsErrCode code = static_cast<jsErrCode>(0);
    const natsStatus s = js_Publish(&ack, js, subject, data.data(), static_cast<int>(data.size()),
                                    options, &code);
    if (err != nullptr) *err = code;
    if (s != NATS_OK) return 0;
    PubAckPtr owned(ack);
    if (duplicate != nullptr) *duplicate = ack->Duplicate;
    return ack->Sequence;
}

}  // namespace nwb::test
