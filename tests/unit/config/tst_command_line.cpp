// nats-server's command line: Go flag syntax, the config file under the flags, modes, the
// flags nwb-server refuses, and nats-server's error texts.
#include <QDir>
#include <QTest>

#include "engine/config/command_line.h"
#include "engine/config/config_error.h"
#include "tests/unit/config/options_text.h"

using namespace nwb::config;

Q_DECLARE_METATYPE(RunMode)

class TstCommandLine : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void fields_data();
    void fields();
    void modes_data();
    void modes();
    void errors_data();
    void errors();
    void warningsAreReturned();
    void messages();
};

namespace {

std::vector<std::string> toArgs(const QStringList& list) {
    std::vector<std::string> args;
    for (const QString& a : list) args.push_back(a.toStdString());
    return args;
}

}  // namespace

void TstCommandLine::initTestCase() {
    QVERIFY(QDir::setCurrent(QStringLiteral(NWB_CONFIG_TEST_DATA)));
}

void TstCommandLine::fields_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");
    QTest::newRow("-p") << QStringList{"-p", "4333"} << "port" << "4333";
    QTest::newRow("--port=") << QStringList{"--port=4334"} << "port" << "4334";
    QTest::newRow("-p -1") << QStringList{"-p", "-1"} << "port" << "-1";
    QTest::newRow("-p 0 is the default") << QStringList{"-p", "0"} << "port" << "4222";
    QTest::newRow("-p hex") << QStringList{"-p", "0x10"} << "port" << "16";
    QTest::newRow("-a") << QStringList{"-a", "127.0.0.1"} << "host" << "127.0.0.1";
    QTest::newRow("--addr") << QStringList{"--addr", "::"} << "host" << "::";
    QTest::newRow("-net") << QStringList{"-net", "h"} << "host" << "h";
    QTest::newRow("-n") << QStringList{"-n", "a"} << "server_name" << "a";
    QTest::newRow("--name") << QStringList{"--name", "b"} << "server_name" << "b";
    QTest::newRow("-server_name") << QStringList{"-server_name", "c"} << "server_name" << "c";
    QTest::newRow("quotes stripped") << QStringList{"-server_name", "\"local\""} << "server_name"
                                     << "local";
    QTest::newRow("quotes stripped after =") << QStringList{"-n=\"x y\""} << "server_name"
                                             << "x y";
    QTest::newRow("one pair only") << QStringList{"-n", "\"\"a\"\""} << "server_name" << "\"a\"";
    QTest::newRow("client_advertise") << QStringList{"--client_advertise", "h:1"}
                                      << "client_advertise" << "h:1";
    QTest::newRow("-P") << QStringList{"-P", "x.pid"} << "pid_file" << "x.pid";
    QTest::newRow("--pid") << QStringList{"--pid", "y.pid"} << "pid_file" << "y.pid";
    QTest::newRow("-l") << QStringList{"-l", "x.log"} << "log_file" << "x.log";
    QTest::newRow("--log") << QStringList{"--log=y.log"} << "log_file" << "y.log";
    QTest::newRow("-T=false") << QStringList{"-T=false"} << "logtime" << "false";
    QTest::newRow("--logtime=0") << QStringList{"--logtime=0"} << "logtime" << "false";
    QTest::newRow("logtime default") << QStringList{} << "logtime" << "true";
    QTest::newRow("--logtime_utc") << QStringList{"--logtime_utc"} << "logtime_utc" << "true";
    QTest::newRow("-D") << QStringList{"-D"} << "debug" << "true";
    QTest::newRow("-V") << QStringList{"-V"} << "trace" << "true";
    QTest::newRow("-DV debug") << QStringList{"-DV"} << "debug" << "true";
    QTest::newRow("-DV trace") << QStringList{"-DV"} << "trace" << "true";
    QTest::newRow("-VV") << QStringList{"-VV"} << "trace_verbose" << "true";
    QTest::newRow("-DVV") << QStringList{"-DVV"} << "trace_verbose" << "true";
    QTest::newRow("-D -DV=false") << QStringList{"-D", "-DV=false"} << "debug" << "false";
    QTest::newRow("--user") << QStringList{"--user", "u"} << "username" << "u";
    QTest::newRow("-pass") << QStringList{"-pass", "p"} << "password" << "p";
    QTest::newRow("--auth") << QStringList{"--auth", "tok"} << "auth_token" << "tok";
    QTest::newRow("config file") << QStringList{"-c", "cli/basic.conf"} << "server_name"
                                 << "from_file";
    QTest::newRow("-config") << QStringList{"-config", "cli/basic.conf"} << "port" << "4333";
    QTest::newRow("config_file recorded") << QStringList{"--config", "cli/basic.conf"}
                                          << "config_file" << "cli/basic.conf";
    QTest::newRow("flag overrides file") << QStringList{"-p", "5000", "-c", "cli/basic.conf"}
                                         << "port" << "5000";
    QTest::newRow("bool flag overrides file") << QStringList{"-c", "cli/basic.conf", "-D=false"}
                                              << "debug" << "false";
    QTest::newRow("unset flag keeps file") << QStringList{"-c", "cli/basic.conf"} << "logtime"
                                           << "false";
    QTest::newRow("cluster_name alone is ignored") << QStringList{"--cluster_name", "\"local\"",
                                                                  "-p", "1"}
                                                   << "port" << "1";
    QTest::newRow("-sd without -js") << QStringList{"-sd", "/tmp/x", "-p", "2"} << "jetstream"
                                     << "false";
    QTest::newRow("-js=false") << QStringList{"-js=false", "-p", "3"} << "jetstream" << "false";
    QTest::newRow("-js") << QStringList{"-js"} << "jetstream" << "true";
    QTest::newRow("--jetstream") << QStringList{"--jetstream"} << "jetstream" << "true";
    QTest::newRow("jetstream off by default") << QStringList{} << "jetstream" << "false";
    QTest::newRow("-sd") << QStringList{"-js", "-sd", "/tmp/x"} << "store_dir" << "/tmp/x";
    QTest::newRow("--store_dir=") << QStringList{"--store_dir=/tmp/y"} << "store_dir" << "/tmp/y";
    QTest::newRow("-sd quoted") << QStringList{"-sd", "\"/tmp/z\""} << "store_dir" << "/tmp/z";
    QTest::newRow("jetstream block in file") << QStringList{"-c", "cli/jetstream.conf"}
                                             << "jetstream" << "true";
    QTest::newRow("store_dir from file") << QStringList{"-c", "cli/jetstream.conf"} << "store_dir"
                                         << "/tmp/from_file";
    QTest::newRow("max_mem from file") << QStringList{"-c", "cli/jetstream.conf"}
                                       << "jetstream_max_memory" << "1000000000";
    QTest::newRow("domain from file") << QStringList{"-c", "cli/jetstream.conf"}
                                      << "jetstream_domain" << "fd";
    QTest::newRow("-js=false overrides the file")
        << QStringList{"-c", "cli/jetstream.conf", "-js=false"} << "jetstream" << "false";
    QTest::newRow("-js overrides jetstream: disabled")
        << QStringList{"-js", "-c", "cli/jetstream_off.conf"} << "jetstream" << "true";
    QTest::newRow("-ns is ignored") << QStringList{"-ns", "nats://x:1", "-p", "4"} << "port"
                                    << "4";
    QTest::newRow("-tls=false disables tls flags")
        << QStringList{"-tls=false", "-tlscert", "c.pem", "-p", "5"} << "port" << "5";
    QTest::newRow("-m 0 is ignored") << QStringList{"-m", "0", "-p", "6"} << "port" << "6";
    QTest::newRow("-m") << QStringList{"-m", "8222"} << "http_port" << "8222";
    QTest::newRow("-m -1") << QStringList{"-m", "-1"} << "http_port" << "-1";
    QTest::newRow("--http_port") << QStringList{"--http_port=8223"} << "http_port" << "8223";
    QTest::newRow("-m 0 keeps the file's port") << QStringList{"-c", "cli/monitor.conf", "-m", "0"}
                                                << "http_port" << "8300";
    QTest::newRow("-m overrides the file") << QStringList{"-c", "cli/monitor.conf", "-m", "9"}
                                           << "http_port" << "9";
    QTest::newRow("--ports_file_dir") << QStringList{"--ports_file_dir", "/tmp"}
                                      << "ports_file_dir" << "/tmp";
    QTest::newRow("-- ends flags") << QStringList{"-p", "7", "--"} << "port" << "7";
}

void TstCommandLine::fields() {
    QFETCH(QStringList, args);
    QFETCH(QString, field);
    QFETCH(QString, expected);
    const CommandLine cl = loadServerOptions(toArgs(args));
    QCOMPARE(cl.mode, RunMode::Run);
    QCOMPARE(test::fieldText(cl.options, field), expected);
}

void TstCommandLine::modes_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<RunMode>("mode");
    QTest::newRow("none") << QStringList{} << RunMode::Run;
    QTest::newRow("-h") << QStringList{"-h"} << RunMode::ShowHelp;
    QTest::newRow("--help") << QStringList{"--help"} << RunMode::ShowHelp;
    QTest::newRow("help command") << QStringList{"help"} << RunMode::ShowHelp;
    QTest::newRow("-v") << QStringList{"-v"} << RunMode::ShowVersion;
    QTest::newRow("--version") << QStringList{"--version"} << RunMode::ShowVersion;
    QTest::newRow("version command") << QStringList{"-p", "1", "version"} << RunMode::ShowVersion;
    QTest::newRow("version before a bad config") << QStringList{"-c", "cli/bad.conf", "-v"}
                                                 << RunMode::ShowVersion;
    QTest::newRow("-t") << QStringList{"-t", "-c", "cli/basic.conf"} << RunMode::CheckConfig;
    QTest::newRow("-t with a jetstream block") << QStringList{"-t", "-c", "cli/jetstream.conf"}
                                               << RunMode::CheckConfig;
    QTest::newRow("-t skips server checks")
        << QStringList{"-t", "-c", "cli/basic.conf", "--cluster", "nats://h:1"}
        << RunMode::CheckConfig;
}

void TstCommandLine::modes() {
    QFETCH(QStringList, args);
    QFETCH(RunMode, mode);
    QCOMPARE(loadServerOptions(toArgs(args)).mode, mode);
}

void TstCommandLine::errors_data() {
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("expected");
    const QString usage = QStringLiteral("usage");
    const QString config = QStringLiteral("config");
    QTest::newRow("unknown flag") << QStringList{"--max_payload", "5"} << usage
                                  << "flag provided but not defined: -max_payload";
    QTest::newRow("missing value") << QStringList{"-c"} << usage << "flag needs an argument: -c";
    QTest::newRow("bad syntax") << QStringList{"---p"} << usage << "bad flag syntax: ---p";
    QTest::newRow("bad int") << QStringList{"-p", "abc"} << usage
                             << "invalid value \"abc\" for flag -p: parse error";
    QTest::newRow("int out of range") << QStringList{"-p", "99999999999999999999"} << usage
                                      << "invalid value \"99999999999999999999\" for flag -p: "
                                         "value out of range";
    QTest::newRow("bad bool") << QStringList{"-T=maybe"} << usage
                              << "invalid boolean value \"maybe\" for -T: parse error";
    QTest::newRow("unrecognized command") << QStringList{"foo"} << config
                                          << "unrecognized command: \"foo\"";
    QTest::newRow("bool flag does not take a separate value") << QStringList{"-D", "false"}
                                                              << config
                                                              << "unrecognized command: \"false\"";
    QTest::newRow("-t without -c") << QStringList{"-t"} << config
                                   << "must specify [-c, --config] option to check configuration "
                                      "file syntax";
    QTest::newRow("-t with warnings") << QStringList{"-t", "-c", "cli/warning.conf"} << config
                                      << "cli/warning.conf:1:1: invalid use of field "
                                         "\"ping_interval\": ping_interval should be converted to "
                                         "a duration";
    QTest::newRow("missing config file") << QStringList{"-c", "cli/none.conf"} << config
                                         << "open cli/none.conf: no such file or directory";
    QTest::newRow("bad config file") << QStringList{"-c", "cli/bad.conf"} << config
                                     << "cli/bad.conf:1:1: invalid value for \"port\": expected "
                                        "an integer, got a string";
    QTest::newRow("--cluster") << QStringList{"--cluster", "nats://127.0.0.1:6222"} << config
                               << "clustering (--cluster) is not supported yet";
    QTest::newRow("-cluster quoted") << QStringList{"-cluster", "\"nats://h:1\""} << config
                                     << "clustering (-cluster) is not supported yet";
    QTest::newRow("--routes") << QStringList{"--routes", "nats://a:1,nats://b:2"} << config
                              << "clustering (--routes) is not supported yet";
    QTest::newRow("-sd and store_dir in the file")
        << QStringList{"-sd", "/x", "-c", "cli/jetstream.conf"} << config
        << "cli/jetstream.conf:3:3: Duplicate 'store_dir' configuration";
    QTest::newRow("-t with a bad jetstream block")
        << QStringList{"-t", "-c", "cli/jetstream_bad.conf"} << config
        << "cli/jetstream_bad.conf:3:3: max_file_store strconv.ParseInt: parsing \"512M\": "
           "invalid syntax";
    QTest::newRow("an empty -sd does not clash with the file")
        << QStringList{"-js", "-sd=", "-c", "cli/jetstream.conf"} << "" << "";
    QTest::newRow("-ms") << QStringList{"-ms", "8443"} << config
                         << "HTTPS monitoring (-ms) is not supported yet";
    QTest::newRow("--https_port") << QStringList{"--https_port", "8443"} << config
                                  << "HTTPS monitoring (--https_port) is not supported yet";
    QTest::newRow("-tls") << QStringList{"-tls", "-tlscert", "c", "-tlskey", "k"} << config
                          << "TLS (-tls) is not supported yet";
    QTest::newRow("-tlscert alone") << QStringList{"-tlscert", "c"} << config
                                    << "TLS (-tlscert) is not supported yet";
    QTest::newRow("--help_tls") << QStringList{"--help_tls"} << config
                                << "TLS (--help_tls) is not supported yet";
    QTest::newRow("-sl") << QStringList{"-sl", "stop"} << config
                         << "sending signals (-sl) is not supported yet";
    QTest::newRow("--syslog") << QStringList{"--syslog"} << config
                              << "syslog (--syslog) is not supported yet";
    QTest::newRow("server checks") << QStringList{"-c", "cli/basic.conf", "--user", "x"} << ""
                                   << "";
}

void TstCommandLine::errors() {
    QFETCH(QStringList, args);
    QFETCH(QString, kind);
    QFETCH(QString, expected);
    QString actual_kind;
    QString actual;
    try {
        loadServerOptions(toArgs(args));
    } catch (const UsageError& e) {
        actual_kind = QStringLiteral("usage");
        actual = QString::fromUtf8(e.what());
    } catch (const ConfigError& e) {
        actual_kind = QStringLiteral("config");
        actual = QString::fromUtf8(e.what());
    }
    QCOMPARE(actual, expected);
    QCOMPARE(actual_kind, kind);
}

void TstCommandLine::warningsAreReturned() {
    const CommandLine cl = loadServerOptions({"-c", "cli/warning.conf"});
    QCOMPARE(cl.options.ping_interval.count(), 5000);
    QCOMPARE(cl.warnings, (std::vector<std::string>{
        "cli/warning.conf:1:1: invalid use of field \"ping_interval\": ping_interval should be "
        "converted to a duration"}));
}

void TstCommandLine::messages() {
    QCOMPARE(QString::fromStdString(checkConfigMessage("nwb-server", "a.conf")),
             QStringLiteral("nwb-server: configuration file a.conf is valid"));
    const QString usage = QString::fromStdString(usageText());
    QVERIFY(usage.startsWith(QStringLiteral("\nUsage: nwb-server [options]\n")));
    QVERIFY(usage.contains(QStringLiteral("    -c, --config <file>              Configuration file\n")));
    QVERIFY(usage.contains(QStringLiteral(
        "JetStream Options:\n"
        "    -js, --jetstream                 Enable JetStream functionality\n"
        "    -sd, --store_dir <dir>           Set the storage directory\n")));
    QVERIFY(!usage.contains(QStringLiteral("JetStream (-js)")));
}

QTEST_APPLESS_MAIN(TstCommandLine)
#include "tst_command_line.moc"
