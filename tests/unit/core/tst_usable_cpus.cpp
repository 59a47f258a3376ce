// usableCpus() follows the affinity mask, as Go's runtime.NumCPU() does for nats-server.
#include "engine/base/usable_cpus.h"

#include <QtTest/QtTest>

#include <sched.h>

class TestUsableCpus : public QObject {
    Q_OBJECT

private slots:
    void countsTheAffinityMask();
    void followsANarrowerMask();
};

void TestUsableCpus::countsTheAffinityMask() {
    cpu_set_t mask;
    CPU_ZERO(&mask);
    QCOMPARE(::sched_getaffinity(0, sizeof mask, &mask), 0);
    QCOMPARE(nwb::base::usableCpus(), CPU_COUNT(&mask));
}

void TestUsableCpus::followsANarrowerMask() {
    cpu_set_t original;
    CPU_ZERO(&original);
    QCOMPARE(::sched_getaffinity(0, sizeof original, &original), 0);
    int first = 0;
    while (!CPU_ISSET(first, &original)) ++first;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(first, &one);
    QCOMPARE(::sched_setaffinity(0, sizeof one, &one), 0);
    const int pinned = nwb::base::usableCpus();
    QCOMPARE(::sched_setaffinity(0, sizeof original, &original), 0);
    QCOMPARE(pinned, 1);
}

QTEST_GUILESS_MAIN(TestUsableCpus)
#include "tst_usable_cpus.moc"
