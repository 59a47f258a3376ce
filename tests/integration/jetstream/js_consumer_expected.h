// Expected JSON texts for tst_jetstream_consumers.cpp (kept out of moc's sight: raw strings).
#pragma once

#include <string_view>

namespace {
constexpr std::string_view kCreateC = R"({"stream_name":"S","config":{"name":"C","ack_policy":"explicit"},"action":"create"})";
constexpr std::string_view kCreateCPrefix = R"({"type":"io.nats.jetstream.api.v1.consumer_create_response","stream_name":"S","name":"C","created":")";
constexpr std::string_view kCreateCConfig = R"(","config":{"name":"C","deliver_policy":"all","ack_policy":"explicit","ack_wait":30000000000,"max_deliver":-1,"replay_policy":"instant","max_waiting":512,"max_ack_pending":1000,"inactive_threshold":5000000000,"num_replicas":0},"delivered":{"consumer_seq":0,"stream_seq":0},"ack_floor":{"consumer_seq":0,"stream_seq":0},"num_ack_pending":0,"num_redelivered":0,"num_waiting":0,"num_pending":2,"ts":")";
constexpr std::string_view kCreateCOther = R"({"stream_name":"S","config":{"name":"C","ack_policy":"explicit","description":"x"},"action":"create"})";
constexpr std::string_view kErrExists = R"({"type":"io.nats.jetstream.api.v1.consumer_create_response","error":{"code":400,"err_code":10148,"description":"consumer already exists"}})";
constexpr std::string_view kUpdateMissing = R"({"stream_name":"S","config":{"name":"D","ack_policy":"explicit"},"action":"update"})";
constexpr std::string_view kErrNotExist = R"({"type":"io.nats.jetstream.api.v1.consumer_create_response","error":{"code":400,"err_code":10149,"description":"consumer does not exist"}})";
constexpr std::string_view kMismatch = R"({"stream_name":"T","config":{"name":"C"}})";
constexpr std::string_view kErrMismatch = R"({"type":"io.nats.jetstream.api.v1.consumer_create_response","error":{"code":400,"err_code":10056,"description":"stream name in subject does not match request"}})";
constexpr std::string_view kDurableOther = R"({"stream_name":"S","config":{"durable_name":"X"}})";
constexpr std::string_view kErrDurableSubject = R"({"type":"io.nats.jetstream.api.v1.consumer_create_response","error":{"code":400,"err_code":10017,"description":"consumer name in subject does not match durable name in request"}})";
constexpr std::string_view kErrEphemeralDurable = R"({"type":"io.nats.jetstream.api.v1.consumer_create_response","error":{"code":400,"err_code":10020,"description":"consumer expected to be ephemeral but a durable name was set in request"}})";
constexpr std::string_view kFilterB = R"({"stream_name":"S","config":{"filter_subject":"s.b"}})";
constexpr std::string_view kErrFilterMismatch = R"({"type":"io.nats.jetstream.api.v1.consumer_create_response","error":{"code":400,"err_code":10131,"description":"Consumer create request did not match filtered subject from create subject"}})";
constexpr std::string_view kBySeqNoSeq = R"({"stream_name":"S","config":{"deliver_policy":"by_start_sequence"}})";
constexpr std::string_view kErrBySeq = R"({"type":"io.nats.jetstream.api.v1.consumer_create_response","error":{"code":400,"err_code":10094,"description":"consumer delivery policy is deliver by start sequence, but optional start sequence is not set"}})";
constexpr std::string_view kLastPerNoFilter = R"({"stream_name":"S","config":{"deliver_policy":"last_per_subject"}})";
constexpr std::string_view kErrLastPer = R"({"type":"io.nats.jetstream.api.v1.consumer_create_response","error":{"code":400,"err_code":10094,"description":"consumer delivery policy is deliver last per subject, but optional filter subject is not set"}})";
constexpr std::string_view kBadAction = R"({"stream_name":"S","config":{},"action":"bogus"})";
constexpr std::string_view kErrJson = R"({"type":"io.nats.jetstream.api.v1.consumer_create_response","error":{"code":400,"err_code":10025,"description":"invalid JSON"}})";
constexpr std::string_view kErrNotFound = R"({"type":"io.nats.jetstream.api.v1.consumer_info_response","error":{"code":404,"err_code":10014,"description":"consumer not found"}})";
constexpr std::string_view kErrMaxConsumers = R"({"type":"io.nats.jetstream.api.v1.consumer_create_response","error":{"code":400,"err_code":10026,"description":"maximum consumers limit reached"}})";
constexpr std::string_view kEphemeral = R"({"stream_name":"S","config":{"ack_policy":"explicit"}})";
constexpr std::string_view kErrStreamNotFound = R"({"type":"io.nats.jetstream.api.v1.consumer_create_response","error":{"code":404,"err_code":10059,"description":"stream not found"}})";
constexpr std::string_view kNamesOffset1 = R"({"type":"io.nats.jetstream.api.v1.consumer_names_response","total":3,"offset":1,"limit":1024,"consumers":["B","C"]})";
constexpr std::string_view kNamesEmpty = R"({"type":"io.nats.jetstream.api.v1.consumer_names_response","total":0,"offset":0,"limit":1024,"consumers":[]})";
constexpr std::string_view kOffset1 = R"({"offset":1})";
constexpr std::string_view kDeleteOk = R"({"type":"io.nats.jetstream.api.v1.consumer_delete_response","success":true})";
constexpr std::string_view kWqNone = R"({"stream_name":"W","config":{"name":"A","ack_policy":"none"}})";
constexpr std::string_view kErrWqAck = R"({"type":"io.nats.jetstream.api.v1.consumer_create_response","error":{"code":400,"err_code":10084,"description":"consumer in pull mode requires ack policy"}})";
}  // namespace
