// Object store through nats.go: a chunked 3 MB object round trip with its digest, info, list and delete.
package gointerop

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"math/rand"
	"sort"
	"strings"
	"testing"

	"github.com/nats-io/nats.go"
)

func TestObjectStore(t *testing.T) {
	s := startServer(t)
	nc := connect(t, s)
	js := jetStream(t, nc)

	obs, err := js.CreateObjectStore(&nats.ObjectStoreConfig{Bucket: "BLOBS", Description: "interop"})
	if err != nil {
		t.Fatal(err)
	}
	const size = 3 * 1024 * 1024
	const chunk = 128 * 1024 // nats.go's default chunk size
	blob := make([]byte, size)
	rand.New(rand.NewSource(42)).Read(blob)
	sum := sha256.Sum256(blob)
	digest := "SHA-256=" + base64.URLEncoding.EncodeToString(sum[:])

	info, err := obs.Put(&nats.ObjectMeta{Name: "data/blob.bin", Description: "3 MB"}, bytes.NewReader(blob))
	if err != nil {
		t.Fatal(err)
	}
	wantInfo := func(what string, info *nats.ObjectInfo) {
		t.Helper()
		if info.Name != "data/blob.bin" || info.Bucket != "BLOBS" || info.Size != size || info.Chunks != size/chunk ||
			info.Digest != digest || info.Deleted || info.Description != "3 MB" || info.NUID == "" {
			t.Fatalf("%s: %+v, want size %d chunks %d digest %s", what, info, size, size/chunk, digest)
		}
	}
	wantInfo("put", info)
	got, err := obs.GetBytes("data/blob.bin")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, blob) {
		t.Fatalf("get: %d bytes differ from the %d put", len(got), len(blob))
	}
	info, err = obs.GetInfo("data/blob.bin")
	if err != nil {
		t.Fatal(err)
	}
	wantInfo("get info", info)

	if _, err := obs.PutString("small.txt", "tiny"); err != nil {
		t.Fatal(err)
	}
	if text, err := obs.GetString("small.txt"); err != nil || text != "tiny" {
		t.Fatalf("small object: %q %v", text, err)
	}
	list, err := obs.List()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, o := range list {
		names = append(names, o.Name)
	}
	sort.Strings(names)
	if strings.Join(names, ",") != "data/blob.bin,small.txt" {
		t.Fatalf("list: %v", names)
	}
	status, err := obs.Status()
	if err != nil {
		t.Fatal(err)
	}
	if status.Bucket() != "BLOBS" || status.Description() != "interop" || status.Size() < size {
		t.Fatalf("status: bucket %q description %q size %d", status.Bucket(), status.Description(), status.Size())
	}

	if err := obs.Delete("data/blob.bin"); err != nil {
		t.Fatal(err)
	}
	if _, err := obs.GetInfo("data/blob.bin"); !errors.Is(err, nats.ErrObjectNotFound) {
		t.Fatalf("info of deleted object: %v, want ErrObjectNotFound", err)
	}
	if _, err := obs.Get("data/blob.bin"); !errors.Is(err, nats.ErrObjectNotFound) {
		t.Fatalf("get of deleted object: %v, want ErrObjectNotFound", err)
	}
	deleted, err := obs.GetInfo("data/blob.bin", nats.GetObjectInfoShowDeleted())
	if err != nil {
		t.Fatal(err)
	}
	if !deleted.Deleted || deleted.Size != 0 || deleted.Chunks != 0 || deleted.Digest != "" {
		t.Fatalf("deleted object's info: %+v", deleted)
	}
	list, err = obs.List()
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 1 || list[0].Name != "small.txt" {
		t.Fatalf("list after delete: %d objects", len(list))
	}
	// Delete purged the chunks: the backing stream holds only the two meta messages and small.txt's chunk.
	si, err := js.StreamInfo("OBJ_BLOBS")
	if err != nil {
		t.Fatal(err)
	}
	if si.State.Msgs != 3 {
		t.Fatalf("backing stream after delete: %d messages, want 3", si.State.Msgs)
	}
}
