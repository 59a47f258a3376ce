// JetStream through nats.go: stream management, publish dedup and expectations, pull, push, ordered
// consumers and Nak redelivery, with exact sequences, counts and API error codes.
package gointerop

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
)

// publishN publishes n messages "<prefix>-<i>" to subject and checks they got sequences first..first+n-1.
func publishN(t *testing.T, js nats.JetStreamContext, subject string, n int, first uint64) {
	t.Helper()
	for i := 0; i < n; i++ {
		ack, err := js.Publish(subject, []byte(fmt.Sprintf("%s-%d", subject, i)))
		if err != nil {
			t.Fatalf("publish %d to %s: %v", i, subject, err)
		}
		if want := first + uint64(i); ack.Sequence != want {
			t.Fatalf("publish %d to %s: seq %d, want %d", i, subject, ack.Sequence, want)
		}
	}
}

func metadata(t *testing.T, m *nats.Msg) *nats.MsgMetadata {
	t.Helper()
	md, err := m.Metadata()
	if err != nil {
		t.Fatalf("metadata of %q (reply %q): %v", m.Subject, m.Reply, err)
	}
	return md
}

// wantMeta checks a delivered message's stream and consumer sequences, delivery count and pending count.
func wantMeta(t *testing.T, m *nats.Msg, streamSeq, consumerSeq, delivered, pending uint64) {
	t.Helper()
	md := metadata(t, m)
	if md.Sequence.Stream != streamSeq || md.Sequence.Consumer != consumerSeq || md.NumDelivered != delivered ||
		md.NumPending != pending {
		t.Fatalf("message %q: stream seq %d consumer seq %d delivered %d pending %d, want %d %d %d %d",
			m.Subject, md.Sequence.Stream, md.Sequence.Consumer, md.NumDelivered, md.NumPending,
			streamSeq, consumerSeq, delivered, pending)
	}
}

func TestJetStreamStreamManagement(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s)
	js := jetStream(t, nc)

	cfg := &nats.StreamConfig{Name: "ORDERS", Subjects: []string{"orders.*"}, Storage: nats.FileStorage}
	info, err := js.AddStream(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if info.Config.Name != "ORDERS" || info.Config.Storage != nats.FileStorage || info.State.Msgs != 0 ||
		info.Config.Retention != nats.LimitsPolicy || info.Config.MaxMsgs != -1 {
		t.Fatalf("new stream: config %+v state %+v", info.Config, info.State)
	}
	// Adding the same configuration again is idempotent; a different one is refused.
	if _, err := js.AddStream(cfg); err != nil {
		t.Fatalf("re-adding identical stream: %v", err)
	}
	_, err = js.AddStream(&nats.StreamConfig{Name: "ORDERS", Subjects: []string{"other.*"}})
	wantAPIError(t, "add with other config", err, 400, nats.JSErrCodeStreamNameInUse)
	if !errors.Is(err, nats.ErrStreamNameAlreadyInUse) {
		t.Fatalf("add with other config: %v is not ErrStreamNameAlreadyInUse", err)
	}

	publishN(t, js, "orders.new", 3, 1)
	info, err = js.StreamInfo("ORDERS")
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 3 || info.State.FirstSeq != 1 || info.State.LastSeq != 3 || info.State.Bytes == 0 ||
		info.State.Consumers != 0 {
		t.Fatalf("after 3 publishes: state %+v", info.State)
	}

	cfg.Subjects = []string{"orders.*", "returns.*"}
	cfg.MaxMsgs = 10
	info, err = js.UpdateStream(cfg)
	if err != nil {
		t.Fatal(err)
	}
	if len(info.Config.Subjects) != 2 || info.Config.Subjects[1] != "returns.*" || info.Config.MaxMsgs != 10 ||
		info.State.Msgs != 3 {
		t.Fatalf("updated stream: subjects %v max msgs %d msgs %d", info.Config.Subjects, info.Config.MaxMsgs,
			info.State.Msgs)
	}
	ack, err := js.Publish("returns.r1", []byte("r"))
	if err != nil {
		t.Fatal(err)
	}
	if ack.Stream != "ORDERS" || ack.Sequence != 4 || ack.Duplicate {
		t.Fatalf("publish on added subject: %+v", ack)
	}
	// MaxMsgs 10 with the default discard-old policy keeps the last 10 of 12 more.
	publishN(t, js, "orders.bulk", 12, 5)
	info, err = js.StreamInfo("ORDERS")
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 10 || info.State.FirstSeq != 7 || info.State.LastSeq != 16 {
		t.Fatalf("after max msgs: state %+v", info.State)
	}
	_, err = js.UpdateStream(&nats.StreamConfig{Name: "MISSING", Subjects: []string{"missing"}})
	wantAPIError(t, "update missing stream", err, 404, nats.JSErrCodeStreamNotFound)

	if err := js.PurgeStream("ORDERS"); err != nil {
		t.Fatal(err)
	}
	info, err = js.StreamInfo("ORDERS")
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 0 || info.State.Bytes != 0 || info.State.FirstSeq != 17 || info.State.LastSeq != 16 {
		t.Fatalf("after purge: state %+v", info.State)
	}
	publishN(t, js, "orders.after", 1, 17)

	if err := js.DeleteStream("ORDERS"); err != nil {
		t.Fatal(err)
	}
	_, err = js.StreamInfo("ORDERS")
	if !errors.Is(err, nats.ErrStreamNotFound) {
		t.Fatalf("info of deleted stream: %v, want ErrStreamNotFound", err)
	}
	err = js.DeleteStream("ORDERS")
	wantAPIError(t, "delete deleted stream", err, 404, nats.JSErrCodeStreamNotFound)
	// No stream listens any more, so the publish gets no responders.
	if _, err := js.Publish("orders.late", nil); !errors.Is(err, nats.ErrNoStreamResponse) {
		t.Fatalf("publish without stream: %v, want ErrNoStreamResponse", err)
	}
}

func TestJetStreamPublishDedupAndExpectations(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s)
	js := jetStream(t, nc)
	if _, err := js.AddStream(&nats.StreamConfig{Name: "DEDUP", Subjects: []string{"dd.>"},
		Duplicates: time.Minute}); err != nil {
		t.Fatal(err)
	}

	wantAck := func(what string, ack *nats.PubAck, err error, seq uint64, dup bool) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if ack.Stream != "DEDUP" || ack.Sequence != seq || ack.Duplicate != dup {
			t.Fatalf("%s: ack %+v, want seq %d duplicate %v", what, ack, seq, dup)
		}
	}
	ack, err := js.Publish("dd.a", []byte("1"), nats.MsgId("m1"))
	wantAck("first m1", ack, err, 1, false)
	ack, err = js.Publish("dd.a", []byte("1 again"), nats.MsgId("m1"))
	wantAck("second m1", ack, err, 1, true)
	ack, err = js.Publish("dd.b", []byte("2"), nats.MsgId("m2"))
	wantAck("m2", ack, err, 2, false)

	ack, err = js.Publish("dd.a", []byte("3"), nats.ExpectLastSequence(2))
	wantAck("expected last 2", ack, err, 3, false)
	_, err = js.Publish("dd.a", []byte("x"), nats.ExpectLastSequence(2))
	wantAPIError(t, "expected last 2 after 3", err, 400, nats.JSErrCodeStreamWrongLastSequence)
	var apiErr *nats.APIError
	if errors.As(err, &apiErr); apiErr.Description != "wrong last sequence: 3" {
		t.Fatalf("wrong last sequence description %q", apiErr.Description)
	}
	// Per subject: dd.a last got seq 3, dd.b seq 2.
	ack, err = js.Publish("dd.b", []byte("4"), nats.ExpectLastSequencePerSubject(2))
	wantAck("expected last dd.b 2", ack, err, 4, false)
	_, err = js.Publish("dd.a", []byte("x"), nats.ExpectLastSequencePerSubject(2))
	wantAPIError(t, "expected last dd.a 2", err, 400, nats.JSErrCodeStreamWrongLastSequence)
	_, err = js.Publish("dd.a", []byte("x"), nats.ExpectStream("OTHER"))
	wantAPIError(t, "expected stream OTHER", err, 400, 10060)
	ack, err = js.Publish("dd.a", []byte("5"), nats.ExpectStream("DEDUP"), nats.ExpectLastMsgId("m2"))
	if err == nil {
		t.Fatalf("expected last msg id m2 after a publish without id: got ack %+v", ack)
	}
	wantAPIError(t, "expected last msg id", err, 400, 10070)

	info, err := js.StreamInfo("DEDUP")
	if err != nil {
		t.Fatal(err)
	}
	if info.State.Msgs != 4 || info.State.LastSeq != 4 {
		t.Fatalf("after dedup and refused publishes: state %+v", info.State)
	}
}

func TestJetStreamPullConsumer(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s)
	js := jetStream(t, nc)
	if _, err := js.AddStream(&nats.StreamConfig{Name: "PULL", Subjects: []string{"pull.>"}}); err != nil {
		t.Fatal(err)
	}
	publishN(t, js, "pull.job", 5, 1)

	sub, err := js.PullSubscribe("pull.>", "worker", nats.AckExplicit())
	if err != nil {
		t.Fatal(err)
	}
	msgs, err := sub.Fetch(3, nats.MaxWait(waitTimeout))
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 3 {
		t.Fatalf("fetch 3: got %d", len(msgs))
	}
	for i, m := range msgs {
		seq := uint64(i + 1)
		wantMeta(t, m, seq, seq, 1, 5-seq)
		if md := metadata(t, m); md.Stream != "PULL" || md.Consumer != "worker" {
			t.Fatalf("metadata stream %q consumer %q", md.Stream, md.Consumer)
		}
		if want := fmt.Sprintf("pull.job-%d", i); string(m.Data) != want {
			t.Fatalf("message %d data %q, want %q", i, m.Data, want)
		}
	}
	ci, err := js.ConsumerInfo("PULL", "worker")
	if err != nil {
		t.Fatal(err)
	}
	if ci.NumPending != 2 || ci.NumAckPending != 3 || ci.Delivered.Stream != 3 || ci.Delivered.Consumer != 3 ||
		ci.AckFloor.Stream != 0 || ci.Config.AckPolicy != nats.AckExplicitPolicy || ci.Config.Durable != "worker" {
		t.Fatalf("after fetch: pending %d ack pending %d delivered %+v ack floor %+v config %+v",
			ci.NumPending, ci.NumAckPending, ci.Delivered, ci.AckFloor, ci.Config)
	}
	for _, m := range msgs {
		if err := m.Ack(); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, waitTimeout, func() error {
		ci, err := js.ConsumerInfo("PULL", "worker")
		if err != nil {
			return err
		}
		if ci.NumAckPending != 0 || ci.AckFloor.Stream != 3 || ci.AckFloor.Consumer != 3 {
			return fmt.Errorf("after acks: ack pending %d ack floor %+v", ci.NumAckPending, ci.AckFloor)
		}
		return nil
	})

	// A batch of 10 with 2 available: nats.go asks with no_wait and gets the 2 plus a 404 at once.
	start := time.Now()
	msgs, err = sub.Fetch(10, nats.MaxWait(waitTimeout))
	if err != nil {
		t.Fatal(err)
	}
	if len(msgs) != 2 {
		t.Fatalf("fetch 10 with 2 available: got %d", len(msgs))
	}
	if elapsed := time.Since(start); elapsed >= waitTimeout {
		t.Fatalf("fetch 10 with 2 available took %v: the no_wait request was not answered", elapsed)
	}
	wantMeta(t, msgs[0], 4, 4, 1, 1)
	wantMeta(t, msgs[1], 5, 5, 1, 0)
	for _, m := range msgs {
		if err := m.AckSync(nats.AckWait(waitTimeout)); err != nil {
			t.Fatal(err)
		}
	}

	// Nothing left: the request expires and Fetch reports a timeout after its wait.
	const shortWait = 300 * time.Millisecond
	start = time.Now()
	_, err = sub.Fetch(1, nats.MaxWait(shortWait))
	if !errors.Is(err, nats.ErrTimeout) {
		t.Fatalf("fetch on empty consumer: %v, want ErrTimeout", err)
	}
	if elapsed := time.Since(start); elapsed < shortWait-50*time.Millisecond || elapsed > waitTimeout {
		t.Fatalf("fetch on empty consumer returned after %v, want about %v", elapsed, shortWait)
	}

	// A waiting pull request is served by a message published while it waits.
	fetched := make(chan []*nats.Msg, 1)
	fetchErr := make(chan error, 1)
	go func() {
		msgs, err := sub.Fetch(1, nats.MaxWait(waitTimeout))
		if err != nil {
			fetchErr <- err
			return
		}
		fetched <- msgs
	}()
	publishN(t, js, "pull.late", 1, 6)
	select {
	case msgs = <-fetched:
	case err := <-fetchErr:
		t.Fatalf("waiting fetch: %v", err)
	case <-time.After(2 * waitTimeout):
		t.Fatal("waiting fetch did not return")
	}
	if len(msgs) != 1 || msgs[0].Subject != "pull.late" {
		t.Fatalf("waiting fetch got %d messages", len(msgs))
	}
	wantMeta(t, msgs[0], 6, 6, 1, 0)
	if err := msgs[0].AckSync(nats.AckWait(waitTimeout)); err != nil {
		t.Fatal(err)
	}
	ci, err = js.ConsumerInfo("PULL", "worker")
	if err != nil {
		t.Fatal(err)
	}
	if ci.NumPending != 0 || ci.NumAckPending != 0 || ci.AckFloor.Stream != 6 || ci.Delivered.Consumer != 6 {
		t.Fatalf("final: pending %d ack pending %d ack floor %+v delivered %+v", ci.NumPending, ci.NumAckPending,
			ci.AckFloor, ci.Delivered)
	}
}

func TestJetStreamPushDurableManualAck(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s)
	js := jetStream(t, nc)
	if _, err := js.AddStream(&nats.StreamConfig{Name: "PUSH", Subjects: []string{"push.>"}}); err != nil {
		t.Fatal(err)
	}
	publishN(t, js, "push.before", 5, 1)

	received := make(chan *nats.Msg, 64)
	sub, err := js.Subscribe("push.>", func(m *nats.Msg) { received <- m }, nats.Durable("pusher"),
		nats.ManualAck(), nats.AckExplicit(), nats.DeliverAll())
	if err != nil {
		t.Fatal(err)
	}
	for i := uint64(1); i <= 10; i++ {
		// Messages 6..10 are live: each is published once the previous one arrived, so none is pending.
		if i > 5 {
			publishN(t, js, "push.after", 1, i)
		}
		m := receive(t, fmt.Sprintf("push message %d", i), received)
		pending := uint64(0)
		if i <= 5 {
			pending = 5 - i
		}
		wantMeta(t, m, i, i, 1, pending)
		if err := m.Ack(); err != nil {
			t.Fatal(err)
		}
	}
	eventually(t, waitTimeout, func() error {
		ci, err := js.ConsumerInfo("PUSH", "pusher")
		if err != nil {
			return err
		}
		if ci.NumAckPending != 0 || ci.NumPending != 0 || ci.AckFloor.Stream != 10 || ci.Delivered.Consumer != 10 ||
			ci.Config.DeliverSubject == "" || !ci.PushBound {
			return fmt.Errorf("after acks: %+v", ci)
		}
		return nil
	})
	if len(received) != 0 {
		t.Fatalf("%d unexpected extra deliveries", len(received))
	}
	// The subscription created the durable, so unsubscribing deletes it.
	if err := sub.Unsubscribe(); err != nil {
		t.Fatal(err)
	}
	if _, err := js.ConsumerInfo("PUSH", "pusher"); !errors.Is(err, nats.ErrConsumerNotFound) {
		t.Fatalf("consumer info after unsubscribe: %v, want ErrConsumerNotFound", err)
	}
}

func TestJetStreamOrderedConsumer(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s)
	js := jetStream(t, nc)
	if _, err := js.AddStream(&nats.StreamConfig{Name: "ORD", Subjects: []string{"ord.>"}}); err != nil {
		t.Fatal(err)
	}
	publishN(t, js, "ord.a", 20, 1)

	received := make(chan *nats.Msg, 64)
	sub, err := js.Subscribe("ord.>", func(m *nats.Msg) { received <- m }, nats.OrderedConsumer())
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Unsubscribe()
	for i := uint64(1); i <= 20; i++ {
		m := receive(t, fmt.Sprintf("ordered message %d", i), received)
		wantMeta(t, m, i, i, 1, 20-i)
	}
	// Live messages one at a time, so none is pending when it is delivered.
	for i := uint64(21); i <= 25; i++ {
		publishN(t, js, "ord.b", 1, i)
		m := receive(t, fmt.Sprintf("live ordered message %d", i), received)
		wantMeta(t, m, i, i, 1, 0)
		if m.Subject != "ord.b" {
			t.Fatalf("live ordered message %d on %q", i, m.Subject)
		}
	}
	ci, err := sub.ConsumerInfo()
	if err != nil {
		t.Fatal(err)
	}
	// nats.go makes ordered consumers ephemeral, ack none, in-memory, one replica, with flow control.
	if ci.Config.AckPolicy != nats.AckNonePolicy || ci.Config.Durable != "" || !ci.Config.FlowControl ||
		ci.Config.Heartbeat != 5*time.Second || ci.Delivered.Stream != 25 || ci.NumPending != 0 {
		t.Fatalf("ordered consumer info: config %+v delivered %+v pending %d", ci.Config, ci.Delivered, ci.NumPending)
	}
}

func TestJetStreamNakRedelivery(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s)
	js := jetStream(t, nc)
	if _, err := js.AddStream(&nats.StreamConfig{Name: "NAK", Subjects: []string{"nak.>"}}); err != nil {
		t.Fatal(err)
	}
	// One message at a time: the nak is processed asynchronously, so a second stored message could be
	// delivered before the nak'd one comes back.
	publishN(t, js, "nak.job", 1, 1)
	sub, err := js.PullSubscribe("nak.>", "nakker", nats.AckExplicit(), nats.AckWait(30*time.Second))
	if err != nil {
		t.Fatal(err)
	}

	fetchOne := func(what string) *nats.Msg {
		t.Helper()
		msgs, err := sub.Fetch(1, nats.MaxWait(waitTimeout))
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if len(msgs) != 1 {
			t.Fatalf("%s: %d messages", what, len(msgs))
		}
		return msgs[0]
	}
	m := fetchOne("first fetch")
	wantMeta(t, m, 1, 1, 1, 0)
	if err := m.Nak(); err != nil {
		t.Fatal(err)
	}
	// The nak'd message comes back as delivery 2 with a new consumer sequence.
	m = fetchOne("fetch after nak")
	wantMeta(t, m, 1, 2, 2, 0)
	if string(m.Data) != "nak.job-0" {
		t.Fatalf("redelivered data %q", m.Data)
	}
	if err := m.AckSync(nats.AckWait(waitTimeout)); err != nil {
		t.Fatalf("ack sync: %v", err)
	}
	if err := m.AckSync(nats.AckWait(waitTimeout)); !errors.Is(err, nats.ErrMsgAlreadyAckd) {
		t.Fatalf("second ack: %v, want ErrMsgAlreadyAckd", err)
	}
	publishN(t, js, "nak.job", 1, 2)
	m = fetchOne("fetch of second message")
	wantMeta(t, m, 2, 3, 1, 0)
	if err := m.AckSync(nats.AckWait(waitTimeout)); err != nil {
		t.Fatal(err)
	}
	ci, err := js.ConsumerInfo("NAK", "nakker")
	if err != nil {
		t.Fatal(err)
	}
	if ci.NumAckPending != 0 || ci.NumRedelivered != 0 || ci.NumPending != 0 || ci.AckFloor.Stream != 2 ||
		ci.AckFloor.Consumer != 3 || ci.Delivered.Consumer != 3 || ci.Delivered.Stream != 2 {
		t.Fatalf("after nak and acks: ack pending %d redelivered %d pending %d ack floor %+v delivered %+v",
			ci.NumAckPending, ci.NumRedelivered, ci.NumPending, ci.AckFloor, ci.Delivered)
	}
}
