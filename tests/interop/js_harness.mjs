// JetStream helpers on top of harness.mjs: a server started with -js, with its connection, manager
// and context, and an assertion for JetStream API errors.
import assert from "node:assert/strict";

import { JetStreamApiError, jetstream, jetstreamManager } from "@nats-io/jetstream";

import { startServer, withTimeout } from "./harness.mjs";

/// Starts the server with JetStream and connects: { server, nc, jsm, js, v210 }, where v210 says
/// whether the server advertises 2.10 or later (nats.js then takes its 2.10 code paths).
export async function startJetStream(t) {
    const server = await startServer(t, { jetstream: true });
    const nc = await server.connect();
    const jsm = await withTimeout(jetstreamManager(nc), "jetstreamManager");
    const [major, minor] = nc.info.version.split(".").map(Number);
    return { server, nc, jsm, js: jetstream(nc), v210: major > 2 || (major === 2 && minor >= 10) };
}

/// `promise` rejects with a JetStreamApiError of exactly this HTTP status, err_code and description.
export async function assertApiError(promise, { status, code, description }, what) {
    await assert.rejects(withTimeout(promise, what), (err) => {
        assert.ok(err instanceof JetStreamApiError, `${what}: JetStreamApiError, got ${err}`);
        const api = err.apiError();
        assert.deepEqual({ code: api.code, err_code: api.err_code, description: api.description },
            { code: status, err_code: code, description }, what);
        return true;
    });
}
