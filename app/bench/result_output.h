// Single-server results as an aligned table, JSON and CSV.
#pragma once

#include "app/bench/run_result.h"

#include <boost/json/object.hpp>

#include <string>
#include <vector>

namespace nwb::bench {

/// One run with where it came from: round number and server label ("" outside --compare).
struct RoundResult {
    std::uint32_t round = 1;
    std::string server;
    RunResult result;
};

std::string formatTable(const std::vector<RoundResult>& rows);
boost::json::object resultToJson(const RunResult& result);
std::string csvHeader();
std::string csvRow(const RoundResult& row);

/// Writes `text` to `path` ("-": stdout). Returns an error message, empty on success.
std::string writeOutput(const std::string& path, const std::string& text);

/// 1234567.8 -> "1,234,568".
std::string groupedInteger(double value);

}  // namespace nwb::bench
