// Core NATS through nats.go: publish/subscribe with headers, request/reply, no responders, queue groups.
package gointerop

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
)

func TestCorePubSub(t *testing.T) {
	s := startServer(t)
	sub := connect(t, s)
	pub := connect(t, s)

	ss, err := sub.SubscribeSync("core.>")
	if err != nil {
		t.Fatal(err)
	}
	if err := sub.Flush(); err != nil {
		t.Fatal(err)
	}
	m := nats.NewMsg("core.a.b")
	m.Header.Set("X-Test", "one")
	m.Data = []byte("hello")
	if err := pub.PublishMsg(m); err != nil {
		t.Fatal(err)
	}
	if err := pub.Publish("other.subject", []byte("ignored")); err != nil {
		t.Fatal(err)
	}
	if err := pub.Publish("core.c", []byte("world")); err != nil {
		t.Fatal(err)
	}
	got, err := ss.NextMsg(waitTimeout)
	if err != nil {
		t.Fatal(err)
	}
	if got.Subject != "core.a.b" || string(got.Data) != "hello" || got.Header.Get("X-Test") != "one" {
		t.Fatalf("first message: subject %q data %q header %v", got.Subject, got.Data, got.Header)
	}
	got, err = ss.NextMsg(waitTimeout)
	if err != nil {
		t.Fatal(err)
	}
	if got.Subject != "core.c" || string(got.Data) != "world" || len(got.Header) != 0 {
		t.Fatalf("second message: subject %q data %q header %v", got.Subject, got.Data, got.Header)
	}
	// A round trip on the publisher orders its publishes before the check that nothing else arrived.
	if err := pub.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := sub.Flush(); err != nil {
		t.Fatal(err)
	}
	if n, _, _ := ss.Pending(); n != 0 {
		t.Fatalf("pending after two messages: %d, want 0", n)
	}
}

func TestCoreRequestReply(t *testing.T) {
	s := startServer(t)
	responder := connect(t, s)
	requester := connect(t, s)

	_, err := responder.Subscribe("svc.echo", func(m *nats.Msg) {
		_ = m.Respond([]byte("echo:" + string(m.Data)))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := responder.Flush(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 3; i++ {
		reply, err := requester.Request("svc.echo", []byte(fmt.Sprint(i)), waitTimeout)
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		if want := fmt.Sprintf("echo:%d", i); string(reply.Data) != want {
			t.Fatalf("request %d: reply %q, want %q", i, reply.Data, want)
		}
	}
	// Both servers support headers, so a request nobody listens to fails at once with no responders.
	start := time.Now()
	_, err = requester.Request("svc.nobody", nil, waitTimeout)
	if !errors.Is(err, nats.ErrNoResponders) {
		t.Fatalf("request without responders: %v, want %v", err, nats.ErrNoResponders)
	}
	if elapsed := time.Since(start); elapsed >= waitTimeout {
		t.Fatalf("no-responders took %v (the timeout), want an immediate 503 status", elapsed)
	}
}

func TestCoreQueueGroup(t *testing.T) {
	s := startServer(t)
	nc1 := connect(t, s)
	nc2 := connect(t, s)
	pub := connect(t, s)

	const total = 200
	received := make(chan string, 2*total)
	for i, nc := range []*nats.Conn{nc1, nc2} {
		name := fmt.Sprintf("worker%d", i+1)
		deliver := func(m *nats.Msg) { received <- name + ":" + string(m.Data) }
		if _, err := nc.QueueSubscribe("jobs", "workers", deliver); err != nil {
			t.Fatal(err)
		}
		if err := nc.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	// A plain subscriber on the same subject sees every message regardless of the group.
	plain, err := nc1.SubscribeSync("jobs")
	if err != nil {
		t.Fatal(err)
	}
	if err := nc1.Flush(); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < total; i++ {
		if err := pub.Publish("jobs", []byte(fmt.Sprint(i))); err != nil {
			t.Fatal(err)
		}
	}
	if err := pub.Flush(); err != nil {
		t.Fatal(err)
	}
	perWorker := map[string]int{}
	seen := map[string]bool{}
	for i := 0; i < total; i++ {
		v := receive(t, fmt.Sprintf("queue message %d", i), received)
		var worker, data string
		if _, err := fmt.Sscanf(v, "%7s:%s", &worker, &data); err != nil {
			t.Fatalf("parse %q: %v", v, err)
		}
		if seen[data] {
			t.Fatalf("message %s delivered twice to the queue group", data)
		}
		seen[data] = true
		perWorker[worker]++
	}
	if len(seen) != total {
		t.Fatalf("queue group received %d distinct messages, want %d", len(seen), total)
	}
	// Random choice over 200 messages: both members get some (the chance of one getting none is 2^-199).
	if perWorker["worker1"] == 0 || perWorker["worker2"] == 0 {
		t.Fatalf("queue distribution %v: a member got nothing", perWorker)
	}
	for i := 0; i < total; i++ {
		if _, err := plain.NextMsg(waitTimeout); err != nil {
			t.Fatalf("plain subscriber message %d: %v", i, err)
		}
	}
	// Every queue delivery was counted above; flush both members so a late duplicate would be in the channel.
	for _, nc := range []*nats.Conn{nc1, nc2} {
		if err := nc.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	if len(received) != 0 {
		t.Fatalf("%d extra queue deliveries", len(received))
	}
}
