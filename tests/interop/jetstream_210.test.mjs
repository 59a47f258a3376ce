// The JetStream features nats.js switches on for servers of 2.10 and later: filter_subjects lists,
// metadata, first_seq, default consumer limits and stream subject transforms. Skipped below 2.10.
import assert from "node:assert/strict";
import { test } from "node:test";

import { AckPolicy } from "@nats-io/jetstream";

import { withTimeout } from "./harness.mjs";
import { assertApiError, startJetStream } from "./js_harness.mjs";

const kTestTimeoutMs = 30_000;
const enc = new TextEncoder();
const dec = new TextDecoder();

/// Starts a JetStream server, or skips the test when it advertises a version before 2.10.
async function start210(t) {
    const started = await startJetStream(t);
    if (!started.v210) {
        t.skip(`the server advertises ${started.nc.info.version}; these features need 2.10`);
        return null;
    }
    return started;
}

async function publishAll(js, subjects) {
    const seqs = [];
    for (const [i, subject] of subjects.entries()) {
        seqs.push((await withTimeout(js.publish(subject, enc.encode(`m${i + 1}`)), `publish ${i + 1}`)).seq);
    }
    return seqs;
}

/// Fetches until `n` messages came (or the fetch expired) and returns [subject, seq] pairs.
async function fetchAll(js, stream, consumer, n) {
    const c = await js.consumers.get(stream, consumer);
    const iter = await c.fetch({ max_messages: n, expires: 2000 });
    const got = [];
    await withTimeout((async () => {
        for await (const m of iter) {
            got.push([m.subject, m.seq]);
            m.ack();
        }
    })(), `fetch from ${consumer}`);
    return got;
}

test("2.10: a consumer with a list of filter subjects", { timeout: kTestTimeoutMs }, async (t) => {
    const s = await start210(t);
    if (!s) return;
    const { jsm, js } = s;
    await jsm.streams.add({ name: "FS", subjects: ["fs.*"] });
    await publishAll(js, ["fs.a", "fs.b", "fs.c", "fs.a", "fs.b", "fs.c"]);

    const ci = await jsm.consumers.add("FS", {
        durable_name: "ac", ack_policy: AckPolicy.Explicit, filter_subjects: ["fs.a", "fs.c"],
    });
    assert.deepEqual(ci.config.filter_subjects, ["fs.a", "fs.c"]);
    assert.equal(ci.config.filter_subject, undefined);
    assert.equal(ci.num_pending, 4);
    assert.equal(typeof ci.ts, "string", "2.10 infos carry a time stamp");
    assert.deepEqual(await fetchAll(js, "FS", "ac", 4),
        [["fs.a", 1], ["fs.c", 3], ["fs.a", 4], ["fs.c", 6]]);

    // An ordered consumer with a list.
    const ordered = await js.consumers.get("FS", { filter_subjects: ["fs.b", "fs.c"] });
    const got = [];
    await withTimeout((async () => {
        for await (const m of await ordered.consume()) {
            got.push(m.seq);
            if (got.length === 4) break;
        }
    })(), "ordered consume with filter_subjects");
    assert.deepEqual(got, [2, 3, 5, 6]);

    await assertApiError(jsm.consumers.add("FS", {
        durable_name: "over", ack_policy: AckPolicy.Explicit, filter_subjects: ["fs.*", "fs.a"],
    }), { status: 400, code: 10138, description: "consumer subject filters cannot overlap" }, "overlap");
    await assertApiError(jsm.consumers.add("FS", {
        durable_name: "both", ack_policy: AckPolicy.Explicit, filter_subject: "fs.a", filter_subjects: ["fs.b"],
    }), {
        status: 400, code: 10136,
        description: "consumer cannot have both FilterSubject and FilterSubjects specified",
    }, "both kinds of filter");
});

test("2.10: stream first_seq, metadata and default consumer limits", { timeout: kTestTimeoutMs }, async (t) => {
    const s = await start210(t);
    if (!s) return;
    const { jsm, js } = s;
    const si = await jsm.streams.add({
        name: "FQ", subjects: ["fq.>"], first_seq: 100, metadata: { owner: "team-a" },
        consumer_limits: { max_ack_pending: 10, inactive_threshold: 60_000_000_000 },
    });
    assert.equal(si.config.first_seq, 100);
    assert.deepEqual(si.config.metadata, { owner: "team-a" });
    assert.deepEqual(si.config.consumer_limits, { max_ack_pending: 10, inactive_threshold: 60_000_000_000 });
    assert.equal(si.config.compression, "none");
    assert.equal(typeof si.ts, "string");
    assert.deepEqual([si.state.first_seq, si.state.last_seq], [100, 99]);
    assert.deepEqual(await publishAll(js, ["fq.a", "fq.b"]), [100, 101]);

    // A consumer takes the stream's limits as its defaults, and may not go above them.
    const ci = await jsm.consumers.add("FQ", {
        durable_name: "d", ack_policy: AckPolicy.Explicit, metadata: { purpose: "audit" },
    });
    assert.equal(ci.config.max_ack_pending, 10);
    assert.equal(ci.config.inactive_threshold, 60_000_000_000);
    assert.deepEqual(ci.config.metadata, { purpose: "audit" });
    assert.deepEqual(await fetchAll(js, "FQ", "d", 2), [["fq.a", 100], ["fq.b", 101]]);
    await assertApiError(jsm.consumers.add("FQ", {
        durable_name: "big", ack_policy: AckPolicy.Explicit, max_ack_pending: 11,
    }), { status: 400, code: 10121, description: "consumer max ack pending exceeds system limit of 10" },
    "max_ack_pending above the stream's limit");

    const updated = await jsm.streams.update("FQ", { metadata: { owner: "team-b" } });
    assert.deepEqual(updated.config.metadata, { owner: "team-b" });
});

test("2.10: a stream subject transform stores the mapped subject", { timeout: kTestTimeoutMs }, async (t) => {
    const s = await start210(t);
    if (!s) return;
    const { jsm, js } = s;
    const si = await jsm.streams.add({
        name: "TR", subjects: ["in.*.*"], subject_transform: { src: "in.*.*", dest: "out.{{wildcard(2)}}.$1" },
    });
    assert.deepEqual(si.config.subject_transform, { src: "in.*.*", dest: "out.{{wildcard(2)}}.$1" });
    assert.deepEqual(await publishAll(js, ["in.a.x", "in.b.y"]), [1, 2]);

    const first = await jsm.streams.getMessage("TR", { seq: 1 });
    assert.deepEqual([first.subject, dec.decode(first.data)], ["out.x.a", "m1"]);
    const last = await jsm.streams.getMessage("TR", { last_by_subj: "out.y.b" });
    assert.equal(last.seq, 2);
    const info = await jsm.streams.info("TR", { subjects_filter: ">" });
    assert.deepEqual(info.state.subjects, { "out.x.a": 1, "out.y.b": 1 });

    await jsm.consumers.add("TR", { durable_name: "c", ack_policy: AckPolicy.Explicit, filter_subject: "out.y.*" });
    assert.deepEqual(await fetchAll(js, "TR", "c", 1), [["out.y.b", 2]]);

    await assertApiError(jsm.streams.add({
        name: "BAD", subjects: ["bad.*"], subject_transform: { src: "bad.*", dest: "x.$2" },
    }), {
        status: 500, code: 10049,
        description: "stream subject transform from 'bad.*' to 'x.$2': invalid mapping destination: " +
            "wildcard index out of range in $2: [2]",
    }, "invalid transform");

    // An update changes the transform for the messages that follow.
    await jsm.streams.update("TR", { subjects: ["in.*.*"], subject_transform: { src: "in.>", dest: "new.>" } });
    assert.deepEqual(await publishAll(js, ["in.c.z"]), [3]);
    assert.equal((await jsm.streams.getMessage("TR", { seq: 3 })).subject, "new.c.z");
});
