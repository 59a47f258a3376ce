// Core NATS scenarios with the official nats.js v3 client against the server in NWB_TEST_SERVER.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";

import { errors, headers } from "@nats-io/transport-node";

import { Inbox, kWaitMs, startServer, withTimeout } from "./harness.mjs";

const kTestTimeoutMs = 30_000;
const enc = new TextEncoder();
const dec = new TextDecoder();

function assertBytes(actual, expected, what) {
    const a = Buffer.from(actual.buffer, actual.byteOffset, actual.byteLength);
    const e = Buffer.from(expected.buffer, expected.byteOffset, expected.byteLength);
    assert.equal(a.length, e.length, `${what}: payload length`);
    if (!a.equals(e)) {
        let i = 0;
        while (a[i] === e[i]) i++;
        assert.fail(`${what}: payload differs at byte ${i} (got ${a[i]}, want ${e[i]})`);
    }
}

/// Once the publisher's flush returns, the server has routed its messages; a flush on each
/// subscriber then proves they have all been received (the PONG is queued behind them).
async function settle(publisher, ...subscribers) {
    await withTimeout(publisher.flush(), "publisher flush");
    await Promise.all(subscribers.map((nc) => withTimeout(nc.flush(), "subscriber flush")));
}

test("connect: INFO fields seen by nats.js", { timeout: kTestTimeoutMs }, async (t) => {
    const server = await startServer(t);
    const nc = await server.connect({ name: "interop-info" });
    const info = nc.info;
    assert.ok(info, "nc.info is set after connect");
    assert.equal(typeof info.server_id, "string");
    assert.ok(info.server_id.length > 0, "server_id is not empty");
    assert.match(info.version, /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/, "version is semver");
    assert.equal(info.max_payload, 1048576);
    assert.equal(info.headers, true);
    assert.equal(info.proto, 1);
    assert.equal(info.port, server.port, "INFO port is the port actually bound");
    assert.ok(!info.auth_required, "no auth configured");
    assert.equal(nc.getServer(), server.url);
    assert.equal(nc.isClosed(), false);
});

test("pub/sub: exact payloads, subjects and order", { timeout: kTestTimeoutMs }, async (t) => {
    const server = await startServer(t);
    const pub = await server.connect();
    const sub = await server.connect();
    const max = pub.info.max_payload;
    const payloads = [
        new Uint8Array(0),
        enc.encode("hello"),
        enc.encode("line1\r\nline2\r\n"), // CRLF inside the payload must not confuse framing
        enc.encode("MSG fake 1 5\r\nhello\r\n"),
        enc.encode("ünïcødé ✓ 🚀"),
        Uint8Array.from({ length: 256 }, (_, i) => i),
        new Uint8Array(randomBytes(64 * 1024)),
        new Uint8Array(randomBytes(max)), // exactly max_payload is allowed
    ];
    const inbox = new Inbox();
    inbox.subscribe(sub, "pubsub.data");
    inbox.subscribe(sub, "pubsub.other");
    await withTimeout(sub.flush(), "subscriber flush");

    for (const p of payloads) pub.publish("pubsub.data", p);
    pub.publish("pubsub.other", "tail", { reply: "pubsub.reply.to" });
    pub.publish("pubsub.unrelated", "nobody listens");
    await inbox.waitFor(payloads.length + 1);
    await settle(pub, sub);

    const got = inbox.msgs("pubsub.data");
    assert.equal(got.length, payloads.length);
    got.forEach((m, i) => {
        assert.equal(m.subject, "pubsub.data");
        assertBytes(m.data, payloads[i], `payload #${i}`);
        assert.equal(m.reply, "", "no reply subject (nats.js v3 shows it as \"\")");
        assert.equal(m.headers, undefined, "no headers when none were sent");
    });
    const [tail] = inbox.msgs("pubsub.other");
    assert.equal(inbox.count("pubsub.other"), 1);
    assert.equal(tail.string(), "tail");
    assert.equal(tail.reply, "pubsub.reply.to");
    assert.equal(inbox.entries.length, payloads.length + 1, "nothing else was delivered");
    assert.equal(pub.stats().outMsgs, payloads.length + 2);
});

test("pub/sub: echo to own subscriptions, and noEcho suppresses it", { timeout: kTestTimeoutMs }, async (t) => {
    const server = await startServer(t);
    const echo = await server.connect();
    const quiet = await server.connect({ noEcho: true });
    const inbox = new Inbox();
    inbox.subscribe(echo, "echo.x", { tag: "echo" });
    inbox.subscribe(quiet, "echo.x", { tag: "quiet" });
    await settle(echo, quiet);

    quiet.publish("echo.x", "from-quiet");
    await inbox.waitFor(1);
    echo.publish("echo.x", "from-echo");
    await inbox.waitFor(3);
    await settle(quiet, echo);
    await settle(echo, quiet);
    assert.deepEqual(inbox.msgs("echo").map((m) => m.string()), ["from-quiet", "from-echo"]);
    assert.deepEqual(inbox.msgs("quiet").map((m) => m.string()), ["from-echo"]);
});

test("wildcards: * matches one token, > one or more trailing tokens", { timeout: kTestTimeoutMs }, async (t) => {
    const server = await startServer(t);
    const pub = await server.connect();
    const sub = await server.connect();
    const patterns = ["wc.*", "wc.>", "wc.*.end", "*.a.*", ">", "wc.a.end"];
    const inbox = new Inbox();
    for (const p of patterns) inbox.subscribe(sub, p);
    await withTimeout(sub.flush(), "subscriber flush");

    const published = ["wc", "wc.a", "wc.b", "wc.a.end", "wc.b.end", "wc.a.b.c", "x.a.y", "wcx.a"];
    for (const s of published) pub.publish(s, s);
    const expected = {
        "wc.*": ["wc.a", "wc.b"],
        "wc.>": ["wc.a", "wc.b", "wc.a.end", "wc.b.end", "wc.a.b.c"],
        "wc.*.end": ["wc.a.end", "wc.b.end"],
        "*.a.*": ["wc.a.end", "x.a.y"],
        ">": published,
        "wc.a.end": ["wc.a.end"],
    };
    const total = Object.values(expected).reduce((n, v) => n + v.length, 0);
    await inbox.waitFor(total);
    await settle(pub, sub);
    for (const p of patterns) {
        const got = inbox.msgs(p);
        assert.deepEqual(got.map((m) => m.subject), expected[p], `subjects delivered to ${p}`);
        assert.deepEqual(got.map((m) => m.string()), expected[p], `payloads delivered to ${p}`);
    }
    assert.equal(inbox.entries.length, total);
});

test("queue group: 4 members share 1000 messages, each delivered once", { timeout: kTestTimeoutMs }, async (t) => {
    const server = await startServer(t);
    const kMembers = 4;
    const kMessages = 1000;
    const pub = await server.connect();
    const members = [];
    const inbox = new Inbox();
    const plain = new Inbox();
    for (let i = 0; i < kMembers; i++) {
        const nc = await server.connect({ name: `member-${i}` });
        inbox.subscribe(nc, "work.items", { queue: "workers", tag: `member-${i}` });
        members.push(nc);
    }
    const observer = await server.connect();
    plain.subscribe(observer, "work.items"); // a plain subscriber still sees every message
    await Promise.all([...members, observer].map((nc) => withTimeout(nc.flush(), "member flush")));

    for (let i = 0; i < kMessages; i++) pub.publish("work.items", String(i));
    await inbox.waitFor(kMessages, `${kMessages} messages across the queue group`);
    await plain.waitFor(kMessages, `${kMessages} messages on the plain subscriber`);
    await settle(pub, ...members, observer);

    assert.equal(inbox.entries.length, kMessages, "no message was delivered twice");
    const seen = inbox.entries.map((e) => Number(e.msg.string())).sort((a, b) => a - b);
    assert.deepEqual(seen, Array.from({ length: kMessages }, (_, i) => i), "every message exactly once");
    const per_member = Array.from({ length: kMembers }, (_, i) => inbox.count(`member-${i}`));
    for (const [i, n] of per_member.entries()) assert.ok(n > 0, `member-${i} got some (counts ${per_member})`);
    assert.equal(plain.count(), kMessages);
});

test("request-reply: muxed and noMux requests get their own answers", { timeout: kTestTimeoutMs }, async (t) => {
    const server = await startServer(t);
    const svc = await server.connect({ name: "service" });
    const client = await server.connect({ name: "client" });
    const reply_subjects = [];
    svc.subscribe("svc.upper", {
        callback: (err, m) => {
            assert.ifError(err);
            reply_subjects.push(m.reply);
            m.respond(enc.encode(dec.decode(m.data).toUpperCase()));
        },
    });
    await withTimeout(svc.flush(), "service flush");

    const one = await client.request("svc.upper", "hello", { timeout: kWaitMs });
    assert.equal(one.string(), "HELLO");
    assert.equal(one.subject.startsWith("_INBOX."), true, `reply subject ${one.subject}`);

    const words = Array.from({ length: 50 }, (_, i) => `word-${i}`);
    const answers = await Promise.all(words.map((w) => client.request("svc.upper", w, { timeout: kWaitMs })));
    assert.deepEqual(answers.map((m) => m.string()), words.map((w) => w.toUpperCase()));

    const direct = await client.request("svc.upper", "nomux", { timeout: kWaitMs, noMux: true });
    assert.equal(direct.string(), "NOMUX");

    assert.equal(reply_subjects.length, 52);
    for (const r of reply_subjects) assert.match(r, /^_INBOX\./);
});

test("headers: multi-valued headers and key case round trip", { timeout: kTestTimeoutMs }, async (t) => {
    const server = await startServer(t);
    const pub = await server.connect();
    const sub = await server.connect();
    const inbox = new Inbox();
    inbox.subscribe(sub, "hdr.>");
    await withTimeout(sub.flush(), "subscriber flush");

    const h = headers();
    h.append("X-Multi", "one");
    h.append("X-Multi", "two");
    h.append("X-Multi", "three");
    h.set("Content-Type", "text/plain; charset=utf-8");
    h.set("X-Mixed-CaSe", "value with  spaces: and colon");
    pub.publish("hdr.data", "body", { headers: h });
    pub.publish("hdr.empty", new Uint8Array(0), { headers: h });
    pub.publish("hdr.none", "plain");
    await inbox.waitFor(3);
    await settle(pub, sub);

    for (const [i, body] of ["body", ""].entries()) {
        const m = inbox.entries[i].msg;
        assert.ok(m.headers, `message ${i} has headers`);
        assert.deepEqual(m.headers.values("X-Multi"), ["one", "two", "three"]);
        assert.equal(m.headers.get("Content-Type"), "text/plain; charset=utf-8");
        assert.equal(m.headers.get("X-Mixed-CaSe"), "value with  spaces: and colon");
        assert.deepEqual([...m.headers.keys()].sort(), ["Content-Type", "X-Mixed-CaSe", "X-Multi"]);
        assert.equal(m.headers.hasError, false);
        assert.equal(m.headers.code, 0);
        assert.equal(m.string(), body);
    }
    assert.equal(inbox.entries[2].msg.headers, undefined, "a plain PUB arrives without headers");

    // Headers on both legs of a request.
    sub.subscribe("hdr.svc", {
        callback: (_err, m) => {
            const rh = headers();
            for (const v of m.headers.values("X-Multi")) rh.append("X-Echo", v);
            rh.set("X-Served-By", "svc");
            m.respond(m.data, { headers: rh });
        },
    });
    await withTimeout(sub.flush(), "service flush");
    const r = await pub.request("hdr.svc", "ping", { timeout: kWaitMs, headers: h });
    assert.equal(r.string(), "ping");
    assert.deepEqual(r.headers.values("X-Echo"), ["one", "two", "three"]);
    assert.equal(r.headers.get("X-Served-By"), "svc");
});

test("no responders: request to an unserved subject rejects at once", { timeout: kTestTimeoutMs }, async (t) => {
    const server = await startServer(t);
    const nc = await server.connect();
    const kLongTimeout = 20_000; // far longer than the test waits: the 503 must come from the server
    for (const noMux of [false, true]) {
        const started = Date.now();
        await withTimeout(
            assert.rejects(nc.request("nobody.home", "hi", { timeout: kLongTimeout, noMux }), (err) => {
                assert.ok(err instanceof errors.RequestError, `RequestError, got ${err}`);
                assert.equal(err.isNoResponders(), true);
                assert.ok(err.cause instanceof errors.NoRespondersError);
                assert.equal(err.message, "no responders: 'nobody.home'");
                assert.equal(err.cause.subject, "nobody.home");
                return true;
            }),
            `no-responders rejection (noMux=${noMux})`,
        );
        assert.ok(Date.now() - started < kWaitMs);
    }
    // The connection is still healthy afterwards.
    await withTimeout(nc.flush(), "flush after no-responders");
});

test("drain: subscription and connection drain deliver everything, then close", { timeout: kTestTimeoutMs }, async (t) => {
    const server = await startServer(t);
    const pub = await server.connect();
    const nc = await server.connect();
    const kCount = 200;

    const inbox = new Inbox();
    const sub_a = inbox.subscribe(nc, "drain.a");
    inbox.subscribe(nc, "drain.b");
    await withTimeout(nc.flush(), "subscriber flush");

    // Subscription drain: everything already routed to it is still delivered; the connection stays.
    for (let i = 0; i < kCount; i++) pub.publish("drain.a", String(i));
    await withTimeout(pub.flush(), "publisher flush");
    await withTimeout(sub_a.drain(), "subscription drain");
    assert.equal(sub_a.isClosed(), true);
    assert.deepEqual(inbox.msgs("drain.a").map((m) => Number(m.string())), [...Array(kCount).keys()]);
    pub.publish("drain.a", "after sub drain");
    await settle(pub, nc);
    assert.equal(inbox.count("drain.a"), kCount, "a drained subscription receives nothing more");

    // Connection drain: remaining subscriptions are drained, then the connection closes cleanly.
    for (let i = 0; i < kCount; i++) pub.publish("drain.b", String(i));
    await withTimeout(pub.flush(), "publisher flush");
    const closed = nc.closed();
    await withTimeout(nc.drain(), "connection drain");
    assert.equal(inbox.count("drain.b"), kCount);
    assert.equal(nc.isClosed(), true);
    assert.equal(await withTimeout(closed, "closed() after drain"), undefined, "closed without error");
    assert.throws(() => nc.publish("drain.b", "late"), errors.ClosedConnectionError);
    await assert.rejects(nc.flush(), errors.ClosedConnectionError);
});

test("flush and rtt", { timeout: kTestTimeoutMs }, async (t) => {
    const server = await startServer(t);
    const nc = await server.connect();
    await withTimeout(nc.flush(), "flush");
    await withTimeout(Promise.all(Array.from({ length: 20 }, () => nc.flush())), "20 concurrent flushes");
    const rtt = await withTimeout(nc.rtt(), "rtt");
    assert.equal(typeof rtt, "number");
    assert.ok(rtt >= 0 && rtt < kWaitMs, `rtt ${rtt} ms`);
});
