// nwb-bench's command line: numbers with suffixes, scenario specs, and option precedence.
#include "app/bench/bench_options.h"

#include <QtTest>

#include <string>
#include <vector>

using namespace nwb::bench;

namespace {

std::vector<std::string> split(const QString& line) {
    std::vector<std::string> out;
    for (const auto& part : line.split(' ', Qt::SkipEmptyParts)) out.push_back(part.toStdString());
    return out;
}

}  // namespace

class TstBenchOptions : public QObject {
    Q_OBJECT

private slots:
    void counts_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<quint64>("value");
        QTest::newRow("plain") << "1000" << true << quint64(1000);
        QTest::newRow("k") << "100k" << true << quint64(100'000);
        QTest::newRow("K") << "5K" << true << quint64(5'000);
        QTest::newRow("m") << "2m" << true << quint64(2'000'000);
        QTest::newRow("g") << "1g" << true << quint64(1'000'000'000);
        QTest::newRow("zero") << "0" << true << quint64(0);
        QTest::newRow("empty") << "" << false << quint64(0);
        QTest::newRow("negative") << "-1" << false << quint64(0);
        QTest::newRow("bad suffix") << "10x" << false << quint64(0);
        QTest::newRow("KiB is a size") << "1KiB" << false << quint64(0);
        QTest::newRow("overflow") << "99999999999999999999" << false << quint64(0);
        QTest::newRow("overflow by suffix") << "18446744073709551g" << false << quint64(0);
    }
    void counts() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(quint64, value);
        const auto parsed = parseCount(text.toStdString());
        QCOMPARE(parsed.has_value(), valid);
        if (valid) QCOMPARE(quint64(*parsed), value);
    }

    void sizes_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<quint64>("value");
        QTest::newRow("plain") << "16" << true << quint64(16);
        QTest::newRow("b") << "16B" << true << quint64(16);
        QTest::newRow("k") << "1k" << true << quint64(1024);
        QTest::newRow("KiB") << "1KiB" << true << quint64(1024);
        QTest::newRow("KB") << "4KB" << true << quint64(4096);
        QTest::newRow("MiB") << "1MiB" << true << quint64(1 << 20);
        QTest::newRow("bad") << "1GiB" << false << quint64(0);
        QTest::newRow("no digits") << "KiB" << false << quint64(0);
    }
    void sizes() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(quint64, value);
        const auto parsed = parseByteSize(text.toStdString());
        QCOMPARE(parsed.has_value(), valid);
        if (valid) QCOMPARE(quint64(*parsed), value);
    }

    void rates_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<double>("value");
        QTest::newRow("count") << "5000" << true << 5000.0;
        QTest::newRow("suffix") << "50k" << true << 50'000.0;
        QTest::newRow("decimal") << "0.5" << true << 0.5;
        QTest::newRow("negative") << "-3" << false << 0.0;
        QTest::newRow("junk") << "fast" << false << 0.0;
    }
    void rates() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(double, value);
        const auto parsed = parseRate(text.toStdString());
        QCOMPARE(parsed.has_value(), valid);
        if (valid) QCOMPARE(*parsed, value);
    }

    void specs_data() {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("overrides");  // key=value, sorted by key
        QTest::newRow("name only") << "pubsub" << true << "pubsub" << QStringList{};
        QTest::newRow("one") << "fanout:subs=8" << true << "fanout" << QStringList{"subs=8"};
        QTest::newRow("two") << "pubsub:size=1KiB:msgs=100k" << true << "pubsub"
                             << QStringList{"msgs=100k", "size=1KiB"};
        QTest::newRow("later wins")
            << "pub:msgs=1:msgs=2" << true << "pub" << QStringList{"msgs=2"};
        QTest::newRow("batch") << "js-fetch:batch=64" << true << "js-fetch"
                               << QStringList{"batch=64"};
        QTest::newRow("unknown key") << "pub:speed=3" << false << "" << QStringList{};
        QTest::newRow("no value") << "pub:msgs=" << false << "" << QStringList{};
        QTest::newRow("no equals") << "pub:msgs" << false << "" << QStringList{};
        QTest::newRow("no name") << ":msgs=3" << false << "" << QStringList{};
        QTest::newRow("trailing colon") << "pub:" << false << "" << QStringList{};
    }
    void specs() {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(QString, name);
        QFETCH(QStringList, overrides);
        const auto spec = parseScenarioSpec(text.toStdString());
        QCOMPARE(spec.has_value(), valid);
        if (!valid) return;
        QCOMPARE(QString::fromStdString(spec->name), name);
        QCOMPARE(QString::fromStdString(spec->text), text);
        QStringList got;
        for (const auto& [k, v] : spec->overrides) got << QString::fromStdString(k + "=" + v);
        QCOMPARE(got, overrides);
    }

    void standardList() {
        const auto list = parseScenarioList(kStandardScenarios);
        QVERIFY(list.has_value());
        QStringList names;
        for (const auto& s : *list) names << QString::fromStdString(s.text);
        QCOMPARE(names, (QStringList{"pub", "pubsub", "fanout:subs=4", "queue:subs=4",
                                     "pubsub:size=1KiB", "req"}));
        QVERIFY(!parseScenarioList(",,").has_value());
        QCOMPARE(parseScenarioList("a,,b")->size(), std::size_t{2});
    }

    void precedence() {
        const ScenarioParams defaults{.msgs = 100, .size = 16, .pubs = 1, .subs = 4};
        ParamOverrides global;
        global.msgs = 500;
        global.subs = 2;
        const auto spec = parseScenarioSpec("fanout:subs=8:rate=1k");
        const auto p = resolveParams(defaults, global, *spec);
        QVERIFY(p.has_value());
        QCOMPARE(p->msgs, std::uint64_t{500});  // global over default
        QCOMPARE(p->subs, std::uint32_t{8});    // spec over global
        QCOMPARE(p->size, std::uint64_t{16});   // default
        QCOMPARE(p->rate, 1000.0);
        QCOMPARE(p->pubs, std::uint32_t{1});
    }

    void invalidParams_data() {
        QTest::addColumn<QString>("spec");
        QTest::newRow("zero msgs") << "pub:msgs=0";
        QTest::newRow("zero pubs") << "pub:pubs=0";
        QTest::newRow("zero subjects") << "pub:subjects=0";
        QTest::newRow("huge size") << "pub:size=65MiB";
        QTest::newRow("bad count") << "pub:subs=lots";
        QTest::newRow("too many clients") << "pub:pubs=20000";
        QTest::newRow("zero batch") << "js-fetch:batch=0";
        QTest::newRow("huge batch") << "js-fetch:batch=2m";
    }
    void invalidParams() {
        QFETCH(QString, spec);
        const auto parsed = parseScenarioSpec(spec.toStdString());
        QVERIFY(parsed.has_value());
        QVERIFY(!resolveParams(ScenarioParams{.msgs = 10}, {}, *parsed).has_value());
    }

    void commandLine() {
        const auto o =
            parseCommandLine(split("--url nats://h:1 --msgs 10k --size=1KiB --pubs 2 --subs 3 "
                                   "--subjects 4 --rate 100 --rounds 7 --json out.json --csv - "
                                   "--scenario pub --scenarios fanout,queue:subs=2 --quiet "
                                   "--timeout 2.5 --flush-every 500 --window 9"));
        QVERIFY2(o.has_value(), o ? "" : o.error().c_str());
        QCOMPARE(QString::fromStdString(o->url), QString("nats://h:1"));
        QCOMPARE(*o->params.msgs, std::uint64_t{10'000});
        QCOMPARE(*o->params.size, std::uint64_t{1024});
        QCOMPARE(*o->params.pubs, std::uint32_t{2});
        QCOMPARE(*o->params.subs, std::uint32_t{3});
        QCOMPARE(*o->params.subjects, std::uint32_t{4});
        QCOMPARE(*o->params.rate, 100.0);
        QCOMPARE(*o->rounds, std::uint32_t{7});
        QCOMPARE(o->scenarios.size(), std::size_t{3});
        QCOMPARE(QString::fromStdString(o->scenarios[2].text), QString("queue:subs=2"));
        QCOMPARE(o->stall_timeout.count(), 2500);
        QCOMPARE(o->flush_every, std::uint64_t{500});
        QCOMPARE(o->window, std::uint64_t{9});
        QVERIFY(o->quiet);
        QVERIFY(!o->compare);
    }

    void jetStreamSelection() {
        const QStringList set{"js-pub-sync", "js-pub-async", "js-fetch", "js-fetch-ack",
                              "js-ordered",  "kv-put",       "kv-get"};
        const auto names = [](const BenchOptions& o) {
            QStringList out;
            for (const auto& s : o.scenarios) out << QString::fromStdString(s.text);
            return out;
        };
        const auto alone = parseCommandLine(split("--js --compare"));
        QVERIFY2(alone.has_value(), alone ? "" : alone.error().c_str());
        QCOMPARE(names(*alone), set);  // instead of the standard set
        QVERIFY(alone->compare);

        const auto added = parseCommandLine(split("--scenarios pub --js --scenario kv-get:msgs=5"));
        QVERIFY(added.has_value());
        QCOMPARE(names(*added), QStringList{"pub"} + set + QStringList{"kv-get:msgs=5"});

        const auto batch =
            parseCommandLine(split("--js --batch 64 --store-dir /var/tmp --scenario js-fetch"));
        QVERIFY(batch.has_value());
        QCOMPARE(*batch->params.batch, std::uint32_t{64});
        QCOMPARE(QString::fromStdString(batch->store_parent), QString("/var/tmp"));

        // Spec over global over the scenario's default, as for the other keys.
        const ScenarioParams defaults{.msgs = 10, .size = 128, .pubs = 1, .subs = 1, .batch = 256};
        const auto spec = parseScenarioSpec("js-fetch:batch=32");
        QCOMPARE(resolveParams(defaults, {}, *parseScenarioSpec("js-fetch"))->batch,
                 std::uint32_t{256});
        QCOMPARE(resolveParams(defaults, batch->params, *parseScenarioSpec("js-fetch"))->batch,
                 std::uint32_t{64});
        QCOMPARE(resolveParams(defaults, batch->params, *spec)->batch, std::uint32_t{32});
    }

    void placementAndSubscribers() {
        const auto pin = parseCommandLine(split("--compare --pin --sub-mode sync"));
        QVERIFY2(pin.has_value(), pin ? "" : pin.error().c_str());
        QVERIFY(pin->placement.split);
        QVERIFY(pin->placement.server.empty() && pin->placement.client.empty());
        QVERIFY(pin->subscriber_mode == SubscriberMode::Sync);

        const auto lists = parseCommandLine(split("--compare --server-cpus 0 --client-cpus=1-3,5"));
        QVERIFY2(lists.has_value(), lists ? "" : lists.error().c_str());
        QVERIFY(!lists->placement.split);
        QCOMPARE(lists->placement.server, (CpuList{0}));
        QCOMPARE(lists->placement.client, (CpuList{1, 2, 3, 5}));

        // Without --compare only nwb-bench itself can be placed.
        const auto single = parseCommandLine(split("--client-cpus 1 --sub-mode async"));
        QVERIFY2(single.has_value(), single ? "" : single.error().c_str());
        QCOMPARE(single->placement.client, (CpuList{1}));
        QVERIFY(single->subscriber_mode == SubscriberMode::Async);
    }

    void defaults() {
        const auto o = parseCommandLine({});
        QVERIFY(o.has_value());
        QVERIFY(!o->placement.split && o->placement.server.empty() && o->placement.client.empty());
        QVERIFY(o->subscriber_mode == SubscriberMode::Async);
        QCOMPARE(QString::fromStdString(o->url), QString("nats://127.0.0.1:4222"));
        QCOMPARE(o->scenarios.size(), std::size_t{6});
        QVERIFY(!o->rounds.has_value());
        QVERIFY(!o->params.msgs.has_value());
    }

    void badCommandLines_data() {
        QTest::addColumn<QString>("line");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown") << "--fast"
                                 << "unknown option '--fast' (see --help)";
        QTest::newRow("missing value") << "--msgs"
                                       << "--msgs: needs a value";
        QTest::newRow("bad value") << "--msgs many"
                                   << "--msgs: not a count: 'many'";
        QTest::newRow("flag with value") << "--compare=yes"
                                         << "--compare: takes no value";
        QTest::newRow("few compare rounds") << "--compare --rounds 3"
                                            << "--rounds: --compare needs at least 5 rounds";
        QTest::newRow("zero rounds") << "--rounds 0"
                                     << "--rounds: must be 1..1000";
        QTest::newRow("same output") << "--json - --csv -"
                                     << "--json and --csv cannot both write to '-'";
        QTest::newRow("bad spec")
            << "--scenarios pub:x=1"
            << "--scenarios: unknown key 'x' in 'pub:x=1' (msgs, size, pubs, subs, subjects, rate, "
               "batch)";
        QTest::newRow("js with value") << "--js=1"
                                       << "--js: takes no value";
        QTest::newRow("zero batch") << "--batch 0"
                                    << "--batch: must be 1..1000000";
        QTest::newRow("empty store dir") << "--store-dir="
                                         << "--store-dir: needs a directory";
        QTest::newRow("pin without compare") << "--pin"
                                             << "--pin: needs --compare (only --compare starts "
                                                "servers)";
        QTest::newRow("server cpus without compare")
            << "--server-cpus 0"
            << "--server-cpus: needs --compare (only --compare starts servers)";
        QTest::newRow("pin and lists") << "--compare --pin --client-cpus 1"
                                       << "--pin: give either --pin or --server-cpus/--client-cpus";
        QTest::newRow("bad cpu list") << "--compare --server-cpus 2-1"
                                      << "--server-cpus: not a CPU list: '2-1' (e.g. 0 or 0-2,5)";
        QTest::newRow("bad sub mode") << "--sub-mode poll"
                                      << "--sub-mode: 'poll' is not async or sync";
    }
    void badCommandLines() {
        QFETCH(QString, line);
        QFETCH(QString, error);
        const auto o = parseCommandLine(split(line));
        QVERIFY(!o.has_value());
        QCOMPARE(QString::fromStdString(o.error()), error);
    }
};

QTEST_APPLESS_MAIN(TstBenchOptions)
#include "tst_bench_options.moc"
