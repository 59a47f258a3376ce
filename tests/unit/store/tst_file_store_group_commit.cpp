// FileStore group commit: buffered appends are readable at once, reach the file before their
// callback runs, survive rolls, erasure and reopening; callbacks run in order, in bounded groups.
#include <QTemporaryDir>
#include <QtTest>

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include "engine/store/file_store.h"
#include "engine/store/record_codec.h"

using namespace nwb::store;

namespace {

std::unique_ptr<FileStore> openStore(const QTemporaryDir& dir, std::uint64_t segment_size = 1 << 20,
                                     std::function<void(const std::function<void()>&)> group = {}) {
    FileStoreConfig config;
    config.directory = dir.path().toStdString();
    config.segment_size = segment_size;
    config.callback_group = std::move(group);
    auto opened = FileStore::open(config);
    return opened ? std::move(*opened) : nullptr;
}

std::string payloadFor(int i) { return "payload-" + std::to_string(i) + std::string(i % 7, 'x'); }

/// The bytes of every segment file in `dir`, concatenated in name order.
std::string segmentBytes(const QTemporaryDir& dir) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(dir.path().toStdString())) {
        if (e.path().extension() == ".seg") files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    std::string out;
    for (const auto& f : files) {
        const int fd = ::open(f.c_str(), O_RDONLY);
        char buf[65536];
        for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, std::size_t(n));
        ::close(fd);
    }
    return out;
}

}  // namespace

class TestFileStoreGroupCommit : public QObject {
    Q_OBJECT

private slots:
    void appendsAreReadableBeforeTheyAreDurable() {
        QTemporaryDir dir;
        auto store = openStore(dir);
        QVERIFY(store);
        constexpr int kCount = 2000;
        std::atomic<int> acked{0};
        std::promise<void> all;
        for (int i = 0; i < kCount; ++i) {
            const std::string payload = payloadFor(i);
            store->storeAsync({"s." + std::to_string(i % 5), {}, payload, {}}, [&](auto r) {
                QVERIFY(r.has_value());
                if (++acked == kCount) all.set_value();
            });
            // Read back at once, wherever the record is now: buffered, being written, or on disk.
            auto loaded = store->load(std::uint64_t(i) + 1);
            QVERIFY(loaded.has_value());
            QCOMPARE(loaded->payload, payload);
            QCOMPARE(loaded->subject, "s." + std::to_string(i % 5));
        }
        all.get_future().wait();
        QCOMPARE(store->fastState().msgs, std::uint64_t(kCount));
    }

    void recordIsInTheFileWhenItsCallbackRuns() {
        QTemporaryDir dir;
        auto store = openStore(dir);
        QVERIFY(store);
        constexpr int kCount = 500;
        std::mutex mutex;
        std::vector<std::string> missing;
        std::promise<void> all;
        std::atomic<int> acked{0};
        for (int i = 0; i < kCount; ++i) {
            const std::string payload = "marker-" + std::to_string(i) + "-end";
            store->storeAsync({"s", {}, payload, {}}, [&, payload](auto r) {
                QVERIFY(r.has_value());
                // Durable means written (and fsynced): the segment file holds the payload now.
                if (segmentBytes(dir).find(payload) == std::string::npos) {
                    std::lock_guard lock(mutex);
                    missing.push_back(payload);
                }
                if (++acked == kCount) all.set_value();
            });
        }
        all.get_future().wait();
        QCOMPARE(missing.size(), std::size_t(0));
    }

    void callbacksRunInOrderInBoundedGroups() {
        QTemporaryDir dir;
        std::atomic<bool> in_group{false};
        std::atomic<int> groups{0};
        std::atomic<int> largest{0};
        std::atomic<int> current{0};
        std::atomic<int> outside{0};
        auto store = openStore(dir, 1 << 20, [&](const std::function<void()>& group) {
            in_group = true;
            current = 0;
            group();
            largest = std::max(largest.load(), current.load());
            in_group = false;
            ++groups;
        });
        QVERIFY(store);
        constexpr int kCount = 3000;
        std::vector<std::uint64_t> order;
        std::promise<void> all;
        for (int i = 0; i < kCount; ++i) {
            store->storeAsync({"s", {}, "x", {}}, [&](auto r) {
                QVERIFY(r.has_value());
                if (!in_group) ++outside;
                ++current;
                order.push_back(r->seq);  // callbacks never run at the same time
                if (int(order.size()) == kCount) all.set_value();
            });
        }
        all.get_future().wait();
        QCOMPARE(outside.load(), 0);
        QVERIFY(groups.load() >= 1);
        QVERIFY(largest.load() <= int(FileStore::kCallbackChunk));
        for (int i = 0; i < kCount; ++i) QCOMPARE(order[std::size_t(i)], std::uint64_t(i) + 1);
    }

    void rollsAndReopenKeepBufferedRecords() {
        QTemporaryDir dir;
        constexpr int kCount = 1500;
        {
            // Small segments: many rolls while records sit in the buffer.
            auto store = openStore(dir, 4096);
            QVERIFY(store);
            std::promise<void> all;
            std::atomic<int> acked{0};
            for (int i = 0; i < kCount; ++i) {
                store->storeAsync({"s", {}, payloadFor(i), {}}, [&](auto r) {
                    QVERIFY(r.has_value());
                    if (++acked == kCount) all.set_value();
                });
            }
            all.get_future().wait();
            QVERIFY(store->segmentCount() > 10);
        }
        auto reopened = openStore(dir, 4096);
        QVERIFY(reopened);
        QVERIFY(reopened->recoveryReport().clean());
        QCOMPARE(reopened->fastState().msgs, std::uint64_t(kCount));
        for (int i = 0; i < kCount; ++i) {
            auto m = reopened->load(std::uint64_t(i) + 1);
            QVERIFY(m.has_value());
            QCOMPARE(m->payload, payloadFor(i));
        }
    }

    void eraseOfABufferedRecord() {
        QTemporaryDir dir;
        const std::string secret = "top-secret-payload";
        {
            auto store = openStore(dir);
            QVERIFY(store);
            std::promise<void> all;
            std::atomic<int> acked{0};
            for (int i = 0; i < 200; ++i) {
                const std::string payload = i == 100 ? secret : payloadFor(i);
                store->storeAsync({"s", {}, payload, {}}, [&](auto) {
                    if (++acked == 200) all.set_value();
                });
            }
            // Erased while it may still be buffered or being written: gone, and overwritten.
            auto erased = store->erase(101);
            QVERIFY(erased.has_value() && *erased);
            QCOMPARE(store->load(101).error().code, Errc::NotFound);
            all.get_future().wait();
        }
        QVERIFY(segmentBytes(dir).find(secret) == std::string::npos);
        auto reopened = openStore(dir);
        QVERIFY(reopened);
        QCOMPARE(reopened->fastState().msgs, std::uint64_t(199));
        QCOMPARE(reopened->load(101).error().code, Errc::NotFound);
        QCOMPARE(reopened->load(102)->payload, payloadFor(101));
    }

    void stopRunsPendingCallbacks() {
        QTemporaryDir dir;
        auto store = openStore(dir);
        QVERIFY(store);
        constexpr int kCount = 1000;
        std::atomic<int> acked{0};
        for (int i = 0; i < kCount; ++i) {
            store->storeAsync({"s", {}, "x", {}}, [&](auto r) {
                if (r) ++acked;
            });
        }
        store->stop();
        QCOMPARE(acked.load(), kCount);
    }
};

QTEST_APPLESS_MAIN(TestFileStoreGroupCommit)
#include "tst_file_store_group_commit.moc"
