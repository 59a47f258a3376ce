// JetStream contexts, fresh streams and checked asynchronous publishing for nwb-bench.
#include "app/bench/jetstream_client.h"

#include "app/bench/clock.h"
#include "app/bench/payload.h"
#include "app/bench/progress.h"
#include "app/bench/run_token.h"

#include <fmt/format.h>

#include <algorithm>

namespace nwb::bench {

std::string jsFailure(std::string_view what, natsStatus status, jsErrCode code) {
    std::string text = fmt::format("{}: {}", what, statusText(status));
    if (code != 0) text += fmt::format(" (JetStream error {})", static_cast<int>(code));
    natsStatus last = NATS_OK;
    if (const char* detail = nats_GetLastError(&last); detail != nullptr && *detail != '\0') {
        text += fmt::format(": {}", detail);
    }
    return text;
}

AsyncAcks::AsyncAcks(std::uint64_t count, bool measure_latency)
    : tracker_(std::vector<std::uint64_t>{count}), measure_latency_(measure_latency) {}

void AsyncAcks::onAck(jsCtx*, natsMsg* msg, jsPubAck* pa, jsPubAckErr* pae, void* closure) {
    auto* self = static_cast<AsyncAcks*>(closure);
    const std::int64_t now = nowNs();
    const auto header = readPayloadHeader(natsMsg_GetData(msg),
                                          static_cast<std::size_t>(natsMsg_GetDataLength(msg)));
    natsMsg_Destroy(msg);
    if (pa != nullptr && header && !pa->Duplicate) {
        self->tracker_.record(header->publisher, header->sequence);
        ++self->acked_;
        if (self->measure_latency_ && header->stamp_ns > 0 && now >= header->stamp_ns)
            self->latency_.record(static_cast<std::uint64_t>(now - header->stamp_ns));
    } else if (pa != nullptr) {
        // An ack for a message that is not ours, or one the stream calls a duplicate.
        self->tracker_.recordInvalid();
        ++self->acked_;
    } else {
        ++self->failures_;
        if (self->first_error_.empty()) {
            self->first_error_ =
                pae != nullptr
                    ? fmt::format("publish ack: {}{}", statusText(pae->Err),
                                  pae->ErrText != nullptr ? std::string(" ") + pae->ErrText : "")
                    : std::string("publish ack: no ack and no error");
        }
    }
    // The last access to *self: the owner may free it once every publish has settled.
    self->settled_.fetch_add(1, std::memory_order_release);
}

std::expected<std::unique_ptr<JsClient>, std::string> JsClient::connect(const RunContext& ctx,
                                                                        const std::string& name,
                                                                        bool send_asap,
                                                                        AsyncAcks* acks,
                                                                        std::int64_t max_pending) {
    std::unique_ptr<JsClient> client(new JsClient());
    client->events_ = std::make_shared<ClientEvents>();
    auto conn = connectClient(ctx.url, {send_asap, name}, client->events_);
    if (!conn) return std::unexpected(conn.error());
    client->conn_ = std::move(*conn);
    jsOptions options;
    jsOptions_Init(&options);
    options.Wait = ctx.stall_timeout.count();
    if (acks != nullptr) {
        options.PublishAsync.MaxPending = max_pending;
        options.PublishAsync.AckHandler = &AsyncAcks::onAck;
        options.PublishAsync.AckHandlerClosure = acks;
        options.PublishAsync.StallWait = ctx.stall_timeout.count();
    }
    jsCtx* js = nullptr;
    if (const natsStatus s = natsConnection_JetStream(&js, client->conn_.get(), &options);
        s != NATS_OK) {
        return std::unexpected(jsFailure("JetStream context", s));
    }
    client->js_.reset(js);
    return client;
}

JsNames freshJsNames() {
    const std::string token = randomToken();
    return {"NWBBENCH_" + token, "nwbbench." + token + ".js", "nwbbench_" + token};
}

std::string createStream(jsCtx* js, const std::string& name, const std::string& subject) {
    jsStreamConfig config;
    jsStreamConfig_Init(&config);
    config.Name = name.c_str();
    const char* subjects[] = {subject.c_str()};
    config.Subjects = subjects;
    config.SubjectsLen = 1;
    config.Storage = js_FileStorage;
    config.Replicas = 1;
    jsStreamInfo* info = nullptr;
    jsErrCode code = jsErrCode(0);
    const natsStatus s = js_AddStream(&info, js, &config, nullptr, &code);
    if (s != NATS_OK) return jsFailure("create stream " + name, s, code);
    jsStreamInfo_Destroy(info);
    return "";
}

std::string deleteStream(jsCtx* js, const std::string& name) {
    jsErrCode code = jsErrCode(0);
    const natsStatus s = js_DeleteStream(js, name.c_str(), nullptr, &code);
    return s == NATS_OK ? "" : jsFailure("delete stream " + name, s, code);
}

std::expected<StreamCounts, std::string> streamCounts(jsCtx* js, const std::string& name) {
    jsStreamInfo* info = nullptr;
    jsErrCode code = jsErrCode(0);
    const natsStatus s = js_GetStreamInfo(&info, js, name.c_str(), nullptr, &code);
    if (s != NATS_OK) return std::unexpected(jsFailure("stream info " + name, s, code));
    const StreamCounts counts{info->State.Msgs, info->State.FirstSeq, info->State.LastSeq};
    jsStreamInfo_Destroy(info);
    return counts;
}

std::expected<ConsumerCounts, std::string> consumerCounts(jsCtx* js, const std::string& stream,
                                                          const std::string& consumer) {
    jsConsumerInfo* info = nullptr;
    jsErrCode code = jsErrCode(0);
    const natsStatus s =
        js_GetConsumerInfo(&info, js, stream.c_str(), consumer.c_str(), nullptr, &code);
    if (s != NATS_OK) return std::unexpected(jsFailure("consumer info " + consumer, s, code));
    const auto count = [](std::int64_t v) {
        return static_cast<std::uint64_t>(std::max<std::int64_t>(v, 0));
    };
    const ConsumerCounts counts{info->Delivered.Consumer,    info->Delivered.Stream,
                                info->AckFloor.Stream,       count(info->NumAckPending),
                                count(info->NumRedelivered), info->NumPending};
    jsConsumerInfo_Destroy(info);
    return counts;
}

std::string publishAllAsync(JsClient& client, const AsyncAcks& acks, const std::string& subject,
                            bool per_key, std::uint64_t count, std::uint64_t size,
                            const RunContext& ctx, std::uint64_t& sent,
                            std::int64_t* last_publish_ns) {
    std::string payload(size, 'x');
    std::string key_subject;
    ProgressReporter progress(ctx);
    sent = 0;
    std::string error;
    for (std::uint64_t seq = 0; seq < count; ++seq) {
        writePayloadHeader(payload.data(), payload.size(), {0, seq, nowNs()});
        const char* target = subject.c_str();
        if (per_key) {
            key_subject = subject + kvKey(seq);
            target = key_subject.c_str();
        }
        const natsStatus s = js_PublishAsync(client.js(), target, payload.data(),
                                             static_cast<int>(payload.size()), nullptr);
        if (s != NATS_OK) {
            error = jsFailure("js_PublishAsync", s);
            break;
        }
        ++sent;
        if (seq % 256 == 255) progress.update(sent, count, acks.settled(), count);
        if (client.events().count() > 0) {
            error = client.events().first();
            break;
        }
    }
    if (last_publish_ns != nullptr) *last_publish_ns = nowNs();
    jsPubOptions options;
    jsPubOptions_Init(&options);
    // Acks keep coming while the server keeps up; give the whole tail the stall timeout.
    options.MaxWait = ctx.stall_timeout.count();
    if (const natsStatus s = js_PublishAsyncComplete(client.js(), &options);
        s != NATS_OK && error.empty()) {
        error = fmt::format("{} of {} publishes unacknowledged: {}", sent - acks.settled(), sent,
                            jsFailure("js_PublishAsyncComplete", s));
    }
    if (error.empty() && acks.settled() != sent) {
        error = fmt::format("{} of {} publishes settled", acks.settled(), sent);
    }
    return error;
}

}  // namespace nwb::bench
