// JetStream as nats.js v3 (@nats-io/jetstream) sees it: stream management, publish expectations,
// pull, push and ordered consumers, against the server in NWB_TEST_SERVER run with -js.
import assert from "node:assert/strict";
import { test } from "node:test";

import { AckPolicy } from "@nats-io/jetstream";
import { createInbox, headers } from "@nats-io/transport-node";

import { Collector, withTimeout } from "./harness.mjs";
import { assertApiError, startJetStream as startJs } from "./js_harness.mjs";

const kTestTimeoutMs = 30_000;
const enc = new TextEncoder();
const dec = new TextDecoder();

/// Asserts that `promise` rejects with a JetStream API error of HTTP-like `status`, `err_code`
/// and `description`.
async function collect(iterable, n, what) {
    const out = [];
    await withTimeout((async () => {
        for await (const v of iterable) {
            out.push(v);
            if (out.length === n) break;
        }
    })(), what);
    return out;
}

/// A purge reply without its `type`.
function purged(r) {
    return { success: r.success, purged: r.purged };
}

/// Sends an ack body ("-NAK", "+TERM", ...) as a request: the server answers once it has applied it.
async function ackSync(nc, msg, body) {
    const reply = await withTimeout(nc.request(msg.reply, enc.encode(body)), `${body} reply`);
    assert.equal(reply.data.length, 0, `${body}: empty reply`);
}

async function publishAll(js, subjects) {
    const acks = [];
    for (const [i, subject] of subjects.entries()) {
        acks.push(await withTimeout(js.publish(subject, enc.encode(`m${i + 1}`)), `publish ${i + 1}`));
    }
    return acks;
}

test("streams: add, info, update, list, names, delete", { timeout: kTestTimeoutMs }, async (t) => {
    const { jsm, js } = await startJs(t);

    const created = await jsm.streams.add({ name: "ORDERS", subjects: ["orders.*"] });
    assert.equal(created.config.name, "ORDERS");
    assert.deepEqual(created.config.subjects, ["orders.*"]);
    assert.equal(created.config.retention, "limits");
    assert.equal(created.config.storage, "file");
    assert.equal(created.config.discard, "old");
    assert.equal(created.config.max_msgs, -1);
    assert.equal(created.config.max_bytes, -1);
    assert.equal(created.config.max_age, 0);
    assert.equal(created.config.max_msgs_per_subject, -1);
    assert.equal(created.config.max_msg_size, -1);
    assert.equal(created.config.max_consumers, -1);
    assert.equal(created.config.num_replicas, 1);
    assert.equal(created.config.duplicate_window, 120_000_000_000);
    assert.equal(created.config.allow_direct, false);
    assert.equal(created.config.deny_delete, false);
    assert.equal(created.config.deny_purge, false);
    assert.equal(created.config.allow_rollup_hdrs, false);
    assert.equal(created.config.sealed, false);
    assert.equal(created.state.messages, 0);
    assert.equal(created.state.first_seq, 0);
    assert.equal(created.state.last_seq, 0);
    assert.equal(created.state.consumer_count, 0);

    const acks = await publishAll(js, ["orders.a", "orders.b", "orders.a"]);
    assert.deepEqual(acks.map((a) => [a.stream, a.seq, a.duplicate]),
        [["ORDERS", 1, false], ["ORDERS", 2, false], ["ORDERS", 3, false]]);
    const one_record = (await jsm.streams.info("ORDERS")).state.bytes / 3;

    const info = await jsm.streams.info("ORDERS", { subjects_filter: ">" });
    assert.equal(info.state.messages, 3);
    assert.equal(info.state.first_seq, 1);
    assert.equal(info.state.last_seq, 3);
    assert.equal(info.state.num_subjects, 2);
    assert.deepEqual(info.state.subjects, { "orders.a": 2, "orders.b": 1 });
    // Three records of the same size. The size of one differs (docs/compat.md: nats-server's file
    // store counts 22 + subject + payload + 8 bytes of hash, ours 36 + subject + payload).
    assert.ok(Number.isInteger(one_record) && one_record >= "orders.a".length + 2 + 8, `record ${one_record}`);

    // Same config again is idempotent; a different one is an error.
    const again = await jsm.streams.add({ name: "ORDERS", subjects: ["orders.*"] });
    assert.equal(again.state.messages, 3);
    await assertApiError(jsm.streams.add({ name: "ORDERS", subjects: ["other.*"] }),
        { status: 400, code: 10058, description: "stream name already in use with a different configuration" },
        "add with a different config");

    const updated = await jsm.streams.update("ORDERS",
        { subjects: ["orders.*", "returns.*"], max_msgs: 100, description: "orders and returns" });
    assert.deepEqual(updated.config.subjects, ["orders.*", "returns.*"]);
    assert.equal(updated.config.max_msgs, 100);
    assert.equal(updated.config.description, "orders and returns");
    assert.equal(updated.state.messages, 3);
    const ack4 = await js.publish("returns.x", enc.encode("r"));
    assert.deepEqual([ack4.stream, ack4.seq], ["ORDERS", 4]);

    await assertApiError(jsm.streams.update("ORDERS", { storage: "memory" }),
        { status: 500, code: 10052, description: "stream configuration update can not change storage type" },
        "update storage type");
    await assertApiError(jsm.streams.update("NOPE", { subjects: ["nope"] }),
        { status: 404, code: 10059, description: "stream not found" }, "update a missing stream");

    await jsm.streams.add({ name: "BETA", subjects: ["beta.>"], storage: "memory" });
    await jsm.streams.add({ name: "ALPHA", subjects: ["alpha"] });

    const names = [];
    for await (const n of jsm.streams.names()) names.push(n);
    assert.deepEqual(names.sort(), ["ALPHA", "BETA", "ORDERS"]);
    const filtered = [];
    for await (const n of jsm.streams.names("beta.x")) filtered.push(n);
    assert.deepEqual(filtered, ["BETA"]);

    const listed = [];
    for await (const si of jsm.streams.list()) listed.push([si.config.name, si.config.storage, si.state.messages]);
    listed.sort((a, b) => a[0].localeCompare(b[0]));
    assert.deepEqual(listed, [["ALPHA", "file", 0], ["BETA", "memory", 0], ["ORDERS", "file", 4]]);
    assert.equal(await jsm.streams.find("returns.y"), "ORDERS");

    assert.equal(await jsm.streams.delete("BETA"), true);
    await assertApiError(jsm.streams.info("BETA"),
        { status: 404, code: 10059, description: "stream not found" }, "info after delete");
    await assertApiError(jsm.streams.delete("BETA"),
        { status: 404, code: 10059, description: "stream not found" }, "delete twice");

    const account = await jsm.getAccountInfo();
    assert.equal(account.streams, 2);
    assert.equal(account.consumers, 0);
});

test("streams: purge by filter, sequence and keep", { timeout: kTestTimeoutMs }, async (t) => {
    const { jsm, js } = await startJs(t);
    await jsm.streams.add({ name: "P", subjects: ["p.>"] });
    // seq 1 p.a, 2 p.b, 3 p.a, 4 p.b, 5 p.a, 6 p.b, 7 p.a, 8 p.b
    await publishAll(js, ["p.a", "p.b", "p.a", "p.b", "p.a", "p.b", "p.a", "p.b"]);

    // Keep the newest p.a: 1, 3 and 5 go.
    let r = await jsm.streams.purge("P", { filter: "p.a", keep: 1 });
    assert.deepEqual(purged(r), { success: true, purged: 3 });
    let si = await jsm.streams.info("P", { subjects_filter: ">" });
    assert.deepEqual([si.state.messages, si.state.first_seq, si.state.last_seq], [5, 2, 8]);
    assert.deepEqual(si.state.subjects, { "p.a": 1, "p.b": 4 });

    // Every p.b below sequence 6: 2 and 4.
    r = await jsm.streams.purge("P", { filter: "p.b", seq: 6 });
    assert.deepEqual(purged(r), { success: true, purged: 2 });
    si = await jsm.streams.info("P");
    assert.deepEqual([si.state.messages, si.state.first_seq, si.state.last_seq], [3, 6, 8]);

    // Everything below sequence 8 (6 and 7).
    r = await jsm.streams.purge("P", { seq: 8 });
    assert.deepEqual(purged(r), { success: true, purged: 2 });
    si = await jsm.streams.info("P");
    assert.deepEqual([si.state.messages, si.state.first_seq, si.state.last_seq], [1, 8, 8]);

    // keep more than there is: nothing goes.
    r = await jsm.streams.purge("P", { keep: 5 });
    assert.deepEqual(purged(r), { success: true, purged: 0 });

    r = await jsm.streams.purge("P");
    assert.deepEqual(purged(r), { success: true, purged: 1 });
    si = await jsm.streams.info("P");
    assert.deepEqual([si.state.messages, si.state.first_seq, si.state.last_seq, si.state.bytes], [0, 9, 8, 0]);

    // Sequences go on after a purge.
    const ack = await js.publish("p.c", enc.encode("after"));
    assert.equal(ack.seq, 9);

    await assertApiError(jsm.streams.purge("NOPE"),
        { status: 404, code: 10059, description: "stream not found" }, "purge a missing stream");
});

test("publish: Nats-Msg-Id dedup and every expectation header", { timeout: kTestTimeoutMs }, async (t) => {
    const { jsm, js } = await startJs(t);
    await jsm.streams.add({ name: "EXP", subjects: ["exp.>"] });

    let ack = await js.publish("exp.a", enc.encode("one"), { msgID: "id-1" });
    assert.deepEqual([ack.stream, ack.seq, ack.duplicate], ["EXP", 1, false]);
    ack = await js.publish("exp.a", enc.encode("one again"), { msgID: "id-1" });
    assert.deepEqual([ack.stream, ack.seq, ack.duplicate], ["EXP", 1, true]);
    ack = await js.publish("exp.b", enc.encode("two"), { msgID: "id-2" });
    assert.deepEqual([ack.seq, ack.duplicate], [2, false]);

    // The last message id is the id of the last message stored.
    await assertApiError(js.publish("exp.a", enc.encode("x"), { expect: { lastMsgID: "id-1" } }),
        { status: 400, code: 10070, description: "wrong last msg ID: id-2" }, "Nats-Expected-Last-Msg-Id");
    ack = await js.publish("exp.a", enc.encode("three"), { msgID: "id-3", expect: { lastMsgID: "id-2" } });
    assert.equal(ack.seq, 3);

    await assertApiError(js.publish("exp.a", enc.encode("x"), { expect: { streamName: "OTHER" } }),
        { status: 400, code: 10060, description: "expected stream does not match" }, "Nats-Expected-Stream");
    ack = await js.publish("exp.a", enc.encode("four"), { expect: { streamName: "EXP" } });
    assert.equal(ack.seq, 4);

    // A message without Nats-Msg-Id leaves no last id.
    await assertApiError(js.publish("exp.a", enc.encode("x"), { expect: { lastMsgID: "id-3" } }),
        { status: 400, code: 10070, description: "wrong last msg ID: " }, "Nats-Expected-Last-Msg-Id, none");

    await assertApiError(js.publish("exp.a", enc.encode("x"), { expect: { lastSequence: 3 } }),
        { status: 400, code: 10071, description: "wrong last sequence: 4" }, "Nats-Expected-Last-Sequence");
    ack = await js.publish("exp.c", enc.encode("five"), { expect: { lastSequence: 4 } });
    assert.equal(ack.seq, 5);

    // exp.a was last stored at 4, exp.b at 2, exp.d never.
    await assertApiError(js.publish("exp.a", enc.encode("x"), { expect: { lastSubjectSequence: 3 } }),
        { status: 400, code: 10071, description: "wrong last sequence: 4" },
        "Nats-Expected-Last-Subject-Sequence");
    await assertApiError(js.publish("exp.d", enc.encode("x"), { expect: { lastSubjectSequence: 1 } }),
        { status: 400, code: 10071, description: "wrong last sequence: 0" },
        "Nats-Expected-Last-Subject-Sequence, new subject");
    ack = await js.publish("exp.b", enc.encode("six"), { expect: { lastSubjectSequence: 2 } });
    assert.equal(ack.seq, 6);
    ack = await js.publish("exp.d", enc.encode("seven"), { expect: { lastSubjectSequence: 0 } });
    assert.equal(ack.seq, 7);

    // Everything together.
    ack = await js.publish("exp.a", enc.encode("eight"), {
        msgID: "id-8",
        expect: { streamName: "EXP", lastSequence: 7, lastSubjectSequence: 4 },
    });
    assert.deepEqual([ack.seq, ack.duplicate], [8, false]);

    const si = await jsm.streams.info("EXP");
    assert.deepEqual([si.state.messages, si.state.last_seq], [8, 8]);
    const stored = await jsm.streams.getMessage("EXP", { seq: 8 });
    assert.equal(stored.subject, "exp.a");
    assert.equal(dec.decode(stored.data), "eight");
    assert.equal(stored.header.get("Nats-Msg-Id"), "id-8");
    assert.equal(stored.header.get("Nats-Expected-Stream"), "EXP");
});

test("pull consumer: fetch and ack with exact sequences", { timeout: kTestTimeoutMs }, async (t) => {
    const { jsm, js } = await startJs(t);
    await jsm.streams.add({ name: "PULL", subjects: ["pull.>"] });
    await publishAll(js, Array.from({ length: 10 }, (_, i) => `pull.${i % 2 ? "odd" : "even"}`));

    const ci = await jsm.consumers.add("PULL", { durable_name: "proc", ack_policy: AckPolicy.Explicit });
    assert.equal(ci.name, "proc");
    assert.equal(ci.stream_name, "PULL");
    assert.equal(ci.config.ack_policy, "explicit");
    assert.equal(ci.config.deliver_policy, "all");
    assert.equal(ci.config.ack_wait, 30_000_000_000);
    assert.equal(ci.config.max_deliver, -1);
    assert.equal(ci.config.max_ack_pending, 1000);
    assert.equal(ci.num_pending, 10);

    const c = await js.consumers.get("PULL", "proc");
    const first = await collect(await c.fetch({ max_messages: 4, expires: 2000 }), 4, "fetch 4");
    assert.deepEqual(first.map((m) => m.seq), [1, 2, 3, 4]);
    assert.deepEqual(first.map((m) => m.info.deliverySequence), [1, 2, 3, 4]);
    assert.deepEqual(first.map((m) => m.info.pending), [9, 8, 7, 6]);
    assert.deepEqual(first.map((m) => m.subject), ["pull.even", "pull.odd", "pull.even", "pull.odd"]);
    assert.deepEqual(first.map((m) => dec.decode(m.data)), ["m1", "m2", "m3", "m4"]);
    assert.ok(first.every((m) => m.info.deliveryCount === 1 && !m.redelivered));
    assert.ok(first.every((m) => m.info.stream === "PULL" && m.info.consumer === "proc"));

    let info = await c.info();
    assert.equal(info.num_ack_pending, 4);
    assert.equal(info.num_pending, 6);
    assert.equal(info.delivered.stream_seq, 4);
    assert.equal(info.ack_floor.stream_seq, 0);
    for (const m of first) m.ack();

    // Ask for 10 with 6 left: the fetch ends when it expires.
    const rest = [];
    const iter = await c.fetch({ max_messages: 10, expires: 1000 });
    await withTimeout((async () => {
        for await (const m of iter) {
            rest.push(m);
            assert.equal(await m.ackAck(), true);
        }
    })(), "fetch the rest");
    assert.deepEqual(rest.map((m) => m.seq), [5, 6, 7, 8, 9, 10]);

    info = await c.info();
    assert.equal(info.num_ack_pending, 0);
    assert.equal(info.num_pending, 0);
    assert.equal(info.num_redelivered, 0);
    assert.deepEqual([info.delivered.consumer_seq, info.delivered.stream_seq], [10, 10]);
    assert.deepEqual([info.ack_floor.consumer_seq, info.ack_floor.stream_seq], [10, 10]);

    // Nothing left: next() returns null after its expiry.
    assert.equal(await withTimeout(c.next({ expires: 1000 }), "next on an empty consumer"), null);
});

test("pull consumer: consume with acks", { timeout: kTestTimeoutMs }, async (t) => {
    const { jsm, js } = await startJs(t);
    await jsm.streams.add({ name: "C", subjects: ["c.>"] });
    await publishAll(js, Array.from({ length: 25 }, (_, i) => `c.${i}`));
    await jsm.consumers.add("C", { durable_name: "worker", ack_policy: AckPolicy.Explicit });
    const c = await js.consumers.get("C", "worker");

    const seqs = [];
    const messages = await c.consume({ max_messages: 7 });
    await withTimeout((async () => {
        for await (const m of messages) {
            seqs.push(m.seq);
            if (seqs.length < 25) {
                m.ack();
            } else {
                // Acks are applied in order: once the last one is confirmed, all are.
                assert.equal(await m.ackAck(), true);
                break;
            }
        }
    })(), "consume 25 messages");
    assert.deepEqual(seqs, Array.from({ length: 25 }, (_, i) => i + 1));

    const info = await c.info();
    assert.equal(info.num_ack_pending, 0);
    assert.equal(info.ack_floor.stream_seq, 25);
    assert.equal(info.num_pending, 0);
});

test("pull consumer: nak redelivers, term drops", { timeout: kTestTimeoutMs }, async (t) => {
    const { nc, jsm, js } = await startJs(t);
    await jsm.streams.add({ name: "N", subjects: ["n"] });
    await publishAll(js, ["n", "n", "n"]);
    await jsm.consumers.add("N", { durable_name: "d", ack_policy: AckPolicy.Explicit, ack_wait: 30_000_000_000 });
    const c = await js.consumers.get("N", "d");

    const m1 = await withTimeout(c.next({ expires: 2000 }), "next 1");
    assert.deepEqual([m1.seq, m1.info.deliveryCount, m1.info.deliverySequence], [1, 1, 1]);
    await ackSync(nc, m1, "-NAK");

    const again = await withTimeout(c.next({ expires: 2000 }), "redelivery of 1");
    assert.deepEqual([again.seq, again.info.deliveryCount, again.info.deliverySequence, again.redelivered],
        [1, 2, 2, true]);
    let info = await c.info();
    assert.equal(info.num_redelivered, 1);
    assert.equal(info.num_ack_pending, 1);

    await ackSync(nc, again, "-NAK");
    const third = await withTimeout(c.next({ expires: 2000 }), "second redelivery of 1");
    assert.deepEqual([third.seq, third.info.deliveryCount, third.info.deliverySequence], [1, 3, 3]);
    await ackSync(nc, third, "+TERM");

    const m2 = await withTimeout(c.next({ expires: 2000 }), "next after term");
    assert.deepEqual([m2.seq, m2.info.deliveryCount, m2.info.deliverySequence], [2, 1, 4]);
    assert.equal(await m2.ackAck(), true);

    info = await c.info();
    assert.equal(info.num_ack_pending, 0);
    assert.equal(info.num_redelivered, 0);
    assert.equal(info.num_pending, 1);
    assert.deepEqual([info.delivered.consumer_seq, info.delivered.stream_seq], [4, 2]);
    assert.deepEqual([info.ack_floor.consumer_seq, info.ack_floor.stream_seq], [4, 2]);
});

test("exactly once: publish dedup and double ack", { timeout: kTestTimeoutMs }, async (t) => {
    const { nc, jsm, js } = await startJs(t);
    await jsm.streams.add({ name: "EO", subjects: ["eo"], duplicate_window: 60_000_000_000 });
    const sent = [];
    for (const id of ["a", "b", "a", "c", "b", "a"]) {
        sent.push(await js.publish("eo", enc.encode(`payload-${id}`), { msgID: id }));
    }
    assert.deepEqual(sent.map((a) => [a.seq, a.duplicate]),
        [[1, false], [2, false], [1, true], [3, false], [2, true], [1, true]]);
    const si = await jsm.streams.info("EO");
    assert.equal(si.state.messages, 3);

    await jsm.consumers.add("EO", { durable_name: "once", ack_policy: AckPolicy.Explicit });
    const c = await js.consumers.get("EO", "once");
    const msgs = await collect(await c.fetch({ max_messages: 3, expires: 2000 }), 3, "fetch 3");
    assert.deepEqual(msgs.map((m) => dec.decode(m.data)), ["payload-a", "payload-b", "payload-c"]);
    for (const m of msgs) assert.equal(await m.ackAck(), true);
    // A second ack of an acknowledged message is answered too and changes nothing.
    const reply = await withTimeout(nc.request(msgs[1].reply, enc.encode("+ACK")), "second ack");
    assert.equal(reply.data.length, 0);
    const info = await c.info();
    assert.deepEqual([info.ack_floor.stream_seq, info.num_ack_pending, info.num_redelivered], [3, 0, 0]);
    assert.equal(await withTimeout(c.next({ expires: 1000 }), "nothing redelivered"), null);
});

test("push consumer: durable with a deliver subject", { timeout: kTestTimeoutMs }, async (t) => {
    const { jsm, js } = await startJs(t);
    await jsm.streams.add({ name: "PUSH", subjects: ["push.*"] });
    await publishAll(js, Array.from({ length: 12 }, (_, i) => `push.${i % 3}`));

    const deliver = createInbox();
    const ci = await jsm.consumers.add("PUSH", {
        durable_name: "pusher",
        deliver_subject: deliver,
        ack_policy: AckPolicy.Explicit,
        filter_subject: "push.1",
    });
    assert.equal(ci.config.deliver_subject, deliver);
    assert.equal(ci.num_pending, 4);
    assert.equal(ci.push_bound ?? false, false);

    const pc = await js.consumers.getPushConsumer("PUSH", "pusher");
    const messages = await pc.consume();
    const pushed = new Collector(messages);
    const got = await pushed.waitFor(4, "4 pushed messages");
    assert.deepEqual(got.map((m) => m.seq), [2, 5, 8, 11]);
    assert.deepEqual(got.map((m) => m.subject), ["push.1", "push.1", "push.1", "push.1"]);
    assert.deepEqual(got.map((m) => m.info.deliverySequence), [1, 2, 3, 4]);
    for (const m of got) assert.equal(await m.ackAck(), true);

    // New messages keep coming on the same subscription.
    const more = await publishAll(js, ["push.0", "push.1"]);
    assert.deepEqual(more.map((a) => a.seq), [13, 14]);
    const next = (await pushed.waitFor(5, "pushed message 14"))[4];
    assert.deepEqual([next.seq, next.info.deliverySequence], [14, 5]);
    assert.equal(await next.ackAck(), true);

    const info = await jsm.consumers.info("PUSH", "pusher");
    assert.equal(info.push_bound, true);
    assert.deepEqual([info.delivered.stream_seq, info.delivered.consumer_seq], [14, 5]);
    await messages.close();
});

test("ordered consumer: every message in order", { timeout: kTestTimeoutMs }, async (t) => {
    const { jsm, js } = await startJs(t);
    await jsm.streams.add({ name: "ORD", subjects: ["ord.>"] });
    await publishAll(js, Array.from({ length: 30 }, (_, i) => `ord.${i % 4}`));

    const oc = await js.consumers.get("ORD");
    const messages = await oc.consume({ max_messages: 8 });
    const got = await collect(messages, 30, "30 ordered messages");
    assert.deepEqual(got.map((m) => m.seq), Array.from({ length: 30 }, (_, i) => i + 1));
    assert.deepEqual(got.map((m) => dec.decode(m.data)), Array.from({ length: 30 }, (_, i) => `m${i + 1}`));
    assert.deepEqual(got.map((m) => m.info.deliverySequence), Array.from({ length: 30 }, (_, i) => i + 1));
    assert.ok(got.every((m) => m.info.deliveryCount === 1));
    const ci = await oc.info();
    assert.equal(ci.config.ack_policy, "none");
    assert.equal(ci.config.mem_storage, true);
    assert.equal(ci.config.num_replicas, 1);
    assert.equal(ci.num_pending, 0);
    await messages.close();

    // A filtered ordered consumer starting at a sequence (one filter as a string: a list needs 2.10).
    const filtered = await js.consumers.get("ORD", { filter_subjects: "ord.2", opt_start_seq: 10 });
    const iter = await filtered.fetch({ max_messages: 10, expires: 1000 });
    const seqs = [];
    await withTimeout((async () => {
        for await (const m of iter) seqs.push(m.seq);
    })(), "filtered ordered fetch");
    assert.deepEqual(seqs, [11, 15, 19, 23, 27]);
});

test("streams: limits, rollups, message get and delete", { timeout: kTestTimeoutMs }, async (t) => {
    const { jsm, js } = await startJs(t);
    await jsm.streams.add({
        name: "LIM", subjects: ["lim.>"], max_msgs: 3, discard: "new", max_msg_size: 16,
        allow_direct: true,
    });
    await publishAll(js, ["lim.a", "lim.b", "lim.a"]);
    await assertApiError(js.publish("lim.c", enc.encode("x")),
        { status: 503, code: 10077, description: "maximum messages exceeded" }, "discard new at max_msgs");
    await assertApiError(js.publish("lim.a", new Uint8Array(17)),
        { status: 400, code: 10054, description: "message size exceeds maximum allowed" }, "max_msg_size");

    // Direct get by sequence, last for a subject, next for a subject.
    const bySeq = await jsm.direct.getMessage("LIM", { seq: 2 });
    assert.deepEqual([bySeq.seq, bySeq.subject, dec.decode(bySeq.data)], [2, "lim.b", "m2"]);
    const last = await jsm.direct.getMessage("LIM", { last_by_subj: "lim.a" });
    assert.deepEqual([last.seq, dec.decode(last.data)], [3, "m3"]);
    const next = await jsm.direct.getMessage("LIM", { seq: 2, next_by_subj: "lim.a" });
    assert.equal(next.seq, 3);
    assert.equal(await jsm.direct.getMessage("LIM", { seq: 99 }), null);

    assert.equal(await jsm.streams.deleteMessage("LIM", 1), true);
    await assertApiError(jsm.streams.deleteMessage("LIM", 1),
        { status: 500, code: 10057, description: "no message found" }, "delete twice");
    assert.equal(await jsm.streams.getMessage("LIM", { seq: 1 }), null);
    const si = await jsm.streams.info("LIM", { deleted_details: true });
    assert.deepEqual([si.state.messages, si.state.first_seq, si.state.last_seq], [2, 2, 3]);
    // Room again for one message.
    assert.equal((await js.publish("lim.c", enc.encode("c"))).seq, 4);

    // Rollups need allow_rollup_hdrs.
    const h = headers();
    h.set("Nats-Rollup", "sub");
    await assertApiError(js.publish("lim.a", enc.encode("r"), { headers: h }),
        { status: 500, code: 10111, description: "rollup not permitted" }, "rollup not allowed");
    await jsm.streams.add({ name: "ROLL", subjects: ["roll.>"], allow_rollup_hdrs: true });
    await publishAll(js, ["roll.a", "roll.a", "roll.b", "roll.a"]);
    assert.equal((await js.publish("roll.a", enc.encode("sum"), { headers: h })).seq, 5);
    let r = await jsm.streams.info("ROLL", { subjects_filter: ">" });
    assert.deepEqual(r.state.subjects, { "roll.a": 1, "roll.b": 1 });
    const all = headers();
    all.set("Nats-Rollup", "all");
    assert.equal((await js.publish("roll.c", enc.encode("everything"), { headers: all })).seq, 6);
    r = await jsm.streams.info("ROLL");
    assert.deepEqual([r.state.messages, r.state.first_seq, r.state.last_seq], [1, 6, 6]);

    // Sealed: no more publishes, deletes or purges.
    const sealed = await jsm.streams.update("ROLL", { sealed: true });
    assert.equal(sealed.config.sealed, true);
    await assertApiError(jsm.streams.purge("ROLL"),
        { status: 400, code: 10109, description: "invalid operation on sealed stream" }, "purge sealed");
});

test("consumers: deliver policies, filters, update, list and delete", { timeout: kTestTimeoutMs }, async (t) => {
    const { jsm, js } = await startJs(t);
    await jsm.streams.add({ name: "DP", subjects: ["dp.*"] });
    await publishAll(js, ["dp.a", "dp.b", "dp.a", "dp.c", "dp.b", "dp.a"]);

    const first = async (config) => {
        const ci = await jsm.consumers.add("DP", { ack_policy: AckPolicy.Explicit, ...config });
        const c = await js.consumers.get("DP", ci.name);
        const got = [];
        const iter = await c.fetch({ max_messages: 10, expires: 1000 });
        await withTimeout((async () => {
            for await (const m of iter) got.push(m.seq);
        })(), `fetch for ${JSON.stringify(config)}`);
        return { ci, got };
    };
    let r = await first({ durable_name: "all" });
    assert.deepEqual([r.ci.num_pending, r.got], [6, [1, 2, 3, 4, 5, 6]]);
    r = await first({ durable_name: "last", deliver_policy: "last" });
    assert.deepEqual([r.ci.num_pending, r.got], [1, [6]]);
    r = await first({ durable_name: "new", deliver_policy: "new" });
    assert.deepEqual([r.ci.num_pending, r.got], [0, []]);
    // 2.9.10 wants a filter with last_per_subject.
    r = await first({ durable_name: "lps", deliver_policy: "last_per_subject", filter_subject: "dp.*" });
    assert.deepEqual([r.ci.num_pending, r.got], [3, [4, 5, 6]]);
    r = await first({ durable_name: "seq", deliver_policy: "by_start_sequence", opt_start_seq: 4 });
    assert.deepEqual([r.ci.num_pending, r.got], [3, [4, 5, 6]]);
    r = await first({ durable_name: "fa", filter_subject: "dp.a" });
    assert.deepEqual([r.ci.num_pending, r.got], [3, [1, 3, 6]]);
    r = await first({ durable_name: "fal", filter_subject: "dp.b", deliver_policy: "last" });
    assert.deepEqual([r.ci.num_pending, r.got], [1, [5]]);

    const updated = await jsm.consumers.update("DP", "all", { description: "every one", max_ack_pending: 5 });
    assert.equal(updated.config.description, "every one");
    assert.equal(updated.config.max_ack_pending, 5);
    await assertApiError(jsm.consumers.update("DP", "all", { deliver_policy: "new" }),
        { status: 500, code: 10012, description: "deliver policy can not be updated" },
        "update deliver policy");

    const names = [];
    for await (const n of jsm.consumers.list("DP")) names.push([n.name, n.num_pending]);
    names.sort((a, b) => a[0].localeCompare(b[0]));
    assert.deepEqual(names, [["all", 0], ["fa", 0], ["fal", 0], ["last", 0], ["lps", 0], ["new", 0], ["seq", 0]]);
    assert.equal((await jsm.streams.info("DP")).state.consumer_count, 7);

    assert.equal(await jsm.consumers.delete("DP", "new"), true);
    await assertApiError(jsm.consumers.info("DP", "new"),
        { status: 404, code: 10014, description: "consumer not found" }, "info after delete");
    await assertApiError(jsm.consumers.add("NOPE", { durable_name: "x", ack_policy: AckPolicy.Explicit }),
        { status: 404, code: 10059, description: "stream not found" }, "consumer on a missing stream");
    assert.equal((await jsm.getAccountInfo()).consumers, 6);
});

test("pull consumer: ack_wait redelivery and max_deliver", { timeout: kTestTimeoutMs }, async (t) => {
    const { nc, jsm, js } = await startJs(t);
    await jsm.streams.add({ name: "AW", subjects: ["aw"] });
    await publishAll(js, ["aw", "aw"]);
    await jsm.consumers.add("AW", {
        durable_name: "slow", ack_policy: AckPolicy.Explicit, ack_wait: 300_000_000, max_deliver: 2,
    });
    const c = await js.consumers.get("AW", "slow");
    const deliveries = [];
    const msgs = [];
    const iter = await c.fetch({ max_messages: 4, expires: 3000 });
    await withTimeout((async () => {
        for await (const m of iter) {
            msgs.push(m);
            deliveries.push([m.seq, m.info.deliveryCount]);
            if (deliveries.length === 4) break;
        }
    })(), "4 deliveries with 2 redeliveries", 10_000);
    // Never acked: each message is delivered twice (max_deliver), the second time after ack_wait.
    assert.deepEqual(deliveries, [[1, 1], [2, 1], [1, 2], [2, 2]]);
    assert.equal(await withTimeout(c.next({ expires: 1000 }), "no third delivery"), null);
    const info = await c.info();
    // Past max_deliver a message no longer counts as pending an ack.
    // They still count as redelivered, and the ack floor stays where the last ack left it.
    assert.deepEqual([info.num_ack_pending, info.num_redelivered, info.delivered.consumer_seq], [0, 2, 4]);
    assert.deepEqual([info.ack_floor.consumer_seq, info.ack_floor.stream_seq], [0, 0]);
    // A late ack of a dropped message clears its redelivered count and moves the floor.
    await ackSync(nc, msgs[2], "+ACK");
    const after = await c.info();
    assert.deepEqual([after.num_ack_pending, after.num_redelivered], [0, 1]);
    assert.deepEqual([after.ack_floor.consumer_seq, after.ack_floor.stream_seq], [4, 2]);
});
