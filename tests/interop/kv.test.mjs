// Key-value buckets through nats.js v3 (@nats-io/kv) against the server in NWB_TEST_SERVER run with -js:
// revisions, optimistic concurrency, delete and purge markers, history, keys, watch and status.
import assert from "node:assert/strict";
import { test } from "node:test";

import { JetStreamApiError, jetstreamManager } from "@nats-io/jetstream";
import { Kvm, KvWatchInclude } from "@nats-io/kv";

import { Collector, startServer, withTimeout } from "./harness.mjs";

const kTestTimeoutMs = 30_000;

async function startKv(t, bucket, opts) {
    const server = await startServer(t, { jetstream: true });
    const nc = await server.connect();
    const kvm = new Kvm(nc);
    const kv = await withTimeout(kvm.create(bucket, opts), `create bucket ${bucket}`);
    return { nc, kvm, kv };
}

async function drain(iterable, what) {
    const out = [];
    await withTimeout((async () => {
        for await (const v of await iterable) out.push(v);
    })(), what);
    return out;
}

/// The parts of an entry that a test can predict.
function brief(e) {
    return { key: e.key, revision: e.revision, operation: e.operation, value: e.string() };
}

async function assertWrongLastSequence(promise, last, what) {
    await assert.rejects(withTimeout(promise, what), (err) => {
        assert.ok(err instanceof JetStreamApiError, `${what}: JetStreamApiError, got ${err}`);
        const api = err.apiError();
        assert.deepEqual([api.code, api.err_code, api.description],
            [400, 10071, `wrong last sequence: ${last}`], what);
        return true;
    });
}

test("kv: bucket stream and status", { timeout: kTestTimeoutMs }, async (t) => {
    const { nc, kv } = await startKv(t, "settings", { history: 5 });

    const jsm = await jetstreamManager(nc);
    const si = await jsm.streams.info("KV_settings");
    assert.deepEqual(si.config.subjects, ["$KV.settings.>"]);
    assert.equal(si.config.max_msgs_per_subject, 5);
    assert.equal(si.config.allow_rollup_hdrs, true);
    assert.equal(si.config.deny_delete, false);
    assert.equal(si.config.deny_purge, false);
    assert.equal(si.config.allow_direct, true);
    assert.equal(si.config.discard, "new");
    assert.equal(si.config.max_msgs, -1);
    assert.equal(si.config.max_bytes, -1);
    assert.equal(si.config.max_msg_size, -1);
    assert.equal(si.config.num_replicas, 1);
    assert.equal(si.config.duplicate_window, 120_000_000_000);

    await kv.put("a", "1");
    await kv.put("b", "2");
    await kv.put("a", "3");
    const status = await kv.status();
    assert.equal(status.bucket, "settings");
    assert.equal(status.values, 3);
    assert.equal(status.history, 5);
    assert.equal(status.ttl, 0);
    assert.equal(status.storage, "file");
    assert.equal(status.replicas, 1);
    assert.equal(status.streamInfo.config.name, "KV_settings");
    // Three records of the same size (the size of one differs between the servers: docs/compat.md).
    const one_record = status.size / 3;
    assert.ok(Number.isInteger(one_record) && one_record >= "$KV.settings.a".length + 1, `record ${one_record}`);

    // Opening the bucket again binds to the same stream.
    const kvm2 = new Kvm(nc);
    const again = await kvm2.open("settings");
    assert.equal((await again.get("a")).string(), "3");
    const names = [];
    for await (const s of kvm2.list()) names.push(s.bucket);
    assert.deepEqual(names, ["settings"]);
});

test("kv: put, get, update and create with revisions", { timeout: kTestTimeoutMs }, async (t) => {
    const { kv } = await startKv(t, "rev", { history: 5 });

    assert.equal(await kv.put("k1", "v1"), 1);
    assert.equal(await kv.put("k2", "w1"), 2);
    assert.equal(await kv.put("k1", "v2"), 3);

    let e = await kv.get("k1");
    assert.deepEqual(brief(e), { key: "k1", revision: 3, operation: "PUT", value: "v2" });
    assert.equal(e.bucket, "rev");
    assert.equal(e.length, 2);
    assert.ok(e.created instanceof Date && !Number.isNaN(e.created.getTime()));
    assert.deepEqual(brief(await kv.get("k1", { revision: 1 })),
        { key: "k1", revision: 1, operation: "PUT", value: "v1" });
    assert.equal(await kv.get("nope"), null);
    assert.equal(await kv.get("k1", { revision: 2 }), null, "revision 2 is another key");

    // update: only from the current revision of the key.
    assert.equal(await kv.update("k1", "v3", 3), 4);
    await assertWrongLastSequence(kv.update("k1", "stale", 3), 4, "update from a stale revision");
    await assertWrongLastSequence(kv.update("k2", "stale", 4), 2, "update with another key's revision");
    await assertWrongLastSequence(kv.update("k9", "new", 1), 0, "update of a missing key");

    // create: only when the key has no value.
    await assertWrongLastSequence(kv.create("k1", "again"), 4, "create over an existing key");
    assert.equal(await kv.create("k3", "x1"), 5);

    // put with previousSeq is update by another name.
    assert.equal(await kv.put("k3", "x2", { previousSeq: 5 }), 6);
    await assertWrongLastSequence(kv.put("k3", "x3", { previousSeq: 5 }), 6, "put with a stale previousSeq");

    e = await kv.get("k3");
    assert.deepEqual(brief(e), { key: "k3", revision: 6, operation: "PUT", value: "x2" });
    assert.equal((await kv.status()).values, 6);
});

test("kv: delete, purge, keys and history", { timeout: kTestTimeoutMs }, async (t) => {
    const { kv } = await startKv(t, "hist", { history: 5 });

    for (let i = 1; i <= 7; i++) await kv.put("counter", `${i}`); // revisions 1..7
    await kv.put("other", "o1"); // 8
    await kv.put("gone", "g1"); // 9

    // history keeps the newest 5 of "counter".
    let h = await drain(kv.history({ key: "counter" }), "history of counter");
    assert.deepEqual(h.map(brief), [3, 4, 5, 6, 7].map((r) => ({ key: "counter", revision: r, operation: "PUT", value: `${r}` })));

    await kv.delete("counter"); // 10
    let e = await kv.get("counter");
    assert.deepEqual([e.revision, e.operation, e.length], [10, "DEL", 0]);
    h = await drain(kv.history({ key: "counter" }), "history after delete");
    assert.deepEqual(h.map((x) => [x.revision, x.operation]),
        [[4, "PUT"], [5, "PUT"], [6, "PUT"], [7, "PUT"], [10, "DEL"]]);

    // create over a delete marker succeeds.
    assert.equal(await kv.create("counter", "fresh"), 11);
    assert.deepEqual(brief(await kv.get("counter")), { key: "counter", revision: 11, operation: "PUT", value: "fresh" });

    // purge leaves only its marker.
    await kv.purge("gone"); // 12
    e = await kv.get("gone");
    assert.deepEqual([e.revision, e.operation], [12, "PURGE"]);
    h = await drain(kv.history({ key: "gone" }), "history after purge");
    assert.deepEqual(h.map((x) => [x.revision, x.operation]), [[12, "PURGE"]]);

    const keys = (await drain(kv.keys(), "keys")).sort();
    assert.deepEqual(keys, ["counter", "other"]);
    assert.deepEqual(await drain(kv.keys("other"), "keys with a filter"), ["other"]);
    assert.deepEqual(await drain(kv.keys("gone"), "keys of a purged key"), []);

    // All of the bucket's history, in stream order.
    h = await drain(kv.history(), "history of the bucket");
    assert.deepEqual(h.map((x) => [x.key, x.revision, x.operation]), [
        ["counter", 5, "PUT"], ["counter", 6, "PUT"], ["counter", 7, "PUT"], ["other", 8, "PUT"],
        ["counter", 10, "DEL"], ["counter", 11, "PUT"], ["gone", 12, "PURGE"],
    ]);

    const status = await kv.status();
    assert.equal(status.values, 7);
});

test("kv: watch sees initial values, then puts and deletes in order", { timeout: kTestTimeoutMs }, async (t) => {
    const { kv } = await startKv(t, "watch", { history: 5 });
    await kv.put("a", "a1"); // 1
    await kv.put("b", "b1"); // 2
    await kv.put("a", "a2"); // 3
    await kv.delete("b"); // 4
    await kv.put("c", "c1"); // 5

    const watcher = new Collector(await kv.watch());
    const initial = await watcher.waitFor(3, "initial values");
    // The last value of each key, deletes included, in stream order.
    assert.deepEqual(initial.map((e) => [e.key, e.revision, e.operation, e.isUpdate]), [
        ["a", 3, "PUT", false], ["b", 4, "DEL", false], ["c", 5, "PUT", true],
    ]);

    await kv.put("b", "b2"); // 6
    await kv.delete("a"); // 7
    await kv.purge("c"); // 8
    await kv.put("d", "d1"); // 9
    const all = await watcher.waitFor(7, "4 live updates");
    assert.deepEqual(all.slice(3).map((e) => ({ ...brief(e), isUpdate: e.isUpdate })), [
        { key: "b", revision: 6, operation: "PUT", value: "b2", isUpdate: true },
        { key: "a", revision: 7, operation: "DEL", value: "", isUpdate: true },
        { key: "c", revision: 8, operation: "PURGE", value: "", isUpdate: true },
        { key: "d", revision: 9, operation: "PUT", value: "d1", isUpdate: true },
    ]);
});

test("kv: watch a key with full history, and updates only", { timeout: kTestTimeoutMs }, async (t) => {
    const { kv } = await startKv(t, "watch2", { history: 5 });
    await kv.put("x.1", "p"); // 1
    await kv.put("y", "q"); // 2
    await kv.put("x.1", "r"); // 3
    await kv.put("x.2", "s"); // 4

    const history = await kv.watch({ key: "x.*", include: KvWatchInclude.AllHistory });
    const updates = await kv.watch({ key: "x.*", include: KvWatchInclude.UpdatesOnly });
    const hist = [];
    const upd = [];
    const histDone = (async () => {
        for await (const e of history) {
            hist.push([e.key, e.revision, e.string()]);
            if (hist.length === 4) break;
        }
    })();
    const updDone = (async () => {
        for await (const e of updates) {
            upd.push([e.key, e.revision, e.string()]);
            if (upd.length === 1) break;
        }
    })();
    // The history watcher has read its 3 existing entries once it sees the 4th, which is new.
    await kv.put("y", "ignored"); // 5
    await kv.put("x.2", "t"); // 6
    await withTimeout(Promise.all([histDone, updDone]), "watchers");
    assert.deepEqual(hist, [["x.1", 1, "p"], ["x.1", 3, "r"], ["x.2", 4, "s"], ["x.2", 6, "t"]]);
    assert.deepEqual(upd, [["x.2", 6, "t"]]);
});

test("kv: destroy the bucket", { timeout: kTestTimeoutMs }, async (t) => {
    const { nc, kv } = await startKv(t, "tmp", { history: 1 });
    assert.equal(await kv.put("k", "v"), 1);
    assert.equal(await kv.put("k", "w"), 2);
    assert.equal((await kv.status()).values, 1, "history 1 keeps one value per key");
    assert.equal(await kv.destroy(), true);
    const jsm = await jetstreamManager(nc);
    const names = [];
    for await (const n of jsm.streams.names()) names.push(n);
    assert.deepEqual(names, []);
});
