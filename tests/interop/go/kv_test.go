// Key-value store through nats.go: revisions, optimistic updates, delete and purge markers, keys,
// history and watchers.
package gointerop

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/nats-io/nats.go"
)

// wantEntry checks a KV entry's key, value, revision and operation.
func wantEntry(t *testing.T, what string, e nats.KeyValueEntry, key, value string, rev uint64, op nats.KeyValueOp) {
	t.Helper()
	if e == nil {
		t.Fatalf("%s: nil entry, want %s=%q rev %d %v", what, key, value, rev, op)
	}
	if e.Key() != key || string(e.Value()) != value || e.Revision() != rev || e.Operation() != op {
		t.Fatalf("%s: %s=%q rev %d %v, want %s=%q rev %d %v", what, e.Key(), e.Value(), e.Revision(),
			e.Operation(), key, value, rev, op)
	}
}

func TestKeyValue(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s)
	js := jetStream(t, nc)

	kv, err := js.CreateKeyValue(&nats.KeyValueConfig{Bucket: "CFG", History: 5})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := js.KeyValue("MISSING"); !errors.Is(err, nats.ErrBucketNotFound) {
		t.Fatalf("bind to missing bucket: %v, want ErrBucketNotFound", err)
	}
	put := func(key, value string, want uint64) {
		t.Helper()
		rev, err := kv.PutString(key, value)
		if err != nil || rev != want {
			t.Fatalf("put %s=%s: rev %d err %v, want rev %d", key, value, rev, err, want)
		}
	}
	put("app.name", "one", 1)
	put("app.port", "4222", 2)

	rev, err := kv.Update("app.name", []byte("two"), 1)
	if err != nil || rev != 3 {
		t.Fatalf("update at rev 1: rev %d err %v, want 3", rev, err)
	}
	_, err = kv.Update("app.name", []byte("stale"), 1)
	wantAPIError(t, "update at stale rev 1", err, 400, nats.JSErrCodeStreamWrongLastSequence)
	if _, err := kv.Create("app.name", []byte("again")); !errors.Is(err, nats.ErrKeyExists) {
		t.Fatalf("create existing key: %v, want ErrKeyExists", err)
	}
	rev, err = kv.Create("app.mode", []byte("dev"))
	if err != nil || rev != 4 {
		t.Fatalf("create new key: rev %d err %v, want 4", rev, err)
	}

	e, err := kv.Get("app.name")
	if err != nil {
		t.Fatal(err)
	}
	wantEntry(t, "get app.name", e, "app.name", "two", 3, nats.KeyValuePut)
	if e.Bucket() != "CFG" {
		t.Fatalf("entry bucket %q", e.Bucket())
	}
	e, err = kv.GetRevision("app.name", 1)
	if err != nil {
		t.Fatal(err)
	}
	wantEntry(t, "get app.name rev 1", e, "app.name", "one", 1, nats.KeyValuePut)
	if _, err := kv.Get("app.none"); !errors.Is(err, nats.ErrKeyNotFound) {
		t.Fatalf("get missing key: %v, want ErrKeyNotFound", err)
	}

	if err := kv.Delete("app.port"); err != nil {
		t.Fatal(err)
	}
	if _, err := kv.Get("app.port"); !errors.Is(err, nats.ErrKeyNotFound) {
		t.Fatalf("get deleted key: %v, want ErrKeyNotFound", err)
	}
	hist, err := kv.History("app.port")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 2 {
		t.Fatalf("history of deleted key: %d entries, want 2", len(hist))
	}
	wantEntry(t, "port history 0", hist[0], "app.port", "4222", 2, nats.KeyValuePut)
	wantEntry(t, "port history 1", hist[1], "app.port", "", 5, nats.KeyValueDelete)

	put("app.name", "three", 6)
	hist, err = kv.History("app.name")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 3 {
		t.Fatalf("history of app.name: %d entries, want 3", len(hist))
	}
	wantEntry(t, "name history 0", hist[0], "app.name", "one", 1, nats.KeyValuePut)
	wantEntry(t, "name history 1", hist[1], "app.name", "two", 3, nats.KeyValuePut)
	wantEntry(t, "name history 2", hist[2], "app.name", "three", 6, nats.KeyValuePut)

	// Purge leaves one purge marker in place of the whole history.
	if err := kv.Purge("app.name"); err != nil {
		t.Fatal(err)
	}
	hist, err = kv.History("app.name")
	if err != nil {
		t.Fatal(err)
	}
	if len(hist) != 1 {
		t.Fatalf("history after purge: %d entries, want 1", len(hist))
	}
	wantEntry(t, "purge marker", hist[0], "app.name", "", 7, nats.KeyValuePurge)
	if _, err := kv.Get("app.name"); !errors.Is(err, nats.ErrKeyNotFound) {
		t.Fatalf("get purged key: %v, want ErrKeyNotFound", err)
	}

	keys, err := kv.Keys()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(keys, ",") != "app.mode" {
		t.Fatalf("keys %v, want [app.mode]", keys)
	}
	status, err := kv.Status()
	if err != nil {
		t.Fatal(err)
	}
	// Values counts messages: app.name's purge marker, app.port's put and delete marker, app.mode.
	if status.Bucket() != "CFG" || status.History() != 5 || status.Values() != 4 {
		t.Fatalf("status: bucket %q history %d values %d", status.Bucket(), status.History(), status.Values())
	}
}

func TestKeyValueWatch(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s)
	js := jetStream(t, nc)
	kv, err := js.CreateKeyValue(&nats.KeyValueConfig{Bucket: "WATCHED"})
	if err != nil {
		t.Fatal(err)
	}
	for i, key := range []string{"k.a", "k.b", "k.c"} {
		if _, err := kv.PutString(key, fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := kv.PutString("k.a", "latest"); err != nil {
		t.Fatal(err)
	}

	w, err := kv.Watch("k.*")
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	// Initial values: the latest of each key, ordered by revision, then a nil marker.
	var initial []string
	for {
		e := receive(t, "initial watch value", w.Updates())
		if e == nil {
			break
		}
		initial = append(initial, fmt.Sprintf("%s=%s@%d", e.Key(), e.Value(), e.Revision()))
		if len(initial) > 3 {
			t.Fatalf("more than 3 initial values: %v", initial)
		}
	}
	if got := strings.Join(initial, " "); got != "k.b=1@2 k.c=2@3 k.a=latest@4" {
		t.Fatalf("initial values %q", got)
	}

	// Live updates: a put, a delete marker, and a put on a key outside the filter that is not seen.
	if _, err := kv.PutString("other", "x"); err != nil {
		t.Fatal(err)
	}
	if _, err := kv.PutString("k.d", "new"); err != nil {
		t.Fatal(err)
	}
	if err := kv.Delete("k.b"); err != nil {
		t.Fatal(err)
	}
	wantEntry(t, "live put", receive(t, "live put", w.Updates()), "k.d", "new", 6, nats.KeyValuePut)
	wantEntry(t, "live delete", receive(t, "live delete", w.Updates()), "k.b", "", 7, nats.KeyValueDelete)

	keys, err := kv.Keys()
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(keys)
	if strings.Join(keys, ",") != "k.a,k.c,k.d,other" {
		t.Fatalf("keys %v", keys)
	}
	// A watcher on an empty range delivers only the nil marker.
	empty, err := kv.Watch("none.*")
	if err != nil {
		t.Fatal(err)
	}
	defer empty.Stop()
	if e := receive(t, "empty watch marker", empty.Updates()); e != nil {
		t.Fatalf("empty watch: first update %s, want nil", e.Key())
	}
}
