// Helpers shared by the store tests: a store of either kind on a test clock.
#pragma once

#include <QTemporaryDir>
#include <QtTest>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "engine/store/file_store.h"
#include "engine/store/mem_store.h"

namespace store_test {

inline constexpr std::int64_t kStart = 1'700'000'000'000'000'000;

/// A MemStore or FileStore in a temporary directory, on a clock the test moves by hand.
struct Harness {
    explicit Harness(const QString& impl, nwb::store::StoreLimits limits = {},
                     std::uint64_t segment_size = 1 << 20) {
        const nwb::store::Clock clock = [this] { return now; };
        if (impl == "mem") {
            store = std::make_unique<nwb::store::MemStore>(limits, clock);
        } else {
            nwb::store::FileStoreConfig config;
            config.directory = dir.path().toStdString();
            config.segment_size = segment_size;
            config.limits = limits;
            config.clock = clock;
            auto opened = nwb::store::FileStore::open(config);
            if (opened) store = std::move(*opened);
        }
    }

    std::uint64_t put(const std::string& subject, const std::string& payload = "data",
                      const std::string& headers = {}) {
        auto r = store->store({subject, headers, payload, {}});
        return r ? r->seq : 0;
    }

    QTemporaryDir dir;
    std::int64_t now = kStart;
    std::unique_ptr<nwb::store::StreamStore> store;
};

inline std::vector<std::uint64_t> liveSeqs(nwb::store::StreamStore& s) {
    std::vector<std::uint64_t> out;
    for (std::uint64_t seq = 1;; ++seq) {
        auto r = s.loadNext("", seq);
        if (!r) break;
        out.push_back(r->seq);
        seq = r->seq;
    }
    return out;
}

inline QList<quint64> toList(const std::vector<std::uint64_t>& v) {
    return QList<quint64>(v.begin(), v.end());
}

}  // namespace store_test
