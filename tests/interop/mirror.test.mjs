// Stream mirrors and sources through nats.js v3: a mirror keeps the origin's sequences, subjects,
// payloads and headers and follows it; sources merge streams with a Nats-Stream-Source header.
import assert from "node:assert/strict";
import { test } from "node:test";

import { headers } from "@nats-io/transport-node";
import { Kvm } from "@nats-io/kv";

import { withTimeout } from "./harness.mjs";
import { startJetStream as startJs } from "./js_harness.mjs";

const kTestTimeoutMs = 30_000;
const enc = new TextEncoder();
const dec = new TextDecoder();

/// The first `n` messages of `stream` through an ordered consumer: they arrive as the mirror or
/// source copies them, so this waits on delivery rather than polling.
async function readN(js, stream, n, what) {
    const c = await js.consumers.get(stream);
    const out = [];
    const it = await c.consume();
    await withTimeout((async () => {
        for await (const m of it) {
            out.push({
                seq: m.seq, subject: m.subject, data: dec.decode(m.data),
                source: m.headers?.get("Nats-Stream-Source") ?? "",
                x: m.headers?.get("X-Tag") ?? "",
            });
            if (out.length === n) break;
        }
    })(), what, 10_000);
    it.stop();
    return out;
}

test("a mirror copies the origin's history and follows it", { timeout: kTestTimeoutMs }, async (t) => {
    const { jsm, js } = await startJs(t);
    await jsm.streams.add({ name: "ORIG", subjects: ["orig.>"] });
    const h = headers();
    h.set("X-Tag", "first");
    await js.publish("orig.a", enc.encode("one"), { headers: h });
    await js.publish("orig.b", enc.encode("two"));
    await js.publish("orig.c", enc.encode("three"));
    await jsm.streams.deleteMessage("ORIG", 2);

    const created = await jsm.streams.add({ name: "MIR", mirror: { name: "ORIG" } });
    assert.equal(created.config.mirror.name, "ORIG");
    assert.ok(!created.config.subjects || created.config.subjects.length === 0);

    const first = readN(js, "MIR", 3, "mirror messages");
    await js.publish("orig.d", enc.encode("four"));
    assert.deepEqual(await first, [
        { seq: 1, subject: "orig.a", data: "one", source: "", x: "first" },
        { seq: 3, subject: "orig.c", data: "three", source: "", x: "" },
        { seq: 4, subject: "orig.d", data: "four", source: "", x: "" },
    ]);
    const info = await jsm.streams.info("MIR");
    assert.equal(info.mirror.name, "ORIG");
    assert.equal(info.state.messages, 3);
    assert.equal(info.state.last_seq, 4);
    assert.equal(info.sources, undefined);
});

test("sources merge two streams with a Nats-Stream-Source header", { timeout: kTestTimeoutMs }, async (t) => {
    const { jsm, js, v210 } = await startJs(t);
    await jsm.streams.add({ name: "SA", subjects: ["sa.>"] });
    await jsm.streams.add({ name: "SB", subjects: ["sb.>"] });
    await js.publish("sa.1", enc.encode("a1"));
    await js.publish("sb.1", enc.encode("b1"));
    await jsm.streams.add({ name: "AGG", sources: [{ name: "SA" }, { name: "SB", filter_subject: "sb.>" }] });
    await js.publish("sa.2", enc.encode("a2"));

    const got = (await readN(js, "AGG", 3, "sourced messages")).sort((x, y) => x.data.localeCompare(y.data));
    assert.deepEqual(got.map((m) => [m.subject, m.data, m.source]), [
        ["sa.1", "a1", v210 ? "SA 1 > >" : "SA 1"],
        ["sa.2", "a2", v210 ? "SA 2 > >" : "SA 2"],
        ["sb.1", "b1", v210 ? "SB 1 sb.> >" : "SB 1"],
    ]);
    assert.deepEqual(got.map((m) => m.seq).sort(), [1, 2, 3]);
    const info = await jsm.streams.info("AGG");
    assert.deepEqual(info.sources.map((s) => s.name).sort(), ["SA", "SB"]);
    assert.equal(info.mirror, undefined);
});

test("2.10: a KV bucket sourced from another keeps its keys", { timeout: kTestTimeoutMs }, async (t) => {
    const { nc, v210 } = await startJs(t);
    if (!v210) {
        t.skip("nats.js adds the subject transform a sourced bucket needs only for 2.10 servers");
        return;
    }
    const kvm = new Kvm(nc);
    const src = await kvm.create("src");
    await src.put("k1", "v1");
    await src.put("k2", "v2");
    const agg = await kvm.create("agg", { sources: [{ name: "src" }] });
    const seen = [];
    const w = await agg.watch();
    await withTimeout((async () => {
        for await (const e of w) {
            seen.push([e.key, e.string()]);
            if (seen.length === 2) break;
        }
    })(), "sourced keys", 10_000);
    w.stop();
    assert.deepEqual(seen, [["k1", "v1"], ["k2", "v2"]]);
    assert.equal((await agg.get("k2")).string(), "v2");
});
