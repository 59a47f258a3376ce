// FileStore recovery: torn tails at every offset, single-bit flips in every field, index files
// missing or damaged, segment removal, and group commit across a reopen.
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <future>
#include <iterator>
#include <set>
#include <string>
#include <thread>

#include "engine/store/file_store.h"
#include "engine/store/record_codec.h"
#include "engine/store/segment_scan.h"
#include "tests/unit/store/store_test_util.h"

namespace fs = std::filesystem;
using nwb::store::Errc;
using nwb::store::FileStore;
using nwb::store::FileStoreConfig;
using nwb::store::NewMessage;
using nwb::store::StateOptions;
using nwb::store::StreamState;
using store_test::liveSeqs;
using store_test::toList;

namespace {

std::unique_ptr<FileStore> openStore(const fs::path& dir, std::uint64_t segment_size = 1 << 20) {
    FileStoreConfig config;
    config.directory = dir;
    config.segment_size = segment_size;
    config.clock = [] { return store_test::kStart; };
    auto r = FileStore::open(config);
    return r ? std::move(*r) : nullptr;
}

std::vector<fs::path> filesWith(const fs::path& dir, const std::string& ext) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.path().extension() == ext) out.push_back(e.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), {}};
}

void writeFile(const fs::path& p, const std::string& data) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out.write(data.data(), std::streamsize(data.size()));
}

void copyDir(const fs::path& from, const fs::path& to) {
    fs::remove_all(to);
    fs::create_directories(to);
    for (const auto& e : fs::directory_iterator(from)) fs::copy_file(e.path(), to / e.path().filename());
}

/// Every message, for comparing two openings of a store.
std::vector<std::string> dump(nwb::store::StreamStore& s) {
    std::vector<std::string> out;
    for (std::uint64_t seq : liveSeqs(s)) {
        auto m = s.load(seq);
        out.push_back(std::to_string(m->seq) + " " + m->subject + " " + m->headers + "|" + m->payload);
    }
    return out;
}

struct Rec {
    std::string subject, headers, payload;
};

const std::vector<Rec> kFlipRecords{
    {"orders.us", "", "payload-1"},
    {"orders.eu", "NATS/1.0\r\nK: v\r\n\r\n", "payload-2"},
    {"orders.us", "", "payload-3"},
    {"orders.asia", "", "payload-4"},
};

}  // namespace

class TstFileStoreRecovery : public QObject {
    Q_OBJECT

    QTemporaryDir work_;
    fs::path flip_template_;        ///< kFlipRecords, closed, index files removed
    fs::path flip_template_index_;  ///< the same with its index file
    std::uint64_t rec2_offset_ = 0;
    std::uint64_t rec2_length_ = 0;

private slots:
    void initTestCase() {
        QVERIFY(work_.isValid());
        flip_template_index_ = fs::path(work_.path().toStdString()) / "flip-index";
        flip_template_ = fs::path(work_.path().toStdString()) / "flip";
        auto s = openStore(flip_template_index_);
        QVERIFY(s);
        for (const Rec& r : kFlipRecords) QVERIFY(s->store({r.subject, r.headers, r.payload, {}}));
        s.reset();
        copyDir(flip_template_index_, flip_template_);
        for (const auto& p : filesWith(flip_template_, ".idx")) fs::remove(p);
        rec2_offset_ = nwb::store::kSegmentHeaderSize +
                       nwb::store::encodedRecordSize(9, 0, 9);
        rec2_length_ = nwb::store::encodedRecordSize(9, 18, 9);
    }

    void truncateAtEveryOffset_data() {
        QTest::addColumn<QString>("headers");
        QTest::addColumn<QString>("payload");
        QTest::newRow("plain") << "" << "0123456789";
        QTest::newRow("headers") << "NATS/1.0\r\nA: b\r\n\r\n" << "xyz";
        QTest::newRow("empty payload") << "" << "";
    }
    void truncateAtEveryOffset() {
        QFETCH(QString, headers);
        QFETCH(QString, payload);
        const fs::path src = fs::path(work_.path().toStdString()) / "trunc-src";
        const fs::path dst = fs::path(work_.path().toStdString()) / "trunc-dst";
        fs::remove_all(src);
        std::vector<std::uint64_t> ends;  // file size after each record
        {
            auto s = openStore(src);
            QVERIFY(s);
            for (int i = 0; i < 5; ++i) {
                QVERIFY(s->store({"t." + std::to_string(i), headers.toStdString(),
                                  payload.toStdString() + std::to_string(i), {}}));
                ends.push_back(fs::file_size(filesWith(src, ".seg").front()));
            }
        }
        // Every cut from the start of record 4 to the end of record 5.
        for (std::uint64_t cut = ends[2]; cut <= ends[4]; ++cut) {
            copyDir(src, dst);
            fs::resize_file(filesWith(dst, ".seg").front(), cut);
            const std::uint64_t complete = std::uint64_t(
                std::upper_bound(ends.begin(), ends.end(), cut) - ends.begin());
            auto s = openStore(dst);
            QVERIFY(s);
            const bool at_boundary = std::find(ends.begin(), ends.end(), cut) != ends.end();
            QCOMPARE(s->recoveryReport().truncated.empty(), at_boundary);
            QVERIFY(s->recoveryReport().corrupt.empty());
            auto st = s->fastState();
            QCOMPARE(st.msgs, complete);
            QCOMPARE(st.last_seq, complete);
            for (std::uint64_t seq = 1; seq <= complete; ++seq) {
                QCOMPARE(s->load(seq)->payload, payload.toStdString() + std::to_string(seq - 1));
            }
            QCOMPARE(s->load(complete + 1).error().code, Errc::Eof);
            if (!at_boundary) {
                QCOMPARE(s->recoveryReport().truncated.front().offset, ends[complete - 1]);
                QCOMPARE(s->recoveryReport().truncated.front().bytes, cut - ends[complete - 1]);
            }
            // Appending after the repaired tail works and survives another reopen.
            QCOMPARE(s->store({"after", {}, "cut", {}})->seq, complete + 1);
            s.reset();
            s = openStore(dst);
            QVERIFY(s->recoveryReport().clean());
            QCOMPARE(s->load(complete + 1)->payload, std::string("cut"));
        }
    }

    void bitFlip_data() {
        QTest::addColumn<int>("byte");
        const Rec& r = kFlipRecords[1];
        auto field = [&](std::size_t i) -> std::string {
            if (i < 4) return "magic";
            if (i == 4) return "type";
            if (i == 5) return "flags";
            if (i < 8) return "subject_len";
            if (i < 12) return "headers_len";
            if (i < 16) return "payload_len";
            if (i < 24) return "seq";
            if (i < 32) return "ts";
            i -= 32;
            if (i < r.subject.size()) return "subject";
            i -= r.subject.size();
            if (i < r.headers.size()) return "headers";
            i -= r.headers.size();
            if (i < r.payload.size()) return "payload";
            return "checksum";
        };
        const std::size_t length = nwb::store::encodedRecordSize(r.subject.size(), r.headers.size(),
                                                                 r.payload.size());
        for (std::size_t i = 0; i < length; ++i) {
            QTest::newRow(qPrintable(QString("%1 byte %2").arg(QString::fromStdString(field(i))).arg(i)))
                << int(i);
        }
    }
    void bitFlip() {
        QFETCH(int, byte);
        const fs::path dst = fs::path(work_.path().toStdString()) / "flip-dst";
        copyDir(flip_template_, dst);
        const fs::path seg = filesWith(dst, ".seg").front();
        std::string data = readFile(seg);
        data[rec2_offset_ + std::size_t(byte)] ^= char(1 << (byte % 8));
        writeFile(seg, data);

        auto s = openStore(dst);
        QVERIFY(s);
        const auto& report = s->recoveryReport();
        QCOMPARE(report.corrupt.size(), std::size_t(1));
        QCOMPARE(report.corrupt[0].offset, rec2_offset_);
        QCOMPARE(report.corrupt[0].bytes, rec2_length_);
        QVERIFY(report.truncated.empty());
        QCOMPARE(toList(liveSeqs(*s)), (QList<quint64>{1, 3, 4}));
        QCOMPARE(s->load(3)->payload, std::string("payload-3"));
        QCOMPARE(s->load(4)->subject, std::string("orders.asia"));
        auto st = s->state({true, std::nullopt});
        QCOMPARE(st.deleted, (std::vector<std::uint64_t>{2}));
        QCOMPARE(st.last_seq, 4u);
    }

    void bitFlipBehindIndexIsFoundOnRead() {
        const fs::path dst = fs::path(work_.path().toStdString()) / "flip-idx-dst";
        copyDir(flip_template_index_, dst);
        const fs::path seg = filesWith(dst, ".seg").front();
        std::string data = readFile(seg);
        data[rec2_offset_ + rec2_length_ - 6] ^= 0x10;  // a payload byte
        writeFile(seg, data);
        {
            auto s = openStore(dst);
            QVERIFY(s->recoveryReport().clean());  // the index is trusted at open
            QCOMPARE(s->load(2).error().code, Errc::Corrupt);
            QCOMPARE(s->state().lost, (std::vector<std::uint64_t>{2}));
            QCOMPARE(s->load(3)->payload, std::string("payload-3"));
        }
        auto s = openStore(dst);
        QCOMPARE(toList(liveSeqs(*s)), (QList<quint64>{1, 3, 4}));
    }

    void rebuildIndex_data() {
        QTest::addColumn<QString>("damage");
        for (const char* d : {"missing", "checksum", "truncated", "garbage", "covers too much",
                              "wrong segment", "stale prefix"}) {
            QTest::newRow(d) << d;
        }
    }
    void rebuildIndex() {
        QFETCH(QString, damage);
        const fs::path src = fs::path(work_.path().toStdString()) / "rebuild-src";
        const fs::path dst = fs::path(work_.path().toStdString()) / "rebuild-dst";
        StreamState before;
        std::vector<std::string> messages;
        if (!fs::exists(src)) {
            auto s = openStore(src, 600);
            for (int i = 1; i <= 40; ++i) {
                QVERIFY(s->store({"s." + std::to_string(i % 4), i % 3 ? "" : "NATS/1.0\r\n\r\n",
                                  "v" + std::to_string(i), {}}));
            }
            QVERIFY(*s->remove(5));
            QVERIFY(*s->remove(17));
            QCOMPARE(*s->purgeEx("s.1", 30, 0), 6u);
        }
        {
            auto s = openStore(src, 600);
            before = s->state({true, std::string(">")});
            messages = dump(*s);
            QVERIFY(filesWith(src, ".seg").size() > 3);
        }
        copyDir(src, dst);
        const auto indexes = filesWith(dst, ".idx");
        QCOMPARE(indexes.size(), filesWith(dst, ".seg").size());
        for (std::size_t i = 0; i < indexes.size(); ++i) {
            const fs::path& p = indexes[i];
            std::string bytes = readFile(p);
            nwb::store::SegmentIndexFile index;
            QCOMPARE(nwb::store::decodeSegmentIndex(bytes, index), nwb::store::IndexStatus::Ok);
            std::string rewritten;
            if (damage == "missing") {
                fs::remove(p);
                continue;
            } else if (damage == "checksum") {
                bytes[bytes.size() / 2] ^= 1;
                rewritten = bytes;
            } else if (damage == "truncated") {
                rewritten = bytes.substr(0, bytes.size() - 3);
            } else if (damage == "garbage") {
                rewritten = std::string(bytes.size(), 'x');
            } else if (damage == "covers too much") {
                index.covered_len = fs::file_size(filesWith(dst, ".seg")[i]) + 1;
                nwb::store::encodeSegmentIndex(rewritten, index);
            } else if (damage == "wrong segment") {
                index.segment_id += 1000;
                nwb::store::encodeSegmentIndex(rewritten, index);
            } else if (damage == "stale prefix") {  // valid for the part it covers
                const std::size_t keep = index.entries.size() / 2;
                index.covered_len = keep < index.entries.size() ? index.entries[keep].offset
                                                                : index.covered_len;
                index.entries.resize(keep);
                nwb::store::encodeSegmentIndex(rewritten, index);
            }
            writeFile(p, rewritten);
        }
        auto s = openStore(dst, 600);
        QVERIFY(s);
        QVERIFY(s->recoveryReport().clean());
        if (damage != "stale prefix") {
            QCOMPARE(s->recoveryReport().index_rebuilt.size(), indexes.size());
        }
        QCOMPARE(s->state({true, std::string(">")}), before);
        QCOMPARE(dump(*s), messages);
    }

    void segmentsGoWhenEmpty() {
        const fs::path dir = fs::path(work_.path().toStdString()) / "segments";
        auto s = openStore(dir, 300);
        for (int i = 0; i < 30; ++i) QVERIFY(s->store({"a", {}, "0123456789", {}}));
        const std::size_t many = s->segmentCount();
        QVERIFY(many > 5);
        QCOMPARE(filesWith(dir, ".seg").size(), many);
        QCOMPARE(*s->purge(), 30u);
        QVERIFY(s->sync());
        QCOMPARE(s->segmentCount(), std::size_t(1));
        QCOMPARE(filesWith(dir, ".seg").size(), std::size_t(1));
        s.reset();
        s = openStore(dir, 300);  // last_seq survives a purge and a reopen
        auto st = s->fastState();
        QCOMPARE(st.first_seq, 31u);
        QCOMPARE(st.last_seq, 30u);
        QCOMPARE(st.msgs, 0u);
        QCOMPARE(s->store({"a", {}, "x", {}})->seq, 31u);
    }

    void skippedSequencesSurviveReopen_data() {
        QTest::addColumn<bool>("keep_index");
        QTest::newRow("with index files") << true;
        QTest::newRow("without index files") << false;
    }
    void skippedSequencesSurviveReopen() {
        QFETCH(bool, keep_index);
        const fs::path dir = fs::path(work_.path().toStdString()) /
                             (keep_index ? "skip-index" : "skip-noindex");
        auto s = openStore(dir, 300);
        for (const std::uint64_t seq : {3u, 4u, 10u, 11u, 40u}) {
            std::promise<nwb::store::Result<nwb::store::StoreAck>> done;
            s->storeAsyncAt(seq, {"m", {}, "0123456789", {}}, [&](auto r) { done.set_value(r); });
            QCOMPARE(done.get_future().get()->seq, seq);
        }
        const auto before = s->state(nwb::store::StateOptions{true, {}});
        s.reset();
        if (!keep_index) {
            for (const auto& p : filesWith(dir, ".idx")) fs::remove(p);
        }
        s = openStore(dir, 300);
        QVERIFY(s);
        const auto after = s->state(nwb::store::StateOptions{true, {}});
        QCOMPARE(after.first_seq, 3u);
        QCOMPARE(after.last_seq, 40u);
        QCOMPARE(after.msgs, 5u);
        QCOMPARE(after.num_deleted, 33u);
        QCOMPARE(after.deleted, before.deleted);
        QCOMPARE(toList(liveSeqs(*s)), (QList<quint64>{3, 4, 10, 11, 40}));
        QCOMPARE(s->store({"m", {}, "x", {}})->seq, 41u);
    }

    void tombstonesCarriedForward() {
        // Segment 1 holds 1-4, segment 2 holds 5, 6, the tombstone of 1, 7, 8; when segment 2
        // empties and goes, the tombstone must move on, or 1 would come back.
        const fs::path dir = fs::path(work_.path().toStdString()) / "carry";
        const std::uint64_t rec = nwb::store::encodedRecordSize(1, 0, 10);
        const std::uint64_t tomb = nwb::store::kRecordOverhead;
        const std::uint64_t segment_size = nwb::store::kSegmentHeaderSize + 4 * rec + tomb;
        auto s = openStore(dir, segment_size);
        for (int i = 1; i <= 6; ++i) QVERIFY(s->store({"k", {}, "0123456789", {}}));
        QVERIFY(*s->remove(1));
        for (int i = 7; i <= 12; ++i) QVERIFY(s->store({"k", {}, "0123456789", {}}));
        const fs::path second = dir / "00000000000000000002.seg";
        QCOMPARE(readFile(second).size(), segment_size);
        for (std::uint64_t seq = 5; seq <= 8; ++seq) QVERIFY(*s->remove(seq));
        QVERIFY(s->sync());
        QVERIFY(!fs::exists(second));
        const auto expected = QList<quint64>{2, 3, 4, 9, 10, 11, 12};
        QCOMPARE(toList(liveSeqs(*s)), expected);
        s.reset();
        for (const auto& p : filesWith(dir, ".idx")) fs::remove(p);
        s = openStore(dir, segment_size);
        QVERIFY(s->recoveryReport().clean());
        QCOMPARE(toList(liveSeqs(*s)), expected);
    }

    void eraseOverwritesBytes() {
        const fs::path dir = fs::path(work_.path().toStdString()) / "erase";
        auto s = openStore(dir);
        QVERIFY(s->store({"secret", {}, "the-secret-payload", {}}));
        QVERIFY(s->store({"other", {}, "kept", {}}));
        QVERIFY(*s->erase(1));
        QVERIFY(readFile(filesWith(dir, ".seg").front()).find("the-secret-payload") ==
                std::string::npos);
        s.reset();
        s = openStore(dir);
        QVERIFY(s->recoveryReport().clean());
        QCOMPARE(toList(liveSeqs(*s)), (QList<quint64>{2}));
    }

    void stateSurvivesReopen() {
        const fs::path dir = fs::path(work_.path().toStdString()) / "reopen";
        StreamState before;
        {
            auto s = openStore(dir, 400);
            for (int i = 1; i <= 20; ++i) QVERIFY(s->store({"r." + std::to_string(i % 3), {}, "x", {}}));
            QVERIFY(*s->remove(7));
            QVERIFY(*s->remove(20));
            QCOMPARE(*s->compact(4), 3u);
            before = s->state({true, std::string(">")});
        }
        auto s = openStore(dir, 400);
        QCOMPARE(s->state({true, std::string(">")}), before);
        QCOMPARE(s->store({"r.0", {}, "y", {}})->seq, 21u);
    }

    void groupCommit() {
        const fs::path dir = fs::path(work_.path().toStdString()) / "group";
        constexpr int kThreads = 8;
        constexpr int kEach = 40;
        std::vector<std::vector<std::uint64_t>> seqs(kThreads);
        {
            auto s = openStore(dir, 4096);
            std::vector<std::thread> threads;
            for (int t = 0; t < kThreads; ++t) {
                threads.emplace_back([&, t] {
                    for (int i = 0; i < kEach; ++i) {
                        auto r = s->store({"g." + std::to_string(t), {}, std::to_string(i), {}});
                        seqs[t].push_back(r ? r->seq : 0);
                    }
                });
            }
            for (auto& t : threads) t.join();
        }
        auto s = openStore(dir, 4096);
        std::set<std::uint64_t> distinct;
        for (int t = 0; t < kThreads; ++t) {
            for (int i = 0; i < kEach; ++i) {
                QVERIFY(seqs[t][i] > 0);
                distinct.insert(seqs[t][i]);
                auto m = s->load(seqs[t][i]);
                QVERIFY(m);
                QCOMPARE(m->subject, "g." + std::to_string(t));
                QCOMPARE(m->payload, std::to_string(i));
            }
        }
        QCOMPARE(distinct.size(), std::size_t(kThreads * kEach));
        QCOMPARE(s->fastState().msgs, std::uint64_t(kThreads * kEach));
    }

    void intervalSync() {
        const fs::path dir = fs::path(work_.path().toStdString()) / "interval";
        FileStoreConfig config;
        config.directory = dir;
        config.sync = nwb::store::SyncPolicy::interval(std::chrono::hours(1));
        auto s = FileStore::open(config);
        QVERIFY(s);
        std::promise<std::uint64_t> seq;
        (*s)->storeAsync({"i", {}, "1", {}}, [&](auto r) { seq.set_value(r ? r->seq : 0); });
        QCOMPARE(seq.get_future().get(), 1u);
        QVERIFY((*s)->sync());
        s->reset();
        auto again = openStore(dir);
        QCOMPARE(again->load(1)->payload, std::string("1"));
    }
};

QTEST_APPLESS_MAIN(TstFileStoreRecovery)
#include "tst_file_store_recovery.moc"
