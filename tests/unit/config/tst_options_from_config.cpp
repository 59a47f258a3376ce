// Config keys to ServerOptions: names, aliases, units, permissions, refusals and nats-server's
// error texts; and the checks nats-server makes when it creates the server.
#include <QTest>

#include "engine/config/conf_parser.h"
#include "engine/config/options_from_config.h"
#include "tests/unit/config/options_text.h"

using namespace nwb::config;

class TstOptionsFromConfig : public QObject {
    Q_OBJECT

private slots:
    void fields_data();
    void fields();
    void errors_data();
    void errors();
    void warnings();
    void validation_data();
    void validation();
};

namespace {

nwb::core::ServerOptions applyText(const QString& text, std::vector<std::string>* warnings = nullptr) {
    nwb::core::ServerOptions opts;
    applyConfig(parseConfigString(text.toStdString(), "o.conf"), opts, warnings);
    return opts;
}

}  // namespace

void TstOptionsFromConfig::fields_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("expected");
    QTest::newRow("port") << "port: 4333" << "port" << "4333";
    QTest::newRow("PORT is case-insensitive") << "PORT: 4333" << "port" << "4333";
    QTest::newRow("port 0 is the default") << "port: 0" << "port" << "4222";
    QTest::newRow("port -1 is random") << "port: -1" << "port" << "-1";
    QTest::newRow("listen host:port host") << "listen: 127.0.0.1:4333" << "host" << "127.0.0.1";
    QTest::newRow("listen host:port port") << "listen: 127.0.0.1:4333" << "port" << "4333";
    QTest::newRow("listen ipv6") << "listen: \"[::1]:4333\"" << "host" << "::1";
    QTest::newRow("listen :port") << "listen: \":4333\"" << "host" << "0.0.0.0";
    QTest::newRow("listen port only") << "host: h\nlisten: 4333" << "host" << "0.0.0.0";
    QTest::newRow("host") << "host: 10.0.0.1" << "host" << "10.0.0.1";
    QTest::newRow("net") << "net: 10.0.0.2" << "host" << "10.0.0.2";
    QTest::newRow("server_name") << "server_name: n1" << "server_name" << "n1";
    QTest::newRow("client_advertise") << "client_advertise: \"a:1\"" << "client_advertise" << "a:1";
    QTest::newRow("debug") << "debug: true" << "debug" << "true";
    QTest::newRow("trace") << "trace: on" << "trace" << "true";
    QTest::newRow("trace_verbose sets trace") << "trace_verbose: yes" << "trace" << "true";
    QTest::newRow("trace_verbose") << "trace_verbose: yes" << "trace_verbose" << "true";
    QTest::newRow("logtime") << "logtime: false" << "logtime" << "false";
    QTest::newRow("logtime_utc") << "logtime_utc: true" << "logtime_utc" << "true";
    QTest::newRow("logfile") << "logfile: /tmp/a.log" << "log_file" << "/tmp/a.log";
    QTest::newRow("log_file") << "log_file: b.log" << "log_file" << "b.log";
    QTest::newRow("pidfile") << "pidfile: a.pid" << "pid_file" << "a.pid";
    QTest::newRow("pid_file") << "pid_file: b.pid" << "pid_file" << "b.pid";
    QTest::newRow("max_payload 2MB") << "max_payload: 2MB" << "max_payload" << "2097152";
    QTest::newRow("max_control_line") << "max_control_line: 8kb" << "max_control_line" << "8192";
    QTest::newRow("max_pending") << "max_pending: 1G" << "max_pending" << "1000000000";
    QTest::newRow("max_connections") << "max_connections: 10" << "max_connections" << "10";
    QTest::newRow("max_conn") << "max_conn: 11" << "max_connections" << "11";
    QTest::newRow("max_subscriptions") << "max_subscriptions: 5" << "max_subscriptions" << "5";
    QTest::newRow("max_subs") << "max_subs: 6" << "max_subscriptions" << "6";
    QTest::newRow("ping_interval string") << "ping_interval: \"1m30s\"" << "ping_interval" << "90000";
    QTest::newRow("ping_interval seconds") << "ping_interval: 5" << "ping_interval" << "5000";
    QTest::newRow("ping_max") << "ping_max: 4" << "ping_max" << "4";
    QTest::newRow("write_deadline") << "write_deadline: \"500ms\"" << "write_deadline" << "500";
    QTest::newRow("lame_duck_duration") << "lame_duck_duration: \"1m\"" << "lame_duck_duration"
                                        << "60000";
    QTest::newRow("lame_duck_grace_period") << "lame_duck_grace_period: \"1.5s\""
                                            << "lame_duck_grace_period" << "1500";
    QTest::newRow("no_header_support") << "no_header_support: true" << "no_header_support"
                                       << "true";
    QTest::newRow("no_auth_user") << "no_auth_user: bob" << "no_auth_user" << "bob";
    QTest::newRow("single user") << "authorization { user: a, password: b }" << "username" << "a";
    QTest::newRow("single user pass alias") << "authorization { user: a, pass: b }" << "password"
                                            << "b";
    QTest::newRow("token") << "authorization { token: s3cr3t }" << "auth_token" << "s3cr3t";
    QTest::newRow("timeout seconds") << "authorization { token: t, timeout: 3 }" << "auth_timeout"
                                     << "3000";
    QTest::newRow("timeout float") << "authorization { token: t, timeout: 0.5 }" << "auth_timeout"
                                   << "500";
    QTest::newRow("timeout other type is 1s") << "authorization { token: t, timeout: \"x\" }"
                                              << "auth_timeout" << "1000";
    QTest::newRow("users with permissions")
        << "authorization { users: [\n"
           "  {user: a, password: p, permissions: {publish: \"x.>\", subscribe: [\"y\", \"z q\"]}}\n"
           "  {user: b, password: $2a$11$h, permissions: {pub: {allow: [\"a\"], deny: \"b\"}}}\n"
           "]}"
        << "users"
        << "a:p (pub allow[x.>] deny[]; sub allow[y,z q] deny[]; responses none) | "
           "b:$2a$11$h (pub allow[a] deny[b]; sub none; responses none)";
    QTest::newRow("default permissions apply to users without their own")
        << "authorization { default_permissions: {subscribe: {deny: \"s\"}}\n"
           "  users: [{user: a, password: p}, {user: b, password: p, permissions: {pub: x}}] }"
        << "users"
        << "a:p (pub none; sub allow(unset)[] deny[s]; responses none) | "
           "b:p (pub allow[x] deny[]; sub none; responses none)";
    QTest::newRow("default permissions kept")
        << "authorization { permissions: {publish: [\"p\"]} }" << "default_permissions"
        << "pub allow[p] deny[]; sub none; responses none";
    QTest::newRow("allow_responses true turns off blanket publish")
        << "authorization { users: [{user: a, permissions: {allow_responses: true}}] }" << "users"
        << "a: (pub allow[] deny[]; sub none; responses 1/120000ms)";
    QTest::newRow("allow_responses map")
        << "authorization { users: [{user: a, permissions: "
           "{allow_responses: {max: 5, expires: \"1s\"}}}] }"
        << "users" << "a: (pub allow[] deny[]; sub none; responses 5/1000ms)";
    QTest::newRow("empty allow/deny map is no permission")
        << "authorization { users: [{user: a, permissions: {publish: {}}}] }" << "users"
        << "a: (pub none; sub none; responses none)";
    QTest::newRow("variable-only keys are not unknown fields")
        << "PORT = 4555\nport: $PORT" << "port" << "4555";
    QTest::newRow("jetstream disabled is accepted") << "jetstream: false\nport: 1" << "port" << "1";
    QTest::newRow("store_dir alone is accepted") << "store_dir: /tmp/x\nport: 2" << "port" << "2";
    QTest::newRow("jetstream off by default") << "port: 1" << "jetstream" << "false";
    QTest::newRow("jetstream: true") << "jetstream: true" << "jetstream" << "true";
    QTest::newRow("jetstream: false") << "jetstream: false" << "jetstream" << "false";
    QTest::newRow("jetstream: enabled") << "jetstream: enabled" << "jetstream" << "true";
    QTest::newRow("jetstream: Enable") << "jetstream: \"Enable\"" << "jetstream" << "true";
    QTest::newRow("jetstream: disabled") << "jetstream: disabled" << "jetstream" << "false";
    QTest::newRow("jetstream: disable") << "jetstream: disable" << "jetstream" << "false";
    QTest::newRow("jetstream block enables") << "jetstream {}" << "jetstream" << "true";
    QTest::newRow("jetstream block enabled: false") << "jetstream { enabled: false }"
                                                    << "jetstream" << "false";
    QTest::newRow("jetstream block enable: true") << "jetstream { enable: true }" << "jetstream"
                                                  << "true";
    QTest::newRow("top-level store_dir") << "store_dir: /tmp/x" << "store_dir" << "/tmp/x";
    QTest::newRow("top-level storedir") << "storedir: /tmp/y" << "store_dir" << "/tmp/y";
    QTest::newRow("jetstream store_dir") << "jetstream { store_dir: /a }" << "store_dir" << "/a";
    QTest::newRow("jetstream storedir") << "jetstream { storedir: /b }" << "store_dir" << "/b";
    QTest::newRow("jetstream store") << "jetstream { store: /c }" << "store_dir" << "/c";
    QTest::newRow("max memory unset") << "jetstream: true" << "jetstream_max_memory" << "unset";
    QTest::newRow("max store unset") << "jetstream: true" << "jetstream_max_store" << "unset";
    QTest::newRow("max_memory_store integer") << "jetstream { max_memory_store: 1024 }"
                                              << "jetstream_max_memory" << "1024";
    QTest::newRow("max_mem_store 1G (lexer: 10^9)") << "jetstream { max_mem_store: 1G }"
                                                    << "jetstream_max_memory" << "1000000000";
    QTest::newRow("max_mem 512MB (lexer: 2^20)") << "jetstream { max_mem: 512MB }"
                                                 << "jetstream_max_memory" << "536870912";
    QTest::newRow("max_mem \"1G\" (string: 2^30)") << "jetstream { max_mem: \"1G\" }"
                                                   << "jetstream_max_memory" << "1073741824";
    QTest::newRow("max_mem \"2K\"") << "jetstream { max_mem: \"2K\" }" << "jetstream_max_memory"
                                    << "2048";
    QTest::newRow("max_mem \"3M\"") << "jetstream { max_mem: \"3M\" }" << "jetstream_max_memory"
                                    << "3145728";
    QTest::newRow("max_mem \"1T\"") << "jetstream { max_mem: \"1T\" }" << "jetstream_max_memory"
                                    << "1099511627776";
    QTest::newRow("max_mem \"-1G\"") << "jetstream { max_mem: \"-1G\" }" << "jetstream_max_memory"
                                     << "-1073741824";
    QTest::newRow("max_mem \"\" is 0") << "jetstream { max_mem: \"\" }" << "jetstream_max_memory"
                                       << "0";
    QTest::newRow("max_mem 0 is set") << "jetstream { max_mem: 0 }" << "jetstream_max_memory"
                                      << "0";
    QTest::newRow("max_file_store") << "jetstream { max_file_store: \"10G\" }"
                                    << "jetstream_max_store" << "10737418240";
    QTest::newRow("max_file") << "jetstream { max_file: 2GB }" << "jetstream_max_store"
                              << "2147483648";
    QTest::newRow("domain") << "jetstream { domain: hub }" << "jetstream_domain" << "hub";
    QTest::newRow("sync_interval default") << "jetstream: true" << "jetstream_sync_interval"
                                           << "always";
    QTest::newRow("sync_interval always") << "jetstream { sync_interval: always }"
                                          << "jetstream_sync_interval" << "always";
    QTest::newRow("sync_interval ALWAYS") << "jetstream { sync_interval: \"ALWAYS\" }"
                                          << "jetstream_sync_interval" << "always";
    QTest::newRow("sync_interval 2m") << "jetstream { sync_interval: \"2m\" }"
                                      << "jetstream_sync_interval" << "120000000000";
    QTest::newRow("sync alias 10ms") << "jetstream { sync: \"10ms\" }"
                                     << "jetstream_sync_interval" << "10000000";
    QTest::newRow("sync_interval seconds") << "jetstream { sync_interval: 5 }"
                                           << "jetstream_sync_interval" << "5000000000";
    QTest::newRow("cluster-only jetstream keys are accepted")
        << "jetstream { unique_tag: az, extension_hint: will_extend, max_outstanding_catchup: "
           "\"64M\" }"
        << "jetstream" << "true";
    QTest::newRow("variable-only key in jetstream block")
        << "jetstream { X = 7, max_mem: $X }" << "jetstream_max_memory" << "7";
    QTest::newRow("http port") << "http: 8222" << "http_port" << "8222";
    QTest::newRow("http port keeps no host") << "http: 8222" << "http_host" << "";
    QTest::newRow("http host:port host") << "http: \"127.0.0.1:-1\"" << "http_host" << "127.0.0.1";
    QTest::newRow("http host:port port") << "http: \"127.0.0.1:-1\"" << "http_port" << "-1";
    QTest::newRow("http_port") << "http_port: 8222" << "http_port" << "8222";
    QTest::newRow("monitor_port") << "monitor_port: 8224" << "http_port" << "8224";
    QTest::newRow("http_base_path") << "http_base_path: \"/nats\"" << "http_base_path" << "/nats";
    QTest::newRow("ports_file_dir") << "ports_file_dir: \"/tmp/p\"" << "ports_file_dir" << "/tmp/p";
    QTest::newRow("max_closed_clients") << "max_closed_clients: 5" << "max_closed_clients"
                                        << "5";
    QTest::newRow("no_system_account") << "no_system_account: true" << "no_system_account"
                                       << "true";
    QTest::newRow("system_account") << "system_account: SYS" << "system_account" << "SYS";
    QTest::newRow("accounts map")
        << "accounts {\n  A { users: [{user: a, password: p}] }\n  B {}\n}" << "accounts" << "A B";
    QTest::newRow("accounts list") << "accounts: [X, Y]" << "accounts" << "X Y";
    QTest::newRow("account jetstream forms")
        << "accounts {\n A { jetstream: enabled }\n B { jetstream: Enable }\n C { jetstream: true }\n"
           " D { jetstream: {} }\n E { jetstream: disabled }\n F { jetstream: false }\n G {}\n}"
        << "jetstream_accounts" << "A B C D";
    QTest::newRow("account users join their account")
        << "authorization { users: [{user: g, password: p}] }\n"
           "accounts { A { users: [{user: a, password: p}, {user: b, password: q}] } }"
        << "user_accounts" << "g@$G a@A b@A";
    // Verified against nats-server 2.9.10: users of both keep their account, in either order.
    QTest::newRow("accounts before authorization keep their users")
        << "accounts { SYS { users: [{user: s, password: p}] } }\n"
           "authorization { users: [{user: g, password: p}] }\nsystem_account: SYS"
        << "user_accounts" << "s@SYS g@$G";
    QTest::newRow("authorization default permissions stay with its users")
        << "accounts { SYS { users: [{user: s, password: p}] } }\n"
           "authorization { default_permissions: { publish: \"x\" }\n"
           "users: [{user: g, password: p}] }"
        << "users" << "s:p (none) | g:p (pub allow[x] deny[]; sub none; responses none)";
    QTest::newRow("authorization password only with account users")
        << "accounts { A { users: [{user: a}] } }\nauthorization { password: y }"
        << "password" << "y";
    QTest::newRow("single user with an account without users")
        << "authorization { user: x, password: y }\naccounts { A { users: [] } }"
        << "username" << "x";
    QTest::newRow("account default permissions")
        << "accounts { A { default_permissions: { publish: \"x\" }\n"
           "users: [{user: a, password: p}] } }"
        << "users" << "a:p (pub allow[x] deny[]; sub none; responses none)";
    QTest::newRow("cluster with only a name is accepted") << "cluster { name: c }\nport: 3" << "port"
                                                         << "3";
}

void TstOptionsFromConfig::fields() {
    QFETCH(QString, text);
    QFETCH(QString, field);
    QFETCH(QString, expected);
    QCOMPARE(test::fieldText(applyText(text), field), expected);
}

void TstOptionsFromConfig::errors_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("unknown field") << "port: 1\nfoo: bar" << "o.conf:2:1: unknown field \"foo\"";
    QTest::newRow("unknown nested field") << "authorization {\n  user: a\n  bogus: 1\n}"
                                          << "o.conf:3:3: unknown field \"bogus\"";
    QTest::newRow("jetstream bad string") << "jetstream: maybe"
                                          << "o.conf:1:1: Expected 'enabled' or 'disabled' for "
                                             "string value, got 'maybe'";
    QTest::newRow("jetstream bad type") << "jetstream: 5"
                                        << "o.conf:1:1: Expected map, bool or string to define "
                                           "JetStream, got int64";
    QTest::newRow("max_mem \"512MB\"") << "jetstream {\n  max_mem: \"512MB\"\n}"
                                       << "o.conf:2:3: max_mem_store strconv.ParseInt: parsing "
                                          "\"512M\": invalid syntax";
    QTest::newRow("max_mem \"G\"") << "jetstream {\n  max_mem: \"G\"\n}"
                                   << "o.conf:2:3: max_mem_store strconv.ParseInt: parsing \"\": "
                                      "invalid syntax";
    QTest::newRow("max_mem out of range") << "jetstream {\n  max_mem: \"99999999999999999999K\"\n}"
                                          << "o.conf:2:3: max_mem_store strconv.ParseInt: parsing "
                                             "\"99999999999999999999\": value out of range";
    QTest::newRow("max_mem float") << "jetstream {\n  max_mem: 1.5\n}"
                                   << "o.conf:2:3: max_mem_store must be int64 or string";
    QTest::newRow("max_file bad suffix") << "jetstream {\n  max_file: \"1x\"\n}"
                                         << "o.conf:2:3: max_file_store sizes defined as strings "
                                            "must end in K, M, G, T";
    QTest::newRow("max_file lower-case suffix") << "jetstream {\n  max_file: \"1g\"\n}"
                                                << "o.conf:2:3: max_file_store sizes defined as "
                                                   "strings must end in K, M, G, T";
    QTest::newRow("max_file_store bool") << "jetstream {\n  max_file_store: true\n}"
                                         << "o.conf:2:3: max_file_store must be int64 or string";
    QTest::newRow("duplicate store_dir, block second")
        << "store_dir: /a\njetstream {\n  store_dir: /b\n}"
        << "o.conf:3:3: Duplicate 'store_dir' configuration";
    QTest::newRow("duplicate store_dir, top level second")
        << "jetstream {\n  store_dir: /b\n}\nstore_dir: /a"
        << "o.conf:4:1: Duplicate 'store_dir' configuration";
    QTest::newRow("unknown jetstream field") << "jetstream {\n  bogus: 1\n}"
                                             << "o.conf:2:3: unknown field \"bogus\"";
    QTest::newRow("enabled not a bool") << "jetstream {\n  enabled: \"yes\"\n}"
                                        << "o.conf:2:3: invalid value for \"enabled\": expected a "
                                           "bool, got a string";
    QTest::newRow("domain not a string") << "jetstream {\n  domain: 5\n}"
                                         << "o.conf:2:3: invalid value for \"domain\": expected a "
                                            "string, got an integer";
    QTest::newRow("store_dir not a string") << "store_dir: 5"
                                            << "o.conf:1:1: invalid value for \"store_dir\": "
                                               "expected a string, got an integer";
    QTest::newRow("sync_interval bad") << "jetstream {\n  sync_interval: \"often\"\n}"
                                       << "o.conf:2:3: error parsing sync_interval: time: invalid "
                                          "duration \"often\"";
    QTest::newRow("sync_interval zero") << "jetstream {\n  sync_interval: \"0s\"\n}"
                                        << "o.conf:2:3: invalid sync_interval of 0s, needs to be "
                                           "positive or \"always\"";
    QTest::newRow("sync_interval bool") << "jetstream {\n  sync: true\n}"
                                        << "o.conf:2:3: invalid value for \"sync\": expected a "
                                           "duration string, got a bool";
    QTest::newRow("encryption") << "jetstream {\n  key: s3cr3t\n}"
                                << "o.conf:2:3: \"key\" is not supported yet by nwb-server";
    QTest::newRow("cipher") << "jetstream {\n  cipher: aes\n}"
                            << "o.conf:2:3: \"cipher\" is not supported yet by nwb-server";
    QTest::newRow("jetstream limits") << "jetstream {\n  limits { max_ha_assets: 1 }\n}"
                                      << "o.conf:2:3: \"limits\" is not supported yet by "
                                         "nwb-server";
    QTest::newRow("cluster") << "cluster { listen: 127.0.0.1:6222 }"
                             << "o.conf:1:1: \"cluster\" is not supported yet by nwb-server";
    QTest::newRow("tls") << "tls { cert_file: a }"
                         << "o.conf:1:1: \"tls\" is not supported yet by nwb-server";
    QTest::newRow("https_port") << "https_port: 8443"
                                << "o.conf:1:1: \"https_port\" is not supported yet by nwb-server";
    QTest::newRow("https") << "https: 8443"
                           << "o.conf:1:1: \"https\" is not supported yet by nwb-server";
    QTest::newRow("http bad address") << "http: \"nohost\""
                                      << "o.conf:1:1: could not parse address string \"nohost\"";
    QTest::newRow("http bad type") << "http: true"
                                   << "o.conf:1:1: expected port or host:port, got bool";
    QTest::newRow("http_port type") << "http_port: \"x\""
                                    << "o.conf:1:1: invalid value for \"http_port\": expected an "
                                       "integer, got a string";
    QTest::newRow("reserved account") << "accounts { $G { } }"
                                      << "o.conf:1:12: \"$G\" is a Reserved Account";
    QTest::newRow("account not a map") << "accounts { A: 1 }"
                                       << "o.conf:1:12: Expected map entries for accounts";
    QTest::newRow("duplicate account in list") << "accounts: [A, A]"
                                               << "o.conf:1:15: Duplicate Account Entry: A";
    QTest::newRow("account jetstream word") << "accounts { A { jetstream: maybe } }"
                                           << "o.conf:1:16: Expected 'enabled' or 'disabled' for "
                                              "string value, got 'maybe'";
    QTest::newRow("account jetstream limits") << "accounts { A { jetstream: { max_mem: 1G } } }"
                                             << "o.conf:1:29: \"max_mem\" is not supported yet by "
                                                "nwb-server";
    QTest::newRow("account jetstream number") << "accounts { A { jetstream: 1 } }"
                                             << "o.conf:1:16: Expected map, bool or string to "
                                                "define JetStream, got int64";
    QTest::newRow("account imports") << "accounts { A { imports: [] } }"
                                     << "o.conf:1:16: \"imports\" is not supported yet by "
                                        "nwb-server";
    // Positions and texts as nats-server 2.9.10 prints them for these files. nats-server walks
    // the top-level keys in Go's map order, which is file order in most runs; the other order
    // gives the other message of each pair.
    QTest::newRow("duplicate user across accounts")
        << "accounts {\n A { users: [{user: a}] }\n B { users: [{user: a}] }\n}"
        << "o.conf:3:6: Duplicate user \"a\" detected";
    QTest::newRow("duplicate user inside one account")
        << "accounts {\n A {\n  users: [{user: a}, {user: a}] }\n}"
        << "o.conf:3:3: Duplicate user \"a\" detected";
    QTest::newRow("single user and accounts")
        << "authorization { user: x, password: y }\naccounts { A { users: [{user: a}] } }"
        << "o.conf:2:16: Can not have a single user/pass and accounts";
    QTest::newRow("token and accounts")
        << "authorization { token: t }\naccounts { A { users: [{user: a}] } }"
        << "o.conf:2:16: Can not have a token and accounts";
    QTest::newRow("accounts then single user")
        << "accounts { A { users: [{user: a}] } }\nauthorization { user: x, password: y }"
        << "o.conf:2:1: Can not have a single user/pass and a users array";
    QTest::newRow("accounts then token")
        << "accounts { A { users: [{user: a}] } }\nauthorization { token: t }"
        << "o.conf:2:1: Can not have a token and a users array";
    QTest::newRow("authorization user then the same in an account")
        << "authorization { users: [{user: a}] }\naccounts { A { users: [{user: a}] } }"
        << "o.conf:2:16: Duplicate user \"a\" detected";
    QTest::newRow("account user then the same in authorization")
        << "accounts { A { users: [{user: a}] } }\nauthorization { users: [{user: a}] }"
        << "o.conf:2:1: Duplicate user \"a\" detected";
    QTest::newRow("nkey users") << "authorization { users: [{nkey: UABC}] }"
                                << "o.conf:1:26: \"nkey\" is not supported yet by nwb-server";
    QTest::newRow("port type") << "port: \"abc\""
                               << "o.conf:1:1: invalid value for \"port\": expected an integer, "
                                  "got a string";
    QTest::newRow("debug type") << "debug: 1"
                                << "o.conf:1:1: invalid value for \"debug\": expected a bool, got "
                                   "an integer";
    QTest::newRow("listen bad address") << "listen: \"nohost\""
                                        << "o.conf:1:1: could not parse address string \"nohost\"";
    QTest::newRow("listen bad port") << "listen: \"h:x\""
                                     << "o.conf:1:1: could not parse port \"x\"";
    QTest::newRow("listen bad type") << "listen: true"
                                     << "o.conf:1:1: expected port or host:port, got bool";
    QTest::newRow("max_payload too big") << "max_payload: 3GB"
                                         << "o.conf:1:1: max_payload value is too big";
    QTest::newRow("ping_interval bad unit") << "ping_interval: \"5x\""
                                            << "o.conf:1:1: error parsing ping_interval: time: "
                                               "unknown unit \"x\" in duration \"5x\"";
    QTest::newRow("lame duck too short") << "lame_duck_duration: \"10s\""
                                         << "o.conf:1:1: invalid lame_duck_duration of 10s, "
                                            "minimum is 30 seconds";
    QTest::newRow("lame duck grace negative") << "lame_duck_grace_period: \"-1s\""
                                              << "o.conf:1:1: invalid lame_duck_grace_period, "
                                                 "needs to be positive";
    QTest::newRow("user and token") << "authorization { user: a, token: t }"
                                    << "o.conf:1:1: Cannot have a user/pass and token";
    QTest::newRow("user and users") << "authorization { user: a, users: [] }"
                                    << "o.conf:1:1: Can not have a single user/pass and a users "
                                       "array";
    QTest::newRow("token and users") << "authorization { token: a, users: [] }"
                                     << "o.conf:1:1: Can not have a token and a users array";
    QTest::newRow("duplicate user") << "authorization { users: [{user: a}, {user: a}] }"
                                    << "o.conf:1:1: Duplicate user \"a\" detected";
    QTest::newRow("user entry without user") << "authorization { users: [{password: p}] }"
                                             << "o.conf:1:25: User entry requires a user";
    QTest::newRow("users not an array") << "authorization { users: x }"
                                        << "o.conf:1:17: Expected users field to be an array, "
                                           "got x";
    QTest::newRow("user entry not a map") << "authorization { users: [x] }"
                                          << "o.conf:1:25: Expected user entry to be a "
                                             "map/struct, got x";
    QTest::newRow("permissions not a map")
        << "authorization { users: [{user: a, permissions: x}] }"
        << "o.conf:1:35: Expected permissions to be a map/struct, got x";
    QTest::newRow("unknown permission field")
        << "authorization { users: [{user: a, permissions: {pubs: x}}] }"
        << "o.conf:1:49: Unknown field \"pubs\" parsing permissions";
    QTest::newRow("unknown allow/deny field")
        << "authorization { users: [{user: a, permissions: {pub: {allows: x}}}] }"
        << "o.conf:1:55: Unknown field name \"allows\" parsing subject permissions, only 'allow' "
           "or 'deny' are permitted";
    QTest::newRow("invalid subject")
        << "authorization { users: [{user: a, permissions: {pub: \"a..b\"}}] }"
        << "o.conf:1:49: subject \"a..b\" is not a valid subject";
    QTest::newRow("number before ] reads as a string, as in nats-server")
        << "authorization { users: [{user: a, permissions: {pub: [1]}}] }"
        << "o.conf:1:57: Expected an array value terminator \",\" or an array terminator "
           "\"]\", but got '}' instead.";
    QTest::newRow("subject array element not a string")
        << "authorization { users: [{user: a, permissions: {pub: [true]}}] }"
        << "o.conf:1:55: Subject in permissions array cannot be cast to string";
    QTest::newRow("subjects wrong type")
        << "authorization { users: [{user: a, permissions: {pub: 1.5}}] }"
        << "o.conf:1:49: Expected subject permissions to be a subject, or array of subjects, "
           "got float64";
    QTest::newRow("allow_responses wrong type")
        << "authorization { users: [{user: a, permissions: {allow_responses: 1}}] }"
        << "o.conf:1:49: error parsing response permissions, expected a boolean or a map";
    QTest::newRow("allow_responses expires not a string")
        << "authorization { users: [{user: a, permissions: {allow_responses: {expires: 1}}}] }"
        << "o.conf:1:67: error parsing expires, not a duration string";
}

void TstOptionsFromConfig::errors() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    try {
        applyText(text);
        QFAIL("no error");
    } catch (const ConfigError& e) {
        QCOMPARE(QString::fromUtf8(e.what()), expected);
    }
}

void TstOptionsFromConfig::warnings() {
    std::vector<std::string> warnings;
    const nwb::core::ServerOptions opts = applyText("ping_interval: 5\nwrite_deadline: 3", &warnings);
    QCOMPARE(opts.write_deadline.count(), 3000);
    QCOMPARE(warnings, (std::vector<std::string>{
        "o.conf:1:1: invalid use of field \"ping_interval\": ping_interval should be converted "
        "to a duration",
        "o.conf:2:1: invalid use of field \"write_deadline\": write_deadline should be converted "
        "to a duration"}));
}

void TstOptionsFromConfig::validation_data() {
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("defaults are valid") << "" << "";
    QTest::newRow("max_payload above max_pending")
        << "max_payload: 100MB\nmax_pending: 1MB"
        << "max_payload (104857600) cannot be higher than max_pending (1048576)";
    QTest::newRow("no_auth_user without users")
        << "no_auth_user: bob" << "no_auth_user: \"bob\" present, but users are not defined";
    QTest::newRow("no_auth_user unknown")
        << "authorization { users [ {user: a, password: b} ] }\nno_auth_user: bob"
        << "no_auth_user: \"bob\" not present as user in authorization block or account "
           "configuration";
    QTest::newRow("no_auth_user known")
        << "authorization { users [ {user: bob, password: b} ] }\nno_auth_user: bob" << "";
    QTest::newRow("system account not configured")
        << "system_account: SYS\naccounts { A { users: [{user: bob, password: bob}] } }"
        << "error resolving system account: account missing";
    QTest::newRow("system account configured")
        << "system_account: SYS\naccounts { SYS { users: [{user: s, password: s}] } }" << "";
    QTest::newRow("system account in an account list") << "system_account: S\naccounts: [S]" << "";
    QTest::newRow("grace not below duration")
        << "lame_duck_duration: \"30s\"\nlame_duck_grace_period: \"40s\""
        << "lame duck grace period (40s) should be strictly lower than lame duck duration (30s)";
    QTest::newRow("jetstream domain valid") << "jetstream { domain: hub }" << "";
    QTest::newRow("jetstream domain with a dot")
        << "jetstream { domain: \"a.b\" }" << "invalid domain name: may not contain ., * or >";
    QTest::newRow("jetstream domain with a wildcard")
        << "jetstream { domain: \"a*\" }" << "invalid domain name: may not contain ., * or >";
    QTest::newRow("jetstream domain with a space")
        << "jetstream { domain: \"a b\" }"
        << "invalid domain name: derived \"$JS.a b.API.>\" is not a valid subject";
}

void TstOptionsFromConfig::validation() {
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QString actual;
    try {
        validateOptions(applyText(text));
    } catch (const ConfigError& e) {
        actual = QString::fromUtf8(e.what());
    }
    QCOMPARE(actual, expected);
}

QTEST_APPLESS_MAIN(TstOptionsFromConfig)
#include "tst_options_from_config.moc"
