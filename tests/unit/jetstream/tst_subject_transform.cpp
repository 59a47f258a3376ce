// SubjectTransform: nats-server 2.9.10 newTransform validity and transform.Match results
// (data-driven: source, destination, subject in; the transformed subject or "invalid" out).
#include <QtTest>

#include <string>

#include "engine/jetstream/subject_transform.h"

using namespace nwb::jetstream;

class TstSubjectTransform : public QObject {
    Q_OBJECT

private slots:
    void match_data() {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("destination");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("expected");
        QTest::newRow("literal") << "foo" << "bar" << "foo" << "bar";
        QTest::newRow("literal miss") << "foo" << "bar" << "baz" << "";
        QTest::newRow("any to prefix") << ">" << "rp.>" << "foo.bar" << "rp.foo.bar";
        QTest::newRow("fwc keeps tail") << "foo.>" << "rp.>" << "foo.bar.baz" << "rp.bar.baz";
        QTest::newRow("fwc miss") << "foo.>" << "rp.>" << "bar.baz" << "";
        QTest::newRow("dollar") << "foo.*" << "bar.$1" << "foo.a" << "bar.a";
        QTest::newRow("wildcard swap") << "foo.*.*" << "bar.{{wildcard(2)}}.{{ Wildcard( 1 ) }}"
                                       << "foo.a.b" << "bar.b.a";
        QTest::newRow("partition") << "foo.*" << "p.{{partition(3,1)}}" << "foo.a" << "p.1";
        QTest::newRow("partition two") << "*.*" << "{{partition(5,1,2)}}.$1.$2" << "a.b" << "1.a.b";
        QTest::newRow("placeholders counted per token")
            << "*.*" << "{{partition(5,1,2)}}.x" << "a.b" << "invalid";
        QTest::newRow("split from left")
            << "foo.*" << "{{SplitFromLeft(1,2)}}" << "foo.abcd" << "ab.cd";
        QTest::newRow("split from right")
            << "foo.*" << "{{splitFromRight(1,3)}}" << "foo.abcd" << "a.bcd";
        QTest::newRow("split too short")
            << "foo.*" << "{{splitfromleft(1,9)}}" << "foo.abcd" << "abcd";
        QTest::newRow("slice from left") << "foo.*" << "{{SliceFromLeft(1,3)}}" << "foo.abcdefgh"
                                         << "abc.def.gh";
        QTest::newRow("slice from right") << "foo.*" << "{{SliceFromRight(1,3)}}" << "foo.abcdefgh"
                                          << "ab.cde.fgh";
        QTest::newRow("split") << "foo.*" << "x.{{split(1,-)}}" << "foo.a-b--c" << "x.a.b.c";
        QTest::newRow("split edges") << "foo.*" << "{{split(1,-)}}" << "foo.-a-" << "a";
        QTest::newRow("not literal") << ">" << "rp.>" << "foo.*" << "";
        QTest::newRow("no source wildcards: dest taken as is") << "foo" << "$1" << "foo" << "$1";
        QTest::newRow("dollar not a number") << "foo.*" << "$x.$1" << "foo.a" << "$x.a";
        QTest::newRow("dest star") << "foo.*" << "bar.*" << "foo.a" << "invalid";
        QTest::newRow("wildcard unused") << "foo.*" << "bar" << "foo.a" << "invalid";
        QTest::newRow("index out of range") << "foo.*" << "bar.$2" << "foo.a" << "invalid";
        QTest::newRow("fwc only in source") << "foo.>" << "bar" << "foo.a" << "invalid";
        QTest::newRow("fwc only in dest") << "foo" << "bar.>" << "foo" << "invalid";
        QTest::newRow("unknown function") << "foo.*" << "{{unknown(1)}}" << "foo.a" << "invalid";
        QTest::newRow("no argument") << "foo.*" << "{{wildcard()}}" << "foo.a" << "invalid";
        QTest::newRow("two arguments") << "foo.*" << "{{wildcard(1,2)}}" << "foo.a" << "invalid";
        QTest::newRow("bad int") << "foo.*" << "{{SplitFromLeft(1,x)}}" << "foo.a" << "invalid";
        QTest::newRow("split delimiter dot") << "foo.*" << "{{split(1,.)}}" << "foo.a" << "invalid";
        QTest::newRow("empty dest") << ">" << "" << "foo" << "invalid";
        QTest::newRow("empty token") << "foo..*" << "$1" << "foo" << "invalid";
    }
    void match() {
        QFETCH(QString, source);
        QFETCH(QString, destination);
        QFETCH(QString, subject);
        QFETCH(QString, expected);
        auto tr = SubjectTransform::create(source.toStdString(), destination.toStdString());
        const QString got = tr ? QString::fromStdString(tr->match(subject.toStdString()))
                               : QStringLiteral("invalid");
        QCOMPARE(got, expected);
    }
};

QTEST_APPLESS_MAIN(TstSubjectTransform)
#include "tst_subject_transform.moc"
