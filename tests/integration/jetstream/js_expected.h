// Expected JSON texts for tst_jetstream_streams.cpp (kept out of moc's sight: raw strings).
#pragma once

#include <string_view>

namespace {
constexpr std::string_view kRaw0 = R"({"name":"T","max_age":1000000000})";
constexpr std::string_view kRaw1 = R"({"type":"io.nats.jetstream.api.v1.stream_create_response","config":{"name":"T","subjects":["T"],"retention":"limits","max_consumers":-1,"max_msgs":-1,"max_bytes":-1,"max_age":1000000000,"max_msgs_per_subject":-1,"max_msg_size":-1,"discard":"old","storage":"file","num_replicas":1,"duplicate_window":1000000000,"compression":"none","allow_direct":false,"mirror_direct":false,"sealed":false,"deny_delete":false,"deny_purge":false,"allow_rollup_hdrs":false,"consumer_limits":{}},"created":")";
constexpr std::string_view kRaw2 = R"("cluster")";
constexpr std::string_view kRaw3 = R"(,"did_create":true})";
constexpr std::string_view kRaw4 = R"({"name":"Y"})";
constexpr std::string_view kRaw5 = R"({"type":"io.nats.jetstream.api.v1.stream_create_response","error":{"code":400,"err_code":10056,"description":"stream name in subject does not match request"}})";
constexpr std::string_view kRaw6 = R"({"type":"io.nats.jetstream.api.v1.stream_create_response","error":{"code":400,"err_code":10025,"description":"invalid JSON"}})";
constexpr std::string_view kRaw7 = R"({"name":"X","subjects":["$JS.API.>"]})";
constexpr std::string_view kRaw8 = R"({"type":"io.nats.jetstream.api.v1.stream_create_response","error":{"code":500,"err_code":10052,"description":"subjects that overlap with jetstream api require no-ack to be true"}})";
constexpr std::string_view kRaw9 = R"({"name":"X","num_replicas":3})";
constexpr std::string_view kRaw10 = R"({"type":"io.nats.jetstream.api.v1.stream_create_response","error":{"code":500,"err_code":10074,"description":"replicas \u003e 1 not supported in non-clustered mode"}})";
constexpr std::string_view kRaw11 = R"({"name":"D","max_age":1000000000,"duplicate_window":2000000000})";
constexpr std::string_view kRaw12 = R"({"stream":"P", "seq":3})";
constexpr std::string_view kRaw13 = R"({"stream":"P", "seq":2,"duplicate": true})";
constexpr std::string_view kRaw14 = R"({"seq":2,"next_by_subj":"m.a"})";
constexpr std::string_view kRaw15 = R"({"seq":99})";
constexpr std::string_view kRaw16 = R"({"type":"io.nats.jetstream.api.v1.stream_msg_get_response","error":{"code":404,"err_code":10037,"description":"no message found"}})";
constexpr std::string_view kRaw17 = R"({"subjects_filter":"m.*","offset":1})";
constexpr std::string_view kRaw18 = R"({"filter":"m.a","keep":1})";
constexpr std::string_view kRaw19 = R"({"seq":5,"keep":1})";
constexpr std::string_view kRaw20 = R"({"seq":6})";
constexpr std::string_view kRaw21 = R"({"subject":"a.x"})";
constexpr std::string_view kRaw22 = R"({"type":"io.nats.jetstream.api.v1.stream_names_response","total":1,"offset":0,"limit":1024,"streams":["A"]})";
constexpr std::string_view kRaw23 = R"({"offset":5})";
constexpr std::string_view kRaw24 = R"({"type":"io.nats.jetstream.api.v1.stream_names_response","total":3,"offset":3,"limit":1024,"streams":null})";
constexpr std::string_view kRaw25 = R"({"offset":1})";
constexpr std::string_view kRaw26 = R"({"stream":"D", "domain":"ABC", "seq":2})";
}  // namespace
