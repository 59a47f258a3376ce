// Object stores through nats.js v3 (@nats-io/obj) against the server in NWB_TEST_SERVER run with -js:
// a 5 MB object in chunks with its SHA-256 digest, metadata, links, list, delete and status.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { test } from "node:test";

import { jetstreamManager } from "@nats-io/jetstream";
import { Objm } from "@nats-io/obj";
import { headers } from "@nats-io/transport-node";

import { startServer, withTimeout } from "./harness.mjs";

const kTestTimeoutMs = 60_000;
const kChunk = 128 * 1024; // nats.js's default chunk size
const enc = new TextEncoder();
const dec = new TextDecoder();

/// The digest as the object store writes it: "SHA-256=" + padded base64url.
function digestOf(bytes) {
    const b64 = createHash("sha256").update(bytes).digest("base64url");
    return `SHA-256=${b64}${"=".repeat((4 - (b64.length % 4)) % 4)}`;
}

/// A ReadableStream of `bytes` in pieces of `piece` bytes (not aligned with the chunks).
function streamOf(bytes, piece) {
    let offset = 0;
    return new ReadableStream({
        pull(controller) {
            if (offset >= bytes.length) {
                controller.close();
                return;
            }
            controller.enqueue(bytes.subarray(offset, offset + piece));
            offset += piece;
        },
    });
}

async function readAll(result, what) {
    const parts = [];
    await withTimeout((async () => {
        for await (const part of result.data) parts.push(part);
    })(), what, 20_000);
    const err = await result.error;
    assert.ok(!err, `${what}: no error (${err})`);
    return Buffer.concat(parts);
}

async function startOs(t, bucket, opts = {}) {
    const server = await startServer(t, { jetstream: true });
    const nc = await server.connect();
    const objm = new Objm(nc);
    const os = await withTimeout(objm.create(bucket, opts), `create object store ${bucket}`);
    return { nc, objm, os, jsm: await jetstreamManager(nc) };
}

test("object store: 5 MB object from a stream, digest, list, delete", { timeout: kTestTimeoutMs }, async (t) => {
    const { os, objm, jsm } = await startOs(t, "files", { description: "test files" });

    const si0 = await jsm.streams.info("OBJ_files");
    assert.deepEqual(si0.config.subjects, ["$O.files.C.>", "$O.files.M.>"]);
    assert.equal(si0.config.allow_rollup_hdrs, true);
    assert.equal(si0.config.allow_direct, true);
    assert.equal(si0.config.discard, "new");
    assert.equal(si0.config.description, "test files");

    const size = 5 * 1024 * 1024;
    const blob = randomBytes(size);
    const put = await withTimeout(os.put({ name: "blob.bin" }, streamOf(blob, 100_000)), "put 5 MB", 30_000);
    assert.equal(put.bucket, "files");
    assert.equal(put.name, "blob.bin");
    assert.equal(put.size, size);
    assert.equal(put.chunks, size / kChunk);
    assert.equal(put.digest, digestOf(blob));
    assert.equal(put.deleted, false);
    assert.equal(put.options.max_chunk_size, kChunk);
    assert.equal(put.revision, size / kChunk + 1, "the meta record follows the 40 chunks");

    const info = await os.info("blob.bin");
    assert.deepEqual([info.name, info.size, info.chunks, info.digest, info.nuid, info.revision],
        [put.name, put.size, put.chunks, put.digest, put.nuid, put.revision]);

    const result = await os.get("blob.bin");
    assert.equal(result.info.digest, digestOf(blob));
    const back = await readAll(result, "read 5 MB");
    assert.equal(back.length, size);
    assert.equal(digestOf(back), info.digest, "SHA-256 of what came back equals the info's digest");
    assert.ok(back.equals(blob), "same bytes");

    // A small object with headers, metadata and a description.
    const h = headers();
    h.set("Content-Type", "text/plain");
    const small = await os.putBlob({
        name: "notes/readme.txt",
        description: "a small note",
        headers: h,
        metadata: { owner: "interop", lang: "en" },
    }, enc.encode("hello object store"));
    assert.equal(small.size, 18);
    assert.equal(small.chunks, 1);
    assert.equal(small.revision, put.revision + 2);
    const smallInfo = await os.info("notes/readme.txt");
    assert.equal(smallInfo.description, "a small note");
    assert.equal(smallInfo.headers.get("Content-Type"), "text/plain");
    assert.deepEqual(smallInfo.metadata, { owner: "interop", lang: "en" });
    assert.equal(dec.decode(await os.getBlob("notes/readme.txt")), "hello object store");

    // A link resolves to its target.
    const link = await os.link("latest.bin", info);
    assert.deepEqual(link.options.link, { bucket: "files", name: "blob.bin" });
    const viaLink = await os.get("latest.bin");
    const linked = await readAll(viaLink, "read through the link");
    assert.equal(digestOf(linked), info.digest);

    const names = (await os.list()).map((o) => o.name).sort();
    assert.deepEqual(names, ["blob.bin", "latest.bin", "notes/readme.txt"]);

    let status = await os.status();
    assert.equal(status.bucket, "files");
    assert.equal(status.description, "test files");
    assert.equal(status.storage, "file");
    assert.equal(status.replicas, 1);
    assert.equal(status.sealed, false);
    assert.equal(status.backingStore, "JetStream");
    assert.equal(status.streamInfo.state.messages, 40 + 1 + 1 + 1 + 1);
    assert.ok(status.size > size, "the store holds the 5 MB");

    // Delete: the chunks are purged and a deleted marker replaces the meta record.
    const purge = await os.delete("blob.bin");
    assert.deepEqual([purge.success, purge.purged], [true, 40]);
    assert.equal(await os.get("blob.bin"), null);
    const gone = await os.info("blob.bin");
    assert.deepEqual([gone.deleted, gone.size, gone.chunks, gone.digest], [true, 0, 0, ""]);
    assert.deepEqual((await os.list()).map((o) => o.name).sort(), ["latest.bin", "notes/readme.txt"]);
    status = await os.status();
    assert.equal(status.streamInfo.state.messages, 4, "three meta records and one chunk");
    assert.ok(status.size < 4096, `the 5 MB are gone (size ${status.size})`);

    const stores = [];
    for await (const s of objm.list()) stores.push(s.bucket);
    assert.deepEqual(stores, ["files"]);
    assert.equal(await os.destroy(), true);
    await assert.rejects(jsm.streams.info("OBJ_files"), /stream not found/);
});

test("object store: overwrite, update meta and watch", { timeout: kTestTimeoutMs }, async (t) => {
    const { os } = await startOs(t, "docs");

    const first = await os.putBlob({ name: "a.txt" }, enc.encode("version one"));
    const second = await os.putBlob({ name: "a.txt" }, enc.encode("version two, longer"));
    assert.notEqual(first.nuid, second.nuid);
    assert.equal(second.revision, 4);
    assert.equal(dec.decode(await os.getBlob("a.txt")), "version two, longer");
    // The chunks of the first version were purged: one meta record and one chunk are left.
    let status = await os.status();
    assert.equal(status.streamInfo.state.messages, 2);

    await os.update("a.txt", { name: "b.txt", description: "renamed" });
    assert.equal(await os.info("a.txt"), null);
    const b = await os.info("b.txt");
    assert.deepEqual([b.description, b.size, b.nuid], ["renamed", 19, second.nuid]);
    assert.equal(dec.decode(await os.getBlob("b.txt")), "version two, longer");

    const empty = await os.putBlob({ name: "empty" }, new Uint8Array(0));
    assert.deepEqual([empty.size, empty.chunks], [0, 0]);
    assert.equal((await os.getBlob("empty")).length, 0);

    // nats.js marks the last entry of the history as an update already.
    const watcher = await os.watch({ includeHistory: true });
    const seen = [];
    const reader = (async () => {
        for await (const e of watcher) {
            seen.push([e.name, e.deleted, e.isUpdate]);
            if (seen.length === 3) break;
        }
    })();
    await os.putBlob({ name: "c.txt" }, enc.encode("c"));
    await withTimeout(reader, "watch 3 entries");
    assert.deepEqual(seen, [["b.txt", false, false], ["empty", false, true], ["c.txt", false, true]]);
    status = await os.status();
    assert.equal(status.streamInfo.state.messages, 5);
});
