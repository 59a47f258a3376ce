// A cross-check for nwb-bench: 1:1 pub/sub throughput and closed-loop request latency measured
// with nats.go instead of libnats. Run by tools/crosscheck/run.sh; asserts nothing but delivery.
package main

import (
	"flag"
	"fmt"
	"os"
	"sort"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
)

func must(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func pubsub(url string, n int) {
	sc, err := nats.Connect(url)
	must(err)
	defer sc.Close()
	pc, err := nats.Connect(url)
	must(err)
	defer pc.Close()
	var got int64
	done := make(chan struct{})
	var last time.Time
	sub, err := sc.Subscribe("gb.1", func(m *nats.Msg) {
		if atomic.AddInt64(&got, 1) == int64(n) {
			last = time.Now()
			close(done)
		}
	})
	must(err)
	must(sub.SetPendingLimits(-1, -1))
	must(sc.Flush())
	payload := make([]byte, 16)
	start := time.Now()
	for i := 0; i < n; i++ {
		must(pc.Publish("gb.1", payload))
		if i%200000 == 199999 {
			// keep the subscriber within reach, as nwb-bench's window does
			for atomic.LoadInt64(&got) < int64(i-400000) {
				time.Sleep(50 * time.Microsecond)
			}
		}
	}
	must(pc.Flush())
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		fmt.Println("lost messages:", n-int(atomic.LoadInt64(&got)))
		os.Exit(1)
	}
	must(pc.Flush())
	must(sc.Flush()) // anything duplicated has arrived by now
	if extra := atomic.LoadInt64(&got) - int64(n); extra != 0 {
		fmt.Println("duplicated messages:", extra)
		os.Exit(1)
	}
	fmt.Printf("pubsub msgs/s %.0f\n", float64(n)/last.Sub(start).Seconds())
}

func req(url string, n int) {
	rc, err := nats.Connect(url)
	must(err)
	defer rc.Close()
	qc, err := nats.Connect(url)
	must(err)
	defer qc.Close()
	_, err = rc.Subscribe("gb.req", func(m *nats.Msg) { m.Respond(m.Data) })
	must(err)
	must(rc.Flush())
	payload := make([]byte, 16)
	_, err = qc.Request("gb.req", payload, 5*time.Second)
	must(err)
	lat := make([]time.Duration, 0, n)
	for i := 0; i < n; i++ {
		t := time.Now()
		_, err := qc.Request("gb.req", payload, 5*time.Second)
		must(err)
		lat = append(lat, time.Since(t))
	}
	sort.Slice(lat, func(a, b int) bool { return lat[a] < lat[b] })
	q := func(p float64) float64 { return float64(lat[int(p*float64(n-1))].Nanoseconds()) / 1000 }
	fmt.Printf("req p50 %.1f p99 %.1f\n", q(0.50), q(0.99))
}

func main() {
	url := flag.String("url", nats.DefaultURL, "server")
	mode := flag.String("mode", "pubsub", "pubsub or req")
	n := flag.Int("n", 2000000, "messages or requests")
	flag.Parse()
	if *mode == "pubsub" {
		pubsub(*url, *n)
	} else {
		req(*url, *n)
	}
}
