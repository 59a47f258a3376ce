// SubjectTransform: nats-server 2.10 NewSubjectTransform validity and Match results
// (data-driven: source, destination, subject in; the transformed subject or the error out).
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
        QTest::newRow("wildcards need not all be used (2.10)")
            << "*.*" << "{{partition(5,1,2)}}.x" << "a.b" << "1.x";
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
        QTest::newRow("no source wildcards: dest taken as is") << "foo" << "$x" << "foo" << "$x";
        QTest::newRow("no source wildcards: no placeholders")
            << "foo" << "$1" << "foo"
            << "invalid mapping destination: wildcard index out of range in $1";
        QTest::newRow("dollar not a number") << "foo.*" << "$x.$1" << "foo.a" << "$x.a";
        QTest::newRow("left") << "foo.*" << "{{Left(1,2)}}.x" << "foo.abcd" << "ab.x";
        QTest::newRow("right") << "foo.*" << "{{right(1,3)}}" << "foo.abcd" << "bcd";
        QTest::newRow("left too short") << "foo.*" << "{{left(1,9)}}" << "foo.abcd" << "abcd";
        QTest::newRow("empty source is any") << "" << "x.>" << "a.b" << "x.a.b";
        QTest::newRow("wildcard unused") << "foo.*" << "bar" << "foo.a" << "bar";
        QTest::newRow("dest star") << "foo.*" << "bar.*" << "foo.a" << "invalid subject";
        QTest::newRow("index out of range")
            << "foo.*" << "bar.$2" << "foo.a"
            << "invalid mapping destination: wildcard index out of range in $2: [2]";
        QTest::newRow("function without source wildcard")
            << "foo.>" << "$1.>" << "foo.a"
            << "invalid mapping destination: wildcard index out of range in $1";
        QTest::newRow("function with a literal source")
            << "foo" << "{{wildcard(1)}}" << "foo"
            << "invalid mapping destination: wildcard index out of range in {{wildcard(1)}}";
        QTest::newRow("fwc only in source") << "foo.>" << "bar" << "foo.a" << "invalid subject";
        QTest::newRow("fwc only in dest") << "foo" << "bar.>" << "foo" << "invalid subject";
        QTest::newRow("unknown function")
            << "foo.*" << "{{unknown(1)}}" << "foo.a"
            << "invalid mapping destination: unknown function in {{unknown(1)}}";
        QTest::newRow("no argument")
            << "foo.*" << "{{wildcard()}}" << "foo.a"
            << "invalid mapping destination: not enough arguments passed to the function in "
               "{{wildcard()}}";
        QTest::newRow("two arguments")
            << "foo.*" << "{{wildcard(1,2)}}" << "foo.a"
            << "invalid mapping destination: too many arguments passed to the function in "
               "{{wildcard(1,2)}}";
        QTest::newRow("bad int")
            << "foo.*" << "{{SplitFromLeft(1,x)}}" << "foo.a"
            << "invalid mapping destination: function argument is invalid or in the wrong format "
               "in {{SplitFromLeft(1,x)}}";
        QTest::newRow("a dot splits the function into literal tokens")
            << "foo.*" << "{{split(1,.)}}" << "foo.a" << "{{split(1,.)}}";
        QTest::newRow("split delimiter space")
            << "foo.*" << "{{split(1,a b)}}" << "foo.a"
            << "invalid mapping destination: function argument is invalid or in the wrong format "
               "in {{split(1,a b)}}";
        QTest::newRow("left one argument")
            << "foo.*" << "{{left(1)}}" << "foo.a"
            << "invalid mapping destination: not enough arguments passed to the function in "
               "{{left(1)}}";
        QTest::newRow("empty dest") << ">" << "" << "foo" << "invalid subject";
        QTest::newRow("empty token") << "foo..*" << "$1" << "foo" << "invalid subject";
    }
    void match() {
        QFETCH(QString, source);
        QFETCH(QString, destination);
        QFETCH(QString, subject);
        QFETCH(QString, expected);
        std::string error;
        auto tr = SubjectTransform::create(source.toStdString(), destination.toStdString(), &error);
        const QString got = tr ? QString::fromStdString(tr->match(subject.toStdString()))
                               : QString::fromStdString(error);
        QCOMPARE(got, expected);
    }
};

QTEST_APPLESS_MAIN(TstSubjectTransform)
#include "tst_subject_transform.moc"
